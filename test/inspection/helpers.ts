import { TestApp, unitId } from '../helpers/app';

/** A 100-point scheme: two MANUAL indicators and one AUTOMATIC one. */
export function schemeInput(issuerUnitId: string, overrides: Record<string, unknown> = {}) {
  return {
    issuerUnitId,
    year: 2025,
    name: `测试考核方案 ${Math.random().toString(36).slice(2, 8)}`,
    indicators: [
      { code: 'M1', name: '公开形式到位', dimension: 'FORM', maxScore: 40, method: 'MANUAL', guidance: '公告栏、门户网站' },
      { code: 'M2', name: '问题整改落实', dimension: 'RESOLUTION', maxScore: 40, method: 'MANUAL' },
      {
        code: 'A1',
        name: '联络员配备',
        dimension: 'MECHANISM',
        maxScore: 20,
        method: 'AUTOMATIC',
        metric: 'LIAISON_COVERAGE',
        rule: { kind: 'LINEAR', zeroAt: 0, fullAt: 1 },
      },
    ],
    ...overrides,
  };
}

export const CREATE = `mutation($input: CreateInspectionSchemeInput!) { createInspectionScheme(input: $input) { id status version totalScore indicators { id code method } } }`;
export const ACTIVATE = `mutation($input: ActivateInspectionSchemeInput!) { activateInspectionScheme(input: $input) { id status version } }`;
export const OPEN = `mutation($input: OpenInspectionInput!) { openInspection(input: $input) { id status version scores { score indicator { id code method } figures { numerator denominator rate basis } } } }`;
export const SCORE = `mutation($input: ScoreIndicatorInput!) { scoreIndicator(input: $input) { id version scores { score comment evidence indicator { code } } } }`;
export const SUBMIT = `mutation($input: InspectionStepInput!) { submitInspection(input: $input) { id status version total grade } }`;
export const RESPOND = `mutation($input: RespondToInspectionInput!) { respondToInspection(input: $input) { id version response } }`;
export const FINALIZE = `mutation($input: InspectionStepInput!) { finalizeInspection(input: $input) { id status version total grade rank } }`;

/** Creates and activates a TJ scheme as tj-admin; returns its id and indicator ids by code. */
export async function activeTjScheme(app: TestApp, overrides: Record<string, unknown> = {}) {
  const created = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'TJ'), overrides) }, 'tj-admin');
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const s = created.data!.createInspectionScheme;
  const act = await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'tj-admin');
  if (act.errors) throw new Error(JSON.stringify(act.errors));
  const ind: Record<string, string> = Object.fromEntries(s.indicators.map((i: any) => [i.code, i.id]));
  return { id: s.id as string, ind };
}

/** Opens, scores fully, submits and (optionally) finalises an inspection of `unitCode`. */
export async function runInspection(app: TestApp, schemeId: string, ind: Record<string, string>, unitCode: string, m1: number, m2: number, finalize = true) {
  const opened = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, unitCode) } }, 'tj-inspector');
  if (opened.errors) throw new Error(JSON.stringify(opened.errors));
  let { id, version } = opened.data!.openInspection;
  for (const [code, score] of [
    ['M1', m1],
    ['M2', m2],
  ] as const) {
    const r = await app.gql(
      SCORE,
      { input: { inspectionId: id, indicatorId: ind[code], expectedVersion: version, score, comment: '检查意见', evidence: ['检查记录'] } },
      'tj-inspector',
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    version = r.data!.scoreIndicator.version;
  }
  const sub = await app.gql(SUBMIT, { input: { id, expectedVersion: version } }, 'tj-inspector');
  if (sub.errors) throw new Error(JSON.stringify(sub.errors));
  version = sub.data!.submitInspection.version;
  if (!finalize) return { id, version };
  const fin = await app.gql(FINALIZE, { input: { id, expectedVersion: version } }, 'tj-admin');
  if (fin.errors) throw new Error(JSON.stringify(fin.errors));
  return { id, version: fin.data!.finalizeInspection.version, result: fin.data!.finalizeInspection };
}
