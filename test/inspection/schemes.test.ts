import { TestApp, codes, unitId } from '../helpers/app';
import { rawId } from '../helpers/factories';
import { ACTIVATE, CREATE, schemeInput } from './helpers';

const UPDATE = `mutation($input: UpdateInspectionSchemeInput!) { updateInspectionScheme(input: $input) { id version totalScore indicators { code maxScore } } }`;

describe('inspection schemes', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.create();
  });
  afterAll(() => app.close());

  it('refuses activation while the maxima do not add up, then activates and freezes the scheme', async () => {
    const input = schemeInput(await unitId(app, 'TJ'));
    input.indicators[0].maxScore = 35;
    const created = await app.gql(CREATE, { input }, 'tj-admin');
    expect(created.errors).toBeUndefined();
    const s = created.data!.createInspectionScheme;
    expect(s.status).toBe('DRAFT');

    const bad = await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'tj-admin');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].message).toMatch(/add up to 95, not the scheme's total 100/);
    const [row] = await app.sql(`select status from inspection_scheme where id = $1`, [rawId(s.id)]);
    expect(row.status).toBe('DRAFT');

    const stale = await app.gql(UPDATE, { input: { id: s.id, expectedVersion: s.version + 5, totalScore: 95 } }, 'tj-admin');
    expect(codes(stale)).toEqual(['CONFLICT']);
    const fixed = await app.gql(UPDATE, { input: { id: s.id, expectedVersion: s.version, totalScore: 95 } }, 'tj-admin');
    expect(fixed.errors).toBeUndefined();
    const act = await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: fixed.data!.updateInspectionScheme.version } }, 'tj-admin');
    expect(act.errors).toBeUndefined();
    expect(act.data!.activateInspectionScheme.status).toBe('ACTIVE');

    const frozen = await app.gql(UPDATE, { input: { id: s.id, expectedVersion: act.data!.activateInspectionScheme.version, indicators: [] } }, 'tj-admin');
    expect(codes(frozen)).toEqual(['BAD_USER_INPUT']);
    expect(frozen.errors![0].extensions!.fields[0]).toEqual({ field: 'input.id', message: expect.stringMatching(/active scheme.*frozen/) });
    // The database refuses too, whatever the code path.
    await expect(
      app.sql(`update inspection_indicator set max_score = 1 where scheme_id = (select id from inspection_scheme where name = $1)`, [input.name]),
    ).rejects.toThrow(/frozen/);
  });

  it('refuses schemes with no indicators at activation', async () => {
    const created = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'TJ'), { indicators: [] }) }, 'tj-admin');
    const s = created.data!.createInspectionScheme;
    const bad = await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'tj-admin');
    expect(bad.errors![0].extensions!.fields).toEqual([{ field: 'input.id', message: 'has no indicators' }]);
  });

  it('names every bad field and writes nothing', async () => {
    const input = schemeInput(await unitId(app, 'TJ'), { year: 1800, gradeBands: [{ grade: '优秀', minScore: 90 }] }) as any;
    input.indicators[1].maxScore = -5;
    input.indicators[2].metric = null;
    input.indicators[0].metric = 'LIAISON_COVERAGE';
    input.indicators.push({ ...input.indicators[0], metric: null });
    const before = await app.sql(`select count(*)::int as n from inspection_scheme`);
    const res = await app.gql(CREATE, { input }, 'tj-admin');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.fields.map((f: any) => f.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'input.year',
        'input.gradeBands',
        'input.indicators.1.maxScore',
        'input.indicators.2.metric',
        'input.indicators.0.metric',
        'input.indicators.3.code',
      ]),
    );
    expect(await app.sql(`select count(*)::int as n from inspection_scheme`)).toEqual(before);
  });

  it('lets only CENTRAL_ADMIN issue the national scheme and district admins their own', async () => {
    const national = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'GACC')) }, 'tj-admin');
    expect(codes(national)).toEqual(['FORBIDDEN']);
    const other = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'HP')) }, 'tj-admin');
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const division = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'TJ-BGS')) }, 'tj-admin');
    expect(division.errors![0].extensions!.fields[0].field).toBe('input.issuerUnitId');
    const inspector = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'TJ')) }, 'tj-inspector');
    expect(codes(inspector)).toEqual(['FORBIDDEN']);
    const ok = await app.gql(CREATE, { input: schemeInput(await unitId(app, 'GACC')) }, 'admin');
    expect(ok.errors).toBeUndefined();
    const audit = await app.sql(`select count(*)::int as n from audit_record where action = 'inspection.createInspectionScheme'`);
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('shows drafts only to the issuing unit and active schemes to staff', async () => {
    const q = `{ inspectionSchemes(first: 100) { totalCount nodes { name status issuerUnit { name } gradeBands { grade minScore } } } }`;
    const hp = await app.gql(q, {}, 'hp-admin');
    expect(hp.data!.inspectionSchemes.nodes.every((n: any) => n.status === 'ACTIVE')).toBe(true);
    expect(hp.data!.inspectionSchemes.nodes.map((n: any) => n.name)).toContain('2017年度天津海关政务公开考核评估指标');
    const tj = await app.gql(q, {}, 'tj-admin');
    expect(tj.data!.inspectionSchemes.nodes.some((n: any) => n.status === 'DRAFT')).toBe(true);
    expect(tj.data!.inspectionSchemes.nodes[0].gradeBands.map((b: any) => b.grade)).toEqual(['优秀', '良好', '合格', '不合格']);
    expect(codes(await app.gql(q, {}, null))).toEqual(['UNAUTHENTICATED']);
  });
});
