import { Principal } from '../../src/auth/principal';
import { Role } from '../../src/auth/roles';
import { OverviewQueries } from '../../src/modules/dashboard/overview.service';
import { OrgUnit } from '../../src/modules/organisation';
import { TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';

let app: TestApp;

beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const INSPECTIONS = `query($u: ID!, $y: Int!) {
  overview(unitId: $u, year: $y) {
    inspections {
      byStatus { status count }
      results { inspectionId schemeId schemeName unit { code name } total grade rank rankedUnits }
    }
  }
}`;

interface Result {
  inspectionId: string;
  schemeId: string;
  schemeName: string;
  unit: { code: string };
  total: number;
  grade: string;
  rank: number;
  rankedUnits: number;
}

async function inspections(code: string, as: string, year = 2017) {
  const res = await app.gql(INSPECTIONS, { u: await unitId(app, code), y: year }, as);
  expect(res.errors).toBeUndefined();
  return res.data!.overview.inspections as { byStatus: { status: string; count: number }[]; results: Result[] };
}

/** Latest finalised totals under a scheme, straight from the table, best first. */
async function totals(schemeName: string): Promise<{ code: string; total: number }[]> {
  return app.sql(
    `select u.code, i.total from inspection i join org_unit u on u.id = i.unit_id join inspection_scheme s on s.id = i.scheme_id
      where s.name = $1 and i.status = 'FINALIZED' order by i.total desc, u.path`,
    [schemeName],
  );
}

const TJ_SCHEME = '2017年度天津海关政务公开考核评估指标';
const NATIONAL_SCHEME = '2017年度海关政务公开考核评估（直属海关）';

describe('overview inspections on the demo data', () => {
  it('shows a district its departments’ results with ranks, and its own national result', async () => {
    const o = await inspections('TJ', 'tj-admin');
    // Four departments finalised and one open under the district scheme; 天津海关 itself finalised under the national one.
    expect(o.byStatus).toEqual([
      { status: 'OPEN', count: 1 },
      { status: 'SUBMITTED', count: 0 },
      { status: 'FINALIZED', count: 5 },
    ]);

    const departments = o.results.filter((r) => r.schemeName === TJ_SCHEME);
    const expected = await totals(TJ_SCHEME);
    expect(expected).toHaveLength(4);
    expect(departments.map((r) => [r.unit.code, r.total])).toEqual(expected.map((e) => [e.code, e.total]));
    expect(departments.map((r) => r.unit.code)).toEqual(expect.arrayContaining(['TJ-BGS', 'TJ-ZXFW', 'TJ-FGC', 'TJ-XG']));
    expect(departments.every((r) => r.rankedUnits === 4 && r.grade)).toBe(true);
    // Standard competition ranks, ascending within the scheme.
    departments.forEach((r) => expect(r.rank).toBe(1 + expected.filter((e) => e.total > r.total).length));
    expect(departments[0].rank).toBe(1);

    // Sorted by scheme then rank: the district scheme (issued first) before the national one.
    const national = o.results.filter((r) => r.schemeName === NATIONAL_SCHEME);
    expect(o.results).toEqual([...departments, ...national]);
    expect(national).toEqual([expect.objectContaining({ unit: expect.objectContaining({ code: 'TJ', name: '天津海关' }), rank: 1, rankedUnits: 3 })]);

    // The same ranks as the inspection module's own ranking query.
    const ranking = await app.gql(`query($s: ID!) { inspectionRanking(schemeId: $s) { inspectionId rank total } }`, { s: departments[0].schemeId }, 'tj-admin');
    expect(ranking.errors).toBeUndefined();
    expect(departments.map((r) => [r.inspectionId, r.rank, r.total])).toEqual(
      ranking.data!.inspectionRanking.map((e: { inspectionId: string; rank: number; total: number }) => [e.inspectionId, e.rank, e.total]),
    );
  });

  it('shows the centre the national ranking of the districts', async () => {
    const o = await inspections('GACC', 'admin');
    const expected = await totals(NATIONAL_SCHEME);
    expect(o.results.map((r) => [r.unit.code, r.rank, r.rankedUnits, r.schemeName])).toEqual([
      ['TJ', 1, 3, NATIONAL_SCHEME],
      ['HP', 2, 3, NATIONAL_SCHEME],
      ['XN', 3, 3, NATIONAL_SCHEME],
    ]);
    expect(o.results.map((r) => r.total)).toEqual(expected.map((e) => e.total));
    // Counts cover the whole tree (the district scheme's inspections included); results only schemes issued at or above the unit.
    expect(o.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'OPEN', count: 1 },
        { status: 'FINALIZED', count: 7 },
      ]),
    );
  });

  it('shows a department its own result and rank, never its siblings’', async () => {
    await make.user(app, { username: 'tj-bgs-admin', unit: 'TJ-BGS', grants: [['OFFICE_ADMIN', 'TJ-BGS', false]] });
    const o = await inspections('TJ-BGS', 'tj-bgs-admin');
    expect(o.results.map((r) => r.unit.code)).toEqual(['TJ-BGS']);
    expect(o.results[0]).toMatchObject({ schemeName: TJ_SCHEME, rankedUnits: 4 });
    expect(o.byStatus).toEqual([
      { status: 'OPEN', count: 0 },
      { status: 'SUBMITTED', count: 0 },
      { status: 'FINALIZED', count: 1 },
    ]);
    // The open inspection of a sibling shows nowhere.
    expect((await inspections('TJ-JSC', 'tj-admin')).results).toEqual([]);
  });

  it('leaves out results the caller may not read under the inspection module’s rule', async () => {
    // Over GraphQL the dashboard gate already reads another district as NOT_FOUND; the section
    // applies the inspection rule itself, checked here with a caller from 黄埔海关 on 天津海关.
    const em = app.em();
    const [tj, hp] = await Promise.all([em.findOneOrFail(OrgUnit, { code: 'TJ' }), em.findOneOrFail(OrgUnit, { code: 'HP' })]);
    const auth = Principal.user(0, 'hp-test', hp.id, [{ role: Role.OFFICE_ADMIN, unitId: hp.id, unitPath: hp.path, cascade: true }]);
    const section = await new OverviewQueries({ em, auth, requestId: 'test' }, tj, 2017, '2017-12-31').inspections();
    // The national results are for every district; 天津海关's departmental ones are not for 黄埔.
    expect(section.results.map((r) => [r.schemeName, r.unitDbId])).toEqual([[NATIONAL_SCHEME, tj.id]]);

    const asTj = await new OverviewQueries(
      { em, auth: Principal.user(0, 'tj-test', tj.id, [{ role: Role.OFFICE_ADMIN, unitId: tj.id, unitPath: tj.path, cascade: true }]), requestId: 'test' },
      tj,
      2017,
      '2017-12-31',
    ).inspections();
    expect(asTj.results).toHaveLength(5);
  });

  it('adds at most two SQL statements to the overview, units included', async () => {
    const vars = { u: await unitId(app, 'TJ'), y: 2017 };
    const bare = await app.countStatements(() => app.gql(`query($u: ID!, $y: Int!) { overview(unitId: $u, year: $y) { year } }`, vars, 'tj-admin'));
    const full = await app.countStatements(() => app.gql(INSPECTIONS, vars, 'tj-admin'));
    expect(full.result.errors).toBeUndefined();
    expect(full.result.data!.overview.inspections.results).toHaveLength(5);
    expect(full.statements - bare.statements).toBeLessThanOrEqual(2);
  });
});
