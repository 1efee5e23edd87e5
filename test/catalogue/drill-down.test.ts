import { todayInChina } from '../../src/common/dates';
import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { ok } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT', deadline: '2026-02-10' }); // overdue
  await make.item(app, { unit: 'TJ-BGS', status: 'RETURNED', deadline: '2026-03-10' }); // overdue
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT', deadline: '2026-03-10', withholding: 'PENDING', mode: 'WITHHELD' }); // pending: not overdue
  await make.item(app, {
    unit: 'TJ',
    status: 'PUBLISHED',
    deadline: '2026-02-10',
    mode: 'STANDING',
    isPublic: true,
    publishedAt: '2026-02-01T10:00:00+08:00',
    nextMaintenance: '2026-04-01',
  });
});
afterAll(() => app.close());

const LIST = `query($u: ID, $o: Boolean, $m: Boolean, $w: Boolean) {
  disclosureItems(unitId: $u, overdue: $o, maintenanceDue: $m, withholdingPending: $w, first: 100) { totalCount nodes { id status } }
}`;
const OVERVIEW = `query($u: ID!, $y: Int!, $d: LocalDate) { overview(unitId: $u, year: $y, asOf: $d) { items { total overdue maintenanceDue withholdingPending } } }`;

describe('disclosureItems drill-downs use the overview counters’ definitions', () => {
  it.each(['admin', 'tj-admin'])('lists as many items as the overview counts, for %s', async (as) => {
    for (const code of ['TJ', 'TJ-BGS']) {
      const u = await unitId(app, code);
      const counters = ok(await app.gql(OVERVIEW, { u, y: Number(todayInChina().slice(0, 4)), d: todayInChina() }, as)).overview.items;
      const count = async (vars: Record<string, unknown>) => ok(await app.gql(LIST, { u, ...vars }, as)).disclosureItems.totalCount;
      expect(await count({ o: true })).toBe(counters.overdue);
      expect(await count({ m: true })).toBe(counters.maintenanceDue);
      expect(await count({ w: true })).toBe(counters.withholdingPending);
      expect((await count({ o: true })) + (await count({ o: false }))).toBe(counters.total);
    }
    expect(ok(await app.gql(LIST, { u: await unitId(app, 'TJ-BGS'), o: true }, as)).disclosureItems.totalCount).toBe(2);
  });

  it('shows anonymous callers nothing under a staff-only filter', async () => {
    const res = await app.gql(LIST, { o: true });
    expect(codes(res)).toEqual([]);
    expect(res.data!.disclosureItems.totalCount).toBe(0);
  });
});
