import type { TestApp } from '../helpers/app';

export const CASE_FIELDS = `id kind channel restricted subject anonymous receivedOn handlingMode timeLimitDays dueOn level initialLevel escalations status
  result closedOn feedbackOn feedbackMethod followUpOn satisfaction trackingNumber version overdue closedOnTime viewerCanHandle
  unit { code } handlingUnit { code } owner { username } reporter { name contact organisation }
  steps { kind fromLevel toLevel fromUnit { code } toUnit { code } actor { username } reason }`;

export const OPEN = `mutation($input: OpenContactCaseInput!) { openContactCase(input: $input) { ${CASE_FIELDS} } }`;
export const ESCALATE = `mutation($input: EscalateContactCaseInput!) { escalateContactCase(input: $input) { ${CASE_FIELDS} } }`;
export const CLOSE = `mutation($input: CloseContactCaseInput!) { closeContactCase(input: $input) { ${CASE_FIELDS} } }`;
export const FOLLOW_UP = `mutation($input: RecordContactFollowUpInput!) { recordContactFollowUp(input: $input) { ${CASE_FIELDS} } }`;
export const CASES = `query($unitId: ID, $kind: ContactCaseKind, $status: ContactCaseStatus, $first: Int) {
  contactCases(unitId: $unitId, kind: $kind, status: $status, first: $first) { totalCount nodes { id kind subject restricted unit { code } } } }`;
export const CASE = `query($id: ID!) { contactCase(id: $id) { ${CASE_FIELDS} } }`;
export const FIGURES = `query($unitId: ID!, $year: Int!, $all: Boolean) { contactFigures(unitId: $unitId, year: $year, includeSubordinateOffices: $all) {
  year consultationsTotal consultationsByPhone consultationsAtCounter consultationsOnline consultationsOther consultationsEscalated
  difficultQuestionsResolved complaints tipOffs suggestions followUps satisfactionRate cells unit { code } } }`;
export const SUBMIT = `mutation($input: SubmitPublicContactInput!) { submitPublicContact(input: $input) { trackingNumber secret receivedOn dueOn } }`;
export const PUBLIC_READ = `query($t: String!, $s: String!) { publicContactCase(trackingNumber: $t, secret: $s) {
  trackingNumber kind unitName subject receivedOn dueOn status result closedOn } }`;
export const LOG = `mutation($input: LogConsultationInput!) { logConsultation(input: $input) { id channel topic outcome count isTally occurredOn unit { code } } }`;
export const COUNTS = `mutation($input: RecordConsultationCountsInput!) { recordConsultationCounts(input: $input) { rowsWritten total } }`;

/** Rows of every contact table, the audit trail and the statistics (to prove a refusal wrote nothing). */
export async function writeCounts(app: TestApp): Promise<Record<string, number>> {
  const [r] = await app.sql(`select (select count(*) from contact_case)::int as cases, (select count(*) from contact_case_step)::int as steps,
    (select count(*) from contact_consultation)::int as logs, (select coalesce(sum(count), 0) from contact_consultation)::int as logged,
    (select count(*) from audit_record)::int as audits, (select count(*) from annual_statistics)::int as statistics,
    (select coalesce(sum(version), 0) from contact_case)::int as versions`);
  return r;
}

/** The database id of a global id. */
export const dbId = (gid: string) => Number(Buffer.from(gid, 'base64url').toString().split(':')[1]);
export const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString('base64url');
