import { TestApp, unitId } from '../helpers/app';
import { make, rawId } from '../helpers/factories';
import { categoryId, CREATE, ok } from './helpers';

/** A year whose holiday calendar has not been entered (2027 in the demo world) is visible as missing. */
let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
  await make.user(app, { username: 'centre-liaison', unit: 'GACC', grants: [['CENTRAL_ADMIN'], ['LIAISON']] });
});
afterAll(() => app.close());

async function itemFormedOn(formedDate: string): Promise<{ id: string; publishDeadline: string }> {
  const res = await app.gql(
    CREATE,
    {
      input: {
        categoryId: await categoryId(app, 'C1'),
        ownerUnitId: await unitId(app, 'TJ-BGS'),
        title: '值班电话',
        body: '022-84201114',
        channels: ['PORTAL'],
        legalBasis: '《中华人民共和国海关关务公开办法》',
        formedDate,
      },
    },
    'tj-office-liaison',
  );
  return ok(res).createDisclosureItem;
}

const FLAG = `query($id: ID!) { disclosureItem(id: $id) { publishDeadline calendarMissing } }`;
const TASKS = `query($asOf: LocalDate) { myTasks(asOf: $asOf) { nodes { kind title dueDate unit { code } } } }`;
const OVERVIEW = `query($u: ID!, $asOf: LocalDate) { overview(unitId: $u, year: 2026, asOf: $asOf) { missingHolidayCalendarYears } }`;

it('flags deadlines counted into 2027, warns on the overview and asks the central admin to enter the calendar, until it is entered', async () => {
  // Formed dates may not lie in the future: an item formed late in December, as its row would hold it.
  const december = await itemFormedOn('2026-11-30');
  await app.sql(`update disclosure_item set formed_date = '2026-12-20', publish_deadline = '2027-01-18' where id = $1`, [rawId(december.id)]);
  const june = await itemFormedOn('2026-06-01');
  expect(ok(await app.gql(FLAG, { id: december.id }, 'tj-office-liaison')).disclosureItem).toMatchObject({ calendarMissing: true });
  expect(ok(await app.gql(FLAG, { id: june.id }, 'tj-office-liaison')).disclosureItem).toMatchObject({ calendarMissing: false });
  // Staff-only, like the deadline itself.
  expect((await app.gql(FLAG, { id: december.id })).data?.disclosureItem?.calendarMissing ?? null).toBeNull();

  const tj = await unitId(app, 'TJ');
  expect(ok(await app.gql(OVERVIEW, { u: tj, asOf: '2026-12-01' }, 'tj-admin')).overview.missingHolidayCalendarYears).toEqual([2027]);
  const tasks = ok(await app.gql(TASKS, { asOf: '2026-12-01' }, 'centre-liaison')).myTasks.nodes.filter((t: any) => t.kind === 'HOLIDAY_CALENDAR_MISSING');
  expect(tasks).toEqual([
    {
      kind: 'HOLIDAY_CALENDAR_MISSING',
      title: '2027年节假日安排尚未录入：按工作日计算的期限暂按周一至周五推算',
      dueDate: '2026-12-31',
      unit: { code: 'GACC' },
    },
  ]);
  // Not a task of a liaison without the calendar's ownership.
  const liaison = ok(await app.gql(TASKS, { asOf: '2026-12-01' }, 'tj-office-liaison')).myTasks.nodes;
  expect(liaison.filter((t: any) => t.kind === 'HOLIDAY_CALENDAR_MISSING')).toEqual([]);

  const set = await app.gql(
    `mutation($days: [HolidayDayInput!]!) { setHolidayCalendar(year: 2027, days: $days) { date } }`,
    { days: [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }] },
    'admin',
  );
  expect(set.errors).toBeUndefined();
  expect(ok(await app.gql(OVERVIEW, { u: tj, asOf: '2026-12-01' }, 'tj-admin')).overview.missingHolidayCalendarYears).toEqual([]);
  expect(ok(await app.gql(FLAG, { id: december.id }, 'tj-office-liaison')).disclosureItem.calendarMissing).toBe(false);
  const after = ok(await app.gql(TASKS, { asOf: '2026-12-01' }, 'centre-liaison')).myTasks.nodes;
  expect(after.filter((t: any) => t.kind === 'HOLIDAY_CALENDAR_MISSING')).toEqual([]);
});
