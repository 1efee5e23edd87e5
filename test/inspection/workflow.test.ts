import { toGlobalId } from '../../src/common/global-id';
import { TestApp, codes, unitId } from '../helpers/app';
import { rawId } from '../helpers/factories';
import { activeTjScheme, FINALIZE, OPEN, RESPOND, runInspection, SCORE, SUBMIT } from './helpers';

const RANKING = `query($id: ID!) { inspectionRanking(schemeId: $id) { rank total grade unit { code } } }`;

describe('inspection workflow', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create();
  });
  afterAll(() => app.close());

  it('opens, scores, submits, takes a response, finalises and freezes', async () => {
    const { id: schemeId, ind } = await activeTjScheme(app);
    const opened = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, 'TJ-JCS') } }, 'tj-inspector');
    expect(opened.errors).toBeUndefined();
    const insp = opened.data!.openInspection;
    expect(insp.status).toBe('OPEN');
    const auto = insp.scores.find((s: any) => s.indicator.code === 'A1');
    expect(auto.figures).toMatchObject({ numerator: expect.any(Number), denominator: 1 });
    expect(auto.score).not.toBeNull();

    const score = (input: Record<string, unknown>, as = 'tj-inspector') =>
      app.gql(
        SCORE,
        { input: { inspectionId: insp.id, expectedVersion: insp.version, comment: '公告栏内容完整', evidence: ['津关监〔2025〕1号'], ...input } },
        as,
      );
    const tooHigh = await score({ indicatorId: ind.M1, score: 41 });
    expect(tooHigh.errors![0].extensions!.fields).toEqual([
      { field: 'input.score', message: expect.stringMatching(/不能超过 40 分/), messageKey: 'inspection.score.tooHigh' },
    ]);
    const negative = await score({ indicatorId: ind.M1, score: -1 });
    expect(negative.errors![0].extensions!.fields[0].field).toBe('input.score');
    const automatic = await score({ indicatorId: ind.A1, score: 10 });
    expect(automatic.errors![0].extensions!.fields).toEqual([
      { field: 'input.indicatorId', message: expect.stringMatching(/AUTOMATIC/), messageKey: 'inspection.score.automaticIndicator' },
    ]);
    expect(codes(await score({ indicatorId: ind.M1, score: 30 }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    const [unchanged] = await app.sql(`select count(*)::int as n from inspection_score where score is not null and comment is not null`);

    const s1 = await score({ indicatorId: ind.M1, score: 36.5 });
    expect(s1.errors).toBeUndefined();
    // A second scorer with the old version is caught.
    const stale = await score({ indicatorId: ind.M2, score: 30 });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await app.sql(`select count(*)::int as n from inspection_score where score is not null and comment is not null`))[0].n).toBe(unchanged.n + 1);

    let version = s1.data!.scoreIndicator.version;
    const early = await app.gql(SUBMIT, { input: { id: insp.id, expectedVersion: version } }, 'tj-inspector');
    expect(codes(early)).toEqual(['FAILED_PRECONDITION']);
    expect(early.errors![0].message).toBe('需要先为以下人工评分指标评分才能提交：M2 问题整改落实');
    const s2 = await app.gql(SCORE, { input: { inspectionId: insp.id, indicatorId: ind.M2, expectedVersion: version, score: 35 } }, 'tj-inspector');
    version = s2.data!.scoreIndicator.version;
    const sub = await app.gql(SUBMIT, { input: { id: insp.id, expectedVersion: version } }, 'tj-inspector');
    expect(sub.errors).toBeUndefined();
    expect(sub.data!.submitInspection.status).toBe('SUBMITTED');
    version = sub.data!.submitInspection.version;

    const late = await app.gql(SCORE, { input: { inspectionId: insp.id, indicatorId: ind.M2, expectedVersion: version, score: 1 } }, 'tj-inspector');
    expect(codes(late)).toEqual(['FAILED_PRECONDITION']);
    expect(late.errors![0].message).toBe('检查评估已提交，评分不能再修改');
    expect(codes(await app.gql(RESPOND, { input: { id: insp.id, expectedVersion: version, response: '已整改' } }, 'tj-inspector'))).toEqual(['FORBIDDEN']);
    const resp = await app.gql(RESPOND, { input: { id: insp.id, expectedVersion: version, response: '已按要求更新公告栏' } }, 'tj-admin');
    expect(resp.errors).toBeUndefined();
    version = resp.data!.respondToInspection.version;

    const fin = await app.gql(FINALIZE, { input: { id: insp.id, expectedVersion: version } }, 'tj-inspector');
    expect(fin.errors).toBeUndefined();
    const done = fin.data!.finalizeInspection;
    expect(done.status).toBe('FINALIZED');
    expect(done.total).toBeCloseTo(71.5 + auto.score, 2);
    expect(done.rank).toBe(1);

    // Frozen: every change is refused with a clear reason, and the database refuses too.
    const again = await app.gql(SCORE, { input: { inspectionId: insp.id, indicatorId: ind.M1, expectedVersion: done.version, score: 1 } }, 'tj-inspector');
    expect(codes(again)).toEqual(['FAILED_PRECONDITION']);
    expect(again.errors![0].message).toMatch(/已定稿.*更正/);
    const againEn = await app.gql(SCORE, { input: { inspectionId: insp.id, indicatorId: ind.M1, expectedVersion: done.version, score: 1 } }, 'tj-inspector', {
      acceptLanguage: 'en',
    });
    expect(againEn.errors![0].message).toBe('The inspection is finalised and never changes: open a correction with a reason instead');
    expect(againEn.errors![0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', messageKey: 'inspection.actions.finalized' });
    expect(codes(await app.gql(RESPOND, { input: { id: insp.id, expectedVersion: done.version, response: 'x' } }, 'tj-admin'))).toEqual([
      'FAILED_PRECONDITION',
    ]);
    const numeric = rawId(insp.id);
    await expect(app.sql(`update inspection set total = 100 where id = $1`, [numeric])).rejects.toThrow(/finalised/);
    await expect(app.sql(`update inspection_score set score = 0 where inspection_id = $1`, [numeric])).rejects.toThrow(/finalised/);

    // A correction is a new inspection naming the finalised one and a reason.
    const unitGid = await unitId(app, 'TJ-JCS');
    const dup = await app.gql(OPEN, { input: { schemeId, unitId: unitGid } }, 'tj-inspector');
    expect(dup.errors![0].extensions!.fields[0].field).toBe('input.correctsId');
    const noReason = await app.gql(OPEN, { input: { schemeId, unitId: unitGid, correctsId: insp.id } }, 'tj-inspector');
    expect(noReason.errors![0].extensions!.fields[0].field).toBe('input.correctionReason');
    const corr = await app.gql(OPEN, { input: { schemeId, unitId: unitGid, correctsId: insp.id, correctionReason: '评分录入有误' } }, 'tj-inspector');
    expect(corr.errors).toBeUndefined();

    const actions = await app.sql(`select action from audit_record where target_id = $1 order by id`, [insp.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'inspection.openInspection',
      'inspection.scoreIndicator',
      'inspection.scoreIndicator',
      'inspection.submitInspection',
      'inspection.respondToInspection',
      'inspection.finalizeInspection',
    ]);
  });

  it('refuses an inspector out of scope and units outside the issuing district', async () => {
    const { id: schemeId } = await activeTjScheme(app);
    const out = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, 'HP-DG') } }, 'tj-inspector');
    expect(codes(out)).toEqual(['FORBIDDEN']);
    expect(out.errors![0].message).toMatch(/东莞海关.*INSPECTOR/);
    const issuer = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, 'TJ') } }, 'tj-inspector');
    expect(issuer.errors![0].extensions!.fields[0].field).toBe('input.unitId');
    const national = (await app.sql(`select id from inspection_scheme where name like '%直属海关%'`))[0].id;
    const hp = await app.gql(OPEN, { input: { schemeId: toGlobalId('InspectionScheme', national), unitId: await unitId(app, 'HP') } }, 'tj-inspector');
    expect(codes(hp)).toEqual(['FORBIDDEN']);
  });

  it('ranks ties by standard competition ranking (1, 2, 2, 4) and finalises only within the issuing unit', async () => {
    // Manual indicators only, so equal scores make equal totals.
    const { id: schemeId, ind } = await activeTjScheme(app, {
      indicators: [
        { code: 'M1', name: '公开形式到位', dimension: 'FORM', maxScore: 50, method: 'MANUAL' },
        { code: 'M2', name: '问题整改落实', dimension: 'RESOLUTION', maxScore: 50, method: 'MANUAL' },
      ],
    });
    await runInspection(app, schemeId, ind, 'TJ-ZGB', 30, 30);
    await runInspection(app, schemeId, ind, 'TJ-JSC', 35, 35);
    await runInspection(app, schemeId, ind, 'TJ-CWC', 30, 30);
    const pending = await runInspection(app, schemeId, ind, 'TJ-BGS', 40, 40, false);
    const res = await app.gql(RANKING, { id: schemeId }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    const rows = res.data!.inspectionRanking;
    expect(rows.map((r: any) => [r.unit.code, r.rank, r.total])).toEqual([
      ['TJ-JSC', 1, 70],
      ['TJ-CWC', 2, 60],
      ['TJ-ZGB', 2, 60],
    ]);
    // After the tie at 2 the next rank is 4 (standard competition ranking).
    await runInspection(app, schemeId, ind, 'TJ-FGC', 10, 10);
    const after = (await app.gql(RANKING, { id: schemeId }, 'tj-admin')).data!.inspectionRanking;
    expect(after.map((r: any) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(after[3].unit.code).toBe('TJ-FGC');
    // The pending one is not ranked; a sibling district's admin sees none of it.
    expect(after.map((r: any) => r.unit.code)).not.toContain('TJ-BGS');
    expect((await app.gql(RANKING, { id: schemeId }, 'hp-admin')).data!.inspectionRanking).toEqual([]);
    // Finalising needs the issuing unit: hp-admin cannot even see it.
    expect(codes(await app.gql(FINALIZE, { input: { id: pending.id, expectedVersion: pending.version } }, 'hp-admin'))).toEqual(['NOT_FOUND']);
  });

  it('ranks the seeded 2017 schemes', async () => {
    const [tj] = await app.sql(`select id from inspection_scheme where name = '2017年度天津海关政务公开考核评估指标'`);
    const res = await app.gql(RANKING, { id: toGlobalId('InspectionScheme', tj.id) }, 'tj-admin');
    expect(res.data!.inspectionRanking.map((r: any) => r.unit.code)).toEqual(['TJ-BGS', 'TJ-ZXFW', 'TJ-FGC', 'TJ-XG']);
    const [nat] = await app.sql(`select id from inspection_scheme where name like '%直属海关%'`);
    const national = await app.gql(RANKING, { id: toGlobalId('InspectionScheme', nat.id) }, 'admin');
    expect(national.data!.inspectionRanking.map((r: any) => [r.unit.code, r.rank, r.grade])).toEqual([
      ['TJ', 1, '优秀'],
      ['HP', 2, '良好'],
      ['XN', 3, '良好'],
    ]);
    const open = await app.sql(`select count(*)::int as n from inspection where status = 'OPEN'`);
    expect(open[0].n).toBeGreaterThanOrEqual(1);
  });
});
