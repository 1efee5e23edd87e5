import { addDays, todayInChina } from '../../src/modules/liaison';
import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { APPOINT, END } from './fixtures';

let app: TestApp;
const today = todayInChina();
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const COVERAGE = `query($u: ID!, $d: LocalDate) {
  liaisonCoverage(unitId: $u, date: $d) {
    date requiredUnits coveredUnits rate endingWithinDays
    unit { code }
    gaps { code name }
    endingSoon { personName endDate unit { code } }
  }
}`;

async function appoint(unit: string, input: Record<string, unknown>): Promise<string> {
  const res = await app.gql(APPOINT, { input: { unitId: await unitId(app, unit), kind: 'DEPARTMENT', ...input } }, 'admin');
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.appointLiaison.id;
}

describe('liaisonCoverage on a tree built in the test', () => {
  beforeAll(async () => {
    await make.unit(app, { code: 'T', name: '测试海关', kind: 'DISTRICT', parent: 'GACC' });
    await make.unit(app, { code: 'T-O1', name: '甲隶属海关', kind: 'SUBORDINATE_OFFICE', parent: 'T' });
    await make.unit(app, { code: 'T-O2', name: '乙隶属海关', kind: 'SUBORDINATE_OFFICE', parent: 'T' });
    await make.unit(app, { code: 'T-D1', name: '甲处', kind: 'DIVISION', parent: 'T' });
    await make.unit(app, { code: 'T-D1-S', name: '甲处一科', kind: 'SECTION', parent: 'T-D1' });
    await make.unit(app, { code: 'T-D2', name: '乙处', kind: 'DIVISION', parent: 'T' });
    await make.unit(app, { code: 'T-D3', name: '已撤销处', kind: 'DIVISION', parent: 'T', active: false });
    await make.unit(app, { code: 'T-D4', name: '丁处', kind: 'DIVISION', parent: 'T' });
    await make.unit(app, { code: 'T-D5', name: '戊处', kind: 'DIVISION', parent: 'T' });
    await make.unit(app, { code: 'T-D6', name: '己处', kind: 'DIVISION', parent: 'T' });
    await make.unit(app, { code: 'T-O1-D', name: '甲隶属海关办公室', kind: 'DIVISION', parent: 'T-O1' });

    await appoint('T-O1', { personName: '甲', startDate: addDays(today, -300) });
    // T-O2's only liaison ended yesterday, through the mutation.
    const ended = await appoint('T-O2', { personName: '乙', startDate: addDays(today, -300) });
    const end = await app.gql(END, { input: { id: ended, endDate: addDays(today, -1) } }, 'admin');
    expect(end.errors).toBeUndefined();
    await appoint('T-D1', { personName: '丙', startDate: today });
    await appoint('T-D2', { personName: '丁', startDate: addDays(today, 1) }); // not yet
    await appoint('T-D4', { personName: '戊', kind: 'INVITED', organisation: '某企业', organisationKind: 'ENTERPRISE', startDate: addDays(today, -5) });
    await appoint('T-D5', { personName: '己', startDate: addDays(today, -5), endDate: addDays(today, 10) });
    await appoint('T-D6', { personName: '庚', startDate: addDays(today, -5), endDate: addDays(today, 40) });
    await appoint('T-O1-D', { personName: '辛', startDate: addDays(today, -5), endDate: today });
    await appoint('T-D1-S', { personName: '壬', startDate: addDays(today, -5) }); // sections do not count
  });

  it('counts divisions and subordinate offices with an active DEPARTMENT liaison, and lists the gaps', async () => {
    const res = await app.gql(COVERAGE, { u: await unitId(app, 'T') }, 'admin');
    expect(res.errors).toBeUndefined();
    const c = res.data!.liaisonCoverage;
    // Required: O1, O2, D1, D2, D4, D5, D6, O1-D (D3 is inactive, the section and district do not count).
    expect(c).toMatchObject({ date: today, requiredUnits: 8, coveredUnits: 5, rate: 5 / 8, endingWithinDays: 30, unit: { code: 'T' } });
    expect(c.gaps.map((g: { code: string }) => g.code).sort()).toEqual(['T-D2', 'T-D4', 'T-O2']);
    expect(c.endingSoon.map((a: { personName: string; endDate: string }) => [a.personName, a.endDate])).toEqual([
      ['辛', today],
      ['己', addDays(today, 10)],
    ]);
  });

  it('answers for another date and for a smaller subtree', async () => {
    const past = (await app.gql(COVERAGE, { u: await unitId(app, 'T'), d: addDays(today, -2) }, 'admin')).data!.liaisonCoverage;
    // Two days ago: O2's liaison was still in office, D1's had not started.
    expect(past.gaps.map((g: { code: string }) => g.code).sort()).toEqual(['T-D1', 'T-D2', 'T-D4']);
    const tomorrow = (await app.gql(COVERAGE, { u: await unitId(app, 'T'), d: addDays(today, 1) }, 'admin')).data!.liaisonCoverage;
    expect(tomorrow.gaps.map((g: { code: string }) => g.code).sort()).toEqual(['T-D4', 'T-O1-D', 'T-O2']);
    const office = (await app.gql(COVERAGE, { u: await unitId(app, 'T-O1') }, 'admin')).data!.liaisonCoverage;
    expect(office).toMatchObject({ requiredUnits: 2, coveredUnits: 2, rate: 1, gaps: [] });
    const section = (await app.gql(COVERAGE, { u: await unitId(app, 'T-D1-S') }, 'admin')).data!.liaisonCoverage;
    expect(section).toMatchObject({ requiredUnits: 0, coveredUnits: 0, rate: 1, gaps: [] });
  });

  it('uses a constant number of SQL statements however large the tree', async () => {
    const u = await unitId(app, 'T');
    const small = await app.countStatements(() => app.gql(COVERAGE, { u }, 'admin'));
    // 300 more divisions, a third of them covered, some ending soon.
    await app.sql(`
      with p as (select id, path, depth from org_unit where code = 'T-O2'),
      n as (select nextval('org_unit_id_seq')::int as id, g from generate_series(1, 300) g)
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, 'T-BIG-' || n.g, '大处' || n.g, 'DIVISION', p.id, p.path || n.id || '/', p.depth + 1 from n, p`);
    await app.sql(
      `
      insert into liaison_appointment (person_name, unit_id, kind, start_date, end_date)
      select '批量' || u.code, u.id, 'DEPARTMENT', $1::date, case when u.id % 2 = 0 then $2::date end
        from org_unit u where u.code like 'T-BIG-%' and u.id % 3 = 0`,
      [addDays(today, -5), addDays(today, 20)],
    );
    const big = await app.countStatements(() => app.gql(COVERAGE, { u }, 'admin'));
    expect(big.result.errors).toBeUndefined();
    const c = big.result.data!.liaisonCoverage;
    expect(c.requiredUnits).toBe(308);
    expect(c.coveredUnits).toBe(5 + 100);
    expect(c.gaps).toHaveLength(203);
    expect(c.endingSoon.length).toBeGreaterThan(40);
    expect(big.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(8);
  });
});

describe('liaisonCoverage of the demo districts', () => {
  // A fixed date, so the seeded end dates give the same answer whenever the test runs.
  const day = '2026-11-23';
  it.each([
    ['TJ', 'tj-admin', 10, ['TJ-CWC'], ['刘洋']],
    ['HP', 'hp-admin', 10, ['HP-LG'], []],
    ['XN', 'xn-admin', 5, ['XN-GEM'], []],
  ])('%s has one deliberate gap', async (code, as, required, gaps, ending) => {
    const res = await app.gql(COVERAGE, { u: await unitId(app, code), d: day }, as);
    expect(res.errors).toBeUndefined();
    const c = res.data!.liaisonCoverage;
    expect(c.requiredUnits).toBe(required);
    expect(c.coveredUnits).toBe(required - 1);
    expect(c.gaps.map((g: { code: string }) => g.code)).toEqual(gaps);
    expect(c.endingSoon.map((a: { personName: string }) => a.personName)).toEqual(ending);
  });

  it('is for staff in scope only', async () => {
    const tj = await unitId(app, 'TJ');
    expect(codes(await app.gql(COVERAGE, { u: tj }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await app.gql(COVERAGE, { u: tj }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(COVERAGE, { u: await unitId(app, 'HP') }, 'dg-liaison'))).toEqual(['FORBIDDEN']);
    const dg = await app.gql(COVERAGE, { u: await unitId(app, 'HP-DG'), d: day }, 'dg-liaison');
    expect(dg.data!.liaisonCoverage).toMatchObject({ requiredUnits: 3, coveredUnits: 3, gaps: [] });
    expect((await app.gql(COVERAGE, { u: tj, d: day }, 'tj-publisher')).errors).toBeUndefined();
  });
});
