import type { TestApp } from '../helpers/app';

export const REQUEST_FIELDS = `id trackingNumber channel applicantType description receivedOn status dueOn pausedSince correctionAnswerBy pausedWorkingDays
  extensionWorkingDays outcome outcomeReason referredTo concludedOn feeAmount reconsiderationResult litigationResult litigationAfterReconsideration
  version overdue concludedOnTime viewerCanHandle bodyUnit { code }
  applicant { name idDocument address phone email }
  events { kind occurredOn note dueOnAfter actor { username } }
  documents { kind title issuedOn markdown html }`;

const m = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { ${REQUEST_FIELDS} } }`;
export const REGISTER = m('registerRequest', 'RegisterRequestInput');
export const CORRECTION = m('requestCorrection', 'RequestCorrectionInput');
export const ANSWER = m('answerCorrection', 'RequestStepInput');
export const START_CONSULT = m('startConsultation', 'StartConsultationInput');
export const END_CONSULT = m('endConsultation', 'RequestStepInput');
export const EXTEND = m('extendRequest', 'ExtendRequestInput');
export const CONCLUDE = m('concludeRequest', 'ConcludeRequestInput');
export const WITHDRAW = m('withdrawRequest', 'RequestStepInput');
export const APPEAL = m('recordRequestAppeal', 'RecordAppealInput');
export const FEE = m('recordRequestFee', 'RecordFeeInput');
export const REQUEST = `query($id: ID!) { disclosureRequest(id: $id) { ${REQUEST_FIELDS} } }`;
export const REQUESTS = `query($body: ID, $first: Int) { disclosureRequests(bodyUnitId: $body, first: $first) { totalCount nodes { id trackingNumber applicant { name } } } }`;
export const FILE = `mutation($input: FileRequestInput!) { fileRequest(input: $input) { trackingNumber secret receivedOn dueOn } }`;
export const STATUS = `query($t: String!, $s: String!) { requestStatus(trackingNumber: $t, secret: $s) {
  trackingNumber bodyName receivedOn status dueOn outcome concludedOn events { kind occurredOn } documents { kind title html } } }`;
export const STATISTICS = `query($unitId: ID!, $year: Int!) { requestStatistics(unitId: $unitId, year: $year) {
  year templateCode received carriedOver concluded carriedForward withdrawn gov2021 customs2009 feesCharged feesTotal failedChecks unit { code } } }`;
export const FILL = `mutation($input: FillStatisticsFromRequestsInput!) { fillAnnualStatisticsFromRequests(input: $input) {
  registerCells catalogueCells statistics { id status revision figures notes version } figures { received } } }`;
export const CORRECT_CELL = `mutation($input: CorrectFilledCellInput!) { correctFilledStatisticsCell(input: $input) { id figures notes version } }`;

/** A paper request to 天津海关 received on `receivedOn`, as a liaison would register it. */
export function paperRequest(bodyUnitId: string, receivedOn: string, extra: Record<string, unknown> = {}) {
  return {
    bodyUnitId,
    channel: 'LETTER',
    applicantType: 'NATURAL_PERSON',
    applicant: { name: '周某', idDocument: '120101199001011234', address: '天津市河西区某路2号', phone: '13800138000', email: 'zhou@example.com' },
    description: '2025年天津海关行政许可事项办理时限',
    receivedOn,
    ...extra,
  };
}

/** Rows of the register, the audit trail and the statistics (to prove a refusal wrote nothing). */
export async function writeCounts(app: TestApp): Promise<Record<string, number>> {
  const [r] = await app.sql(`select (select count(*) from disclosure_request)::int as requests,
    (select count(*) from disclosure_request_event)::int as events, (select count(*) from disclosure_request_document)::int as documents,
    (select count(*) from audit_record)::int as audits, (select coalesce(sum(version), 0) from disclosure_request)::int as versions,
    (select count(*) from annual_statistics)::int as statistics`);
  return r;
}

/** Field names of a BAD_USER_INPUT result. */
export function badFields(res: { errors?: { extensions?: Record<string, any> }[] }): string[] {
  return (res.errors ?? []).flatMap((e) => (e.extensions?.fields ?? []).map((f: { field: string }) => f.field)).sort();
}
