import type { TestApp } from '../helpers/app';

export const SAVE = `mutation($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) {
  id status revision version figures correctionReason template { code } warnings { field cell rule message } } }`;
export const SUBMIT = `mutation($input: SubmitAnnualStatisticsInput!) { submitAnnualStatistics(input: $input) { id status version } }`;
export const ACCEPT = `mutation($input: ReviewAnnualStatisticsInput!) { acceptAnnualStatistics(input: $input) { id status version reviewComment } }`;
export const RETURN = `mutation($input: ReviewAnnualStatisticsInput!) { returnAnnualStatistics(input: $input) { id status version reviewComment } }`;
export const LIST = `query($unitId: ID!, $year: Int!) { annualStatistics(unitId: $unitId, year: $year) { id status revision figures reviewComment template { code } } }`;

const T3_COLS = ['NP', 'BIZ', 'RES', 'NGO', 'LAW', 'OTH'];
const T3_ROWS = [
  'new',
  'carriedOver',
  'granted',
  'partly',
  'refused.secret',
  'refused.law',
  'refused.safety',
  'refused.thirdParty',
  'refused.internal',
  'refused.process',
  'refused.caseFile',
  'refused.inquiry',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.unclear',
  'notProcessed.petition',
  'notProcessed.repeat',
  'notProcessed.publication',
  'notProcessed.massRepeat',
  'notProcessed.confirm',
  'other.noCorrection',
  'other.noFee',
  'other.other',
  'resultTotal',
  'carriedForward',
];
const RESULT_PARTS = T3_ROWS.filter((r) => !['new', 'carriedOver', 'resultTotal', 'carriedForward'].includes(r));

/**
 * A complete, consistent GOV-2021 table 3 from per-applicant figures (unset cells are 0): result
 * totals and the 总计 column are computed, so every check passes unless the caller breaks one.
 */
export function table3(byColumn: Record<string, Partial<Record<string, number>>>): Record<string, number> {
  const f: Record<string, number> = {};
  for (const col of T3_COLS) {
    const v = byColumn[col] ?? {};
    for (const row of T3_ROWS) f[`t3.${row}.${col}`] = v[row] ?? 0;
    f[`t3.resultTotal.${col}`] = RESULT_PARTS.reduce((s, r) => s + f[`t3.${r}.${col}`], 0);
    if (v.carriedForward === undefined) f[`t3.carriedForward.${col}`] = f[`t3.new.${col}`] + f[`t3.carriedOver.${col}`] - f[`t3.resultTotal.${col}`];
  }
  for (const row of T3_ROWS) f[`t3.${row}.TOTAL`] = T3_COLS.reduce((s, c) => s + f[`t3.${row}.${c}`], 0);
  return f;
}

let keySeq = 0;
/** A fresh idempotency key. */
export function newKey(): string {
  return `key-${Date.now()}-${++keySeq}`;
}

export const SUBMIT_REPORT = `mutation($input: AnnualReportRefInput!) { submitAnnualReport(input: $input) { status reviewRound version } }`;
export const REVIEW_REPORT = `mutation($input: ReviewAnnualReportInput!) { reviewAnnualReport(input: $input) { status reviewRound version } }`;
export const PUBLISH_REPORT = `mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { status url publishedAt revision html markdown } }`;

/** Submits a unit's report as `writer` and passes both reviews (法规处审核 as `legal`, 保密审查 as `secrecy`): it is then APPROVED. */
export async function approveReport(app: TestApp, unitId: string, year: number, writer: string, legal: string, secrecy: string): Promise<void> {
  const steps = [
    await app.gql(SUBMIT_REPORT, { input: { unitId, year } }, writer),
    await app.gql(REVIEW_REPORT, { input: { unitId, year, kind: 'LEGAL', decision: 'PASS', comment: '经审核，同意公开' } }, legal),
    await app.gql(REVIEW_REPORT, { input: { unitId, year, kind: 'SECRECY', decision: 'PASS', comment: '不涉及国家秘密' } }, secrecy),
  ];
  for (const s of steps) if (s.errors) throw new Error(JSON.stringify(s.errors));
  if (steps[2].data!.reviewAnnualReport.status !== 'APPROVED') throw new Error(`not approved: ${JSON.stringify(steps[2].data)}`);
}
