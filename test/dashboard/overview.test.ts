import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { OVERVIEW } from './fixtures';

let app: TestApp;
const asOf = '2026-06-15';

beforeAll(async () => {
  app = await TestApp.create();
  // A district built for the test:
  //   OV ─┬─ OV-O1 (subordinate office) ── OV-O1-D (division)
  //       ├─ OV-D1 (division) ── OV-D1-S (section)
  //       ├─ OV-D2 (division)
  //       └─ OV-D3 (division, deactivated)
  await make.unit(app, { code: 'OV', kind: 'DISTRICT', parent: 'GACC' });
  await make.unit(app, { code: 'OV-O1', kind: 'SUBORDINATE_OFFICE', parent: 'OV' });
  await make.unit(app, { code: 'OV-O1-D', kind: 'DIVISION', parent: 'OV-O1' });
  await make.unit(app, { code: 'OV-D1', kind: 'DIVISION', parent: 'OV' });
  await make.unit(app, { code: 'OV-D1-S', kind: 'SECTION', parent: 'OV-D1' });
  await make.unit(app, { code: 'OV-D2', kind: 'DIVISION', parent: 'OV' });
  await make.unit(app, { code: 'OV-D3', kind: 'DIVISION', parent: 'OV', active: false });

  // Office-level items of the district itself.
  await make.item(app, {
    unit: 'OV',
    status: 'PUBLISHED',
    mode: 'STANDING',
    isPublic: true,
    publishedAt: '2026-03-01T10:00:00+08:00',
    nextMaintenance: '2026-06-01',
  });
  await make.item(app, {
    unit: 'OV',
    status: 'PUBLISHED',
    mode: 'STANDING',
    isPublic: true,
    publishedAt: '2025-05-01T10:00:00+08:00',
    nextMaintenance: '2026-06-20',
  });
  await make.item(app, { unit: 'OV', status: 'DRAFT', deadline: '2026-06-01' }); // overdue
  await make.item(app, { unit: 'OV', status: 'IN_REVIEW', deadline: '2026-07-01' });
  await make.item(app, { unit: 'OV', status: 'DRAFT', mode: 'WITHHELD', deadline: '2026-05-01', withholding: 'PENDING' }); // pending, so not overdue
  // The subordinate office and its division.
  await make.item(app, { unit: 'OV-O1', status: 'APPROVED', deadline: '2026-06-10' }); // overdue
  // Half past midnight on New Year's Day in China is still 2025 in UTC: counts for 2026.
  await make.item(app, {
    unit: 'OV-O1',
    status: 'PUBLISHED',
    mode: 'STANDING',
    isPublic: true,
    publishedAt: '2026-01-01T00:30:00+08:00',
    nextMaintenance: '2027-01-01',
  });
  await make.item(app, { unit: 'OV-O1-D', status: 'RETURNED', deadline: '2026-06-14' }); // overdue
  await make.item(app, {
    unit: 'OV-O1-D',
    status: 'PUBLISHED',
    mode: 'PERIODIC',
    isPublic: true,
    publishedAt: '2025-12-31T23:30:00+08:00',
    nextDue: '2026-06-01',
  });
  // Division-level items.
  await make.item(app, { unit: 'OV-D1', status: 'RETIRED', publishedAt: '2025-03-01T10:00:00+08:00' });
  await make.item(app, { unit: 'OV-D1', status: 'DRAFT', deadline: '2026-08-01' });
  await make.item(app, { unit: 'OV-D1-S', status: 'DRAFT', mode: 'WITHHELD', deadline: '2026-06-14', withholding: 'WITHHOLD' }); // ruled withheld: not overdue

  // Liaisons: required units are OV-O1, OV-O1-D, OV-D1, OV-D2 (OV-D3 is deactivated).
  await make.appointment(app, { unit: 'OV-O1', person: '甲', kind: 'DEPARTMENT', start: '2025-01-01' });
  await make.appointment(app, { unit: 'OV-D1', person: '乙', kind: 'DEPARTMENT', start: '2026-02-01' });
  await make.appointment(app, { unit: 'OV-O1-D', person: '丙', kind: 'DEPARTMENT', start: '2024-01-01', end: '2025-12-31' });
  await make.appointment(app, { unit: 'OV-D2', person: '丁', kind: 'DEPARTMENT', start: '2025-06-01', end: '2026-03-31' });
  await make.appointment(app, { unit: 'OV-D2', person: '戊', kind: 'INVITED', start: '2025-06-01' });
  await make.appointment(app, { unit: 'OV-D3', person: '己', kind: 'DEPARTMENT', start: '2025-06-01' });

  // Statistics (GOV-2021 keys); OV-O1-D is a grandchild: in the sums, not among the children.
  const gov = (requests: number, review: number, suitDirect: number, suitAfterReview: number) => ({
    't3.new.TOTAL': requests,
    't4.review.total': review,
    't4.suitDirect.total': suitDirect,
    't4.suitAfterReview.total': suitAfterReview,
  });
  await make.statistics(app, { unit: 'OV', year: 2026, status: 'ACCEPTED', figures: gov(10, 1, 1, 0) });
  await make.statistics(app, { unit: 'OV-O1', year: 2026, status: 'ACCEPTED', figures: gov(5, 2, 0, 1) });
  await make.statistics(app, { unit: 'OV-O1-D', year: 2026, status: 'ACCEPTED', figures: { 't3.new.TOTAL': 100 } });
  await make.statistics(app, { unit: 'OV-D1', year: 2026, status: 'SUBMITTED', figures: gov(7, 7, 7, 7) });
  await make.statistics(app, { unit: 'OV', year: 2025, status: 'ACCEPTED', figures: gov(20, 3, 0, 0) });
  await make.statistics(app, { unit: 'OV-O1', year: 2025, status: 'DRAFT', figures: gov(9, 9, 9, 9) });
  // Across the change of template (CUSTOMS-2009 until 2020, GOV-2021 from 2021).
  await make.statistics(app, { unit: 'OV', year: 2020, status: 'ACCEPTED', figures: { 'requests.total': 8, reconsiderations: 1, lawsuits: 2 } });
  await make.statistics(app, { unit: 'OV', year: 2021, status: 'ACCEPTED', figures: gov(12, 0, 1, 1) });
});
afterAll(() => app.close());

async function overview(code: string, year: number, as = 'admin', d: string | null = asOf) {
  return app.gql(OVERVIEW, { u: await unitId(app, code), y: year, d }, as);
}

describe('overview of a subtree built in the test', () => {
  it('counts items by status and level, overdue, maintenance due and pending withholding', async () => {
    const res = await overview('OV', 2026);
    expect(res.errors).toBeUndefined();
    const o = res.data!.overview;
    expect(o).toMatchObject({ year: 2026, asOf, unit: { code: 'OV' } });
    expect(o.items).toMatchObject({
      total: 12,
      published: 4,
      overdue: 3,
      maintenanceDue: 1,
      maintenanceDueSoon: 1,
      periodicDue: 1,
      withholdingPending: 1,
      publishedInYear: 2,
      lookaheadDays: 14,
    });
    expect(o.items.byStatus).toEqual([
      { status: 'DRAFT', count: 4 },
      { status: 'IN_REVIEW', count: 1 },
      { status: 'RETURNED', count: 1 },
      { status: 'APPROVED', count: 1 },
      { status: 'PUBLISHED', count: 4 },
      { status: 'RETIRED', count: 1 },
    ]);
    expect(o.items.byLevel).toEqual([
      { level: 'OFFICE', count: 7 },
      { level: 'DIVISION', count: 5 },
    ]);
    const cells = Object.fromEntries(
      o.items.byStatusAndLevel.map((c: { status: string; level: string; count: number }) => [`${c.status}/${c.level}`, c.count]),
    );
    expect(cells).toEqual({
      'DRAFT/OFFICE': 2,
      'DRAFT/DIVISION': 2,
      'IN_REVIEW/OFFICE': 1,
      'IN_REVIEW/DIVISION': 0,
      'RETURNED/OFFICE': 0,
      'RETURNED/DIVISION': 1,
      'APPROVED/OFFICE': 1,
      'APPROVED/DIVISION': 0,
      'PUBLISHED/OFFICE': 3,
      'PUBLISHED/DIVISION': 1,
      'RETIRED/OFFICE': 0,
      'RETIRED/DIVISION': 1,
    });
  });

  it('gives liaison coverage and gaps on asOf', async () => {
    const o = (await overview('OV', 2026)).data!.overview;
    expect(o.liaison).toMatchObject({ requiredUnits: 4, coveredUnits: 2, rate: 0.5, endingSoon: [] });
    expect(o.liaison.gaps.map((g: { code: string }) => g.code)).toEqual(['OV-O1-D', 'OV-D2']);
  });

  it('gives the statistics state of the unit and of every active child, and a row per child', async () => {
    const o = (await overview('OV', 2026)).data!.overview;
    // Divisions are not expected to report (reportingRole NONE): only the subordinate office is.
    expect(o.statistics).toEqual({
      year: 2026,
      ownState: 'ACCEPTED',
      expectedChildren: 1,
      acceptedUnits: 3,
      complete: true,
      byState: [
        { state: 'MISSING', count: 0 },
        { state: 'DRAFT', count: 0 },
        { state: 'SUBMITTED', count: 0 },
        { state: 'RETURNED', count: 0 },
        { state: 'ACCEPTED', count: 1 },
      ],
    });
    expect(o.children).toEqual([
      { unit: { code: 'OV-O1' }, statisticsState: 'ACCEPTED', items: 4, published: 2, overdue: 2, maintenanceDue: 0, withholdingPending: 0 },
      { unit: { code: 'OV-D1' }, statisticsState: null, items: 3, published: 0, overdue: 0, maintenanceDue: 0, withholdingPending: 0 },
      { unit: { code: 'OV-D2' }, statisticsState: null, items: 0, published: 0, overdue: 0, maintenanceDue: 0, withholdingPending: 0 },
    ]);
    // Neither a division nor its section is expected to report statistics.
    const d1 = (await overview('OV-D1', 2026)).data!.overview;
    expect(d1.statistics).toMatchObject({ ownState: null, expectedChildren: 0, acceptedUnits: 0, complete: true });
    expect(d1.children).toEqual([
      { unit: { code: 'OV-D1-S' }, statisticsState: null, items: 1, published: 0, overdue: 0, maintenanceDue: 0, withholdingPending: 0 },
    ]);
  });

  it('compares the main figures with the year before', async () => {
    const o = (await overview('OV', 2026)).data!.overview;
    const byFigure = Object.fromEntries(o.yearOnYear.map((f: { figure: string }) => [f.figure, f]));
    expect(byFigure.ITEMS_PUBLISHED).toEqual({ figure: 'ITEMS_PUBLISHED', label: '本年公开事项数', current: 2, previous: 3, change: -1, changeRate: -1 / 3 });
    // 10 + 5 + 100 against 20 (the 2025 draft of OV-O1 does not count).
    expect(byFigure.REQUESTS_RECEIVED).toMatchObject({ current: 115, previous: 20, change: 95, changeRate: 4.75 });
    expect(byFigure.RECONSIDERATIONS).toMatchObject({ current: 3, previous: 3, change: 0, changeRate: 0 });
    expect(byFigure.LAWSUITS).toMatchObject({ current: 2, previous: 0, change: 2, changeRate: null });
    expect(byFigure.STATISTICS_ACCEPTED).toMatchObject({ current: 3, previous: 1, change: 2, changeRate: 2 });
    // End of 2025: OV-O1, OV-O1-D and OV-D2 covered (3 of 4); on asOf: OV-O1 and OV-D1 (2 of 4).
    expect(byFigure.LIAISON_COVERAGE_RATE).toMatchObject({ current: 0.5, previous: 0.75, change: -0.25, changeRate: -1 / 3 });
  });

  it('reads each template family’s keys across the change of template', async () => {
    const o = (await overview('OV', 2021)).data!.overview;
    const byFigure = Object.fromEntries(o.yearOnYear.map((f: { figure: string }) => [f.figure, f]));
    expect(byFigure.REQUESTS_RECEIVED).toMatchObject({ current: 12, previous: 8, change: 4, changeRate: 0.5 });
    expect(byFigure.RECONSIDERATIONS).toMatchObject({ current: 0, previous: 1, change: -1 });
    expect(byFigure.LAWSUITS).toMatchObject({ current: 2, previous: 2, change: 0 });
    // No accepted statistics at all in 2019: nothing to compare with.
    const y2019 = Object.fromEntries((await overview('OV', 2019)).data!.overview.yearOnYear.map((f: { figure: string }) => [f.figure, f]));
    expect(y2019.REQUESTS_RECEIVED).toMatchObject({ current: null, previous: null, change: null, changeRate: null });
  });

  it('judges overdue items on asOf (default today)', async () => {
    const early = (await overview('OV', 2026, 'admin', '2026-05-20')).data!.overview.items;
    expect(early).toMatchObject({ overdue: 0, maintenanceDue: 0, periodicDue: 0, maintenanceDueSoon: 1 });
    const res = await overview('OV', 2026, 'admin', null);
    expect(res.errors).toBeUndefined();
    expect(res.data!.overview.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('overview access', () => {
  beforeAll(async () => {
    await make.user(app, { username: 'ov-o1-admin', unit: 'OV-O1', grants: [['OFFICE_ADMIN']] });
  });

  it('is for OFFICE_ADMIN, OFFICE_PUBLISHER and INSPECTOR over the unit', async () => {
    for (const user of ['tj-admin', 'tj-publisher', 'tj-inspector']) {
      const res = await overview('TJ', 2017, user);
      expect(res.errors).toBeUndefined();
      expect(res.data!.overview.unit.code).toBe('TJ');
    }
    const o1 = await overview('OV-O1', 2026, 'ov-o1-admin');
    expect(o1.errors).toBeUndefined();
    expect(o1.data!.overview.items).toMatchObject({ total: 4, overdue: 2 });
  });

  it('reads a unit outside the caller’s scope as NOT_FOUND', async () => {
    expect(codes(await overview('TJ', 2017, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await overview('OV', 2026, 'tj-admin'))).toEqual(['NOT_FOUND']);
    // A grant at a subordinate office does not reach its parent.
    expect(codes(await overview('OV', 2026, 'ov-o1-admin'))).toEqual(['NOT_FOUND']);
  });

  it('refuses roles without a dashboard, and anonymous callers', async () => {
    expect(codes(await overview('TJ-BGS', 2017, 'tj-office-liaison'))).toEqual(['FORBIDDEN']);
    expect(codes(await overview('TJ', 2017, 'tj-legal'))).toEqual(['FORBIDDEN']);
    const anon = await app.gql(OVERVIEW, { u: await unitId(app, 'TJ'), y: 2017 }, null);
    expect(codes(anon)).toEqual(['UNAUTHENTICATED']);
    expect(anon.data).toBeNull();
  });

  it('names every bad argument', async () => {
    const res = await app.gql(OVERVIEW, { u: 'nonsense', y: 1800 }, 'admin');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['unitId', 'year']);
  });
});

describe('overview cost', () => {
  it('uses the same small number of SQL statements however large the subtree', async () => {
    const vars = { u: await unitId(app, 'OV'), y: 2026, d: asOf };
    const small = await app.countStatements(() => app.gql(OVERVIEW, vars, 'admin'));
    expect(small.result.errors).toBeUndefined();
    // 40 more subordinate offices, each with a division, items, a liaison and statistics.
    await app.sql(`
      with p as (select id, path, depth from org_unit where code = 'OV'),
      n as (select nextval('org_unit_id_seq')::int as id, g from generate_series(1, 40) g)
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, 'OV-BIG-' || n.g, '批量隶属海关' || n.g, 'SUBORDINATE_OFFICE', p.id, p.path || n.id || '/', p.depth + 1 from n, p`);
    await app.sql(`
      with n as (select nextval('org_unit_id_seq')::int as id, u.id as parent_id, u.path, u.depth, u.code
                   from org_unit u where u.code like 'OV-BIG-%')
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, n.code || '-D', '办公室', 'DIVISION', n.parent_id, n.path || n.id || '/', n.depth + 1 from n`);
    await app.sql(`
      insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status)
      select (select id from catalogue_category where code = 'C1'), u.id, 'DIVISION', 'AD_HOC', '{PORTAL}', '批量事项', '正文',
             '2026-01-01', '2026-02-01', case when g % 2 = 0 then 'DRAFT' else 'IN_REVIEW' end
        from org_unit u, generate_series(1, 5) g where u.code like 'OV-BIG-%-D'`);
    await app.sql(`
      insert into liaison_appointment (person_name, unit_id, kind, start_date)
      select '批量' || u.code, u.id, 'DEPARTMENT', '2025-01-01' from org_unit u where u.code like 'OV-BIG-%' and u.id % 2 = 0`);
    await app.sql(`
      insert into annual_statistics (unit_id, year, template_id, status, figures)
      select u.id, 2026, t.id, 'ACCEPTED', '{"t3.new.TOTAL": 1}'::jsonb from org_unit u, statistics_template t
       where u.code like 'OV-BIG-%' and u.kind = 'SUBORDINATE_OFFICE' and t.code = 'GOV-2021'`);
    // A district scheme for 2026 with every new office inspected and finalised, and one still open.
    await app.sql(`
      insert into inspection_scheme (issuer_unit_id, year, name, total_score, grade_bands, status, activated_at)
      select id, 2026, '批量考核方案', 100, '[{"grade":"合格","minScore":0}]'::jsonb, 'ACTIVE', now() from org_unit where code = 'OV'`);
    await app.sql(`
      insert into inspection (scheme_id, unit_id, status, total, grade, finalized_at)
      select s.id, u.id, case when u.code = 'OV-BIG-1' then 'OPEN' else 'FINALIZED' end,
             case when u.code = 'OV-BIG-1' then null else 50 + (u.id % 7) end, case when u.code = 'OV-BIG-1' then null else '合格' end,
             case when u.code = 'OV-BIG-1' then null else now() end
        from inspection_scheme s, org_unit u where s.name = '批量考核方案' and u.code like 'OV-BIG-%' and u.kind = 'SUBORDINATE_OFFICE'`);

    const big = await app.countStatements(() => app.gql(OVERVIEW, vars, 'admin'));
    expect(big.result.errors).toBeUndefined();
    const o = big.result.data!.overview;
    expect(o.items).toMatchObject({ total: 12 + 200, overdue: 3 + 200 });
    expect(o.children).toHaveLength(3 + 40);
    expect(o.statistics).toMatchObject({ expectedChildren: 1 + 40, acceptedUnits: 3 + 40 });
    expect(o.yearOnYear.find((f: { figure: string }) => f.figure === 'REQUESTS_RECEIVED').current).toBe(115 + 40);
    expect(o.liaison.requiredUnits).toBe(4 + 80);
    expect(o.inspections.byStatus).toEqual([
      { status: 'OPEN', count: 1 },
      { status: 'SUBMITTED', count: 0 },
      { status: 'FINALIZED', count: 39 },
    ]);
    expect(o.inspections.results).toHaveLength(39);
    expect(o.inspections.results.every((r: { rankedUnits: number; unit: { code: string } }) => r.rankedUnits === 39 && r.unit.code.startsWith('OV-BIG-'))).toBe(
      true,
    );
    expect(big.statements).toBe(small.statements);
    // The whole query, the caller's login and grants included; the inspection section is two of them.
    expect(small.statements).toBeLessThanOrEqual(14);
  });

  it('answers for the whole national tree', async () => {
    const res = await overview('GACC', 2017);
    expect(res.errors).toBeUndefined();
    expect(res.data!.overview.children.map((c: { unit: { code: string } }) => c.unit.code)).toEqual(expect.arrayContaining(['TJ', 'HP', 'XN', 'OV']));
  });

  it('keeps its answers when past deadline days are folded, and refuses an asOf before the fold', async () => {
    const before = await overview('OV', 2026);
    expect(before.errors).toBeUndefined();
    const [{ id: ov }] = await app.sql<{ id: number }>(`select id from org_unit where code = 'OV'`);
    const countDays = async () =>
      Number(
        (
          await app.sql(
            `select count(*) as n from item_due where unit_id = $1 and kind in ('OVERDUE', 'MAINTENANCE', 'PERIODIC') and day < '2026-06-12' and day <> '-infinity'`,
            [ov],
          )
        )[0].n,
      );
    expect(await countDays()).toBeGreaterThan(0);
    for (let run = 0; run < 2; run++) {
      const [{ folded }] = await app.sql<{ folded: number }>(`select fold_item_due('2026-06-12') as folded`);
      if (run === 1) expect(folded).toBe(0); // nothing left to fold: idempotent
      expect(await countDays()).toBe(0);
      const after = await overview('OV', 2026);
      expect(after.errors).toBeUndefined();
      expect(after.data!.overview.items).toEqual(before.data!.overview.items);
      expect(after.data!.overview.children).toEqual(before.data!.overview.children);
    }
    // An item whose folded deadline passes changes state: the trigger writes its own day, and the counts stay right.
    const [{ id }] = await app.sql<{ id: number }>(
      `select id from disclosure_item where owner_unit_id = $1 and status = 'DRAFT' and publish_deadline = '2026-06-01'`,
      [ov],
    );
    await app.sql(`update disclosure_item set status = 'IN_REVIEW' where id = $1`, [id]);
    const moved = await overview('OV', 2026);
    expect(moved.data!.overview.items.overdue).toBe(before.data!.overview.items.overdue);
    await app.sql(`update disclosure_item set status = 'PUBLISHED', published_at = now() where id = $1`, [id]);
    const published = await overview('OV', 2026);
    expect(published.data!.overview.items.overdue).toBe(before.data!.overview.items.overdue - 1);

    const early = await overview('OV', 2026, 'admin', '2026-06-11');
    expect(codes(early)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(early.errors)).toContain('asOf');
  });
});
