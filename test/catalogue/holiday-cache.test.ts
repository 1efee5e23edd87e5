import { TestApp, unitId } from '../helpers/app';
import { categoryId, CREATE, ok } from './helpers';

/**
 * The holiday calendar behind publish deadlines is kept in memory (holiday-calendar.cache.ts):
 * read once, and dropped when it changes, through this API or in SQL by anyone else.
 */
let app: TestApp;
const sqlSeen: string[] = [];
beforeAll(async () => {
  app = await TestApp.create();
  app.orm.em
    .getConnection()
    .getKnex()
    .on('query', (q: { sql: string }) => sqlSeen.push(q.sql));
});
afterAll(() => app.close());

async function deadlineOfNewItem(): Promise<string> {
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
        formedDate: '2025-09-26',
      },
    },
    'tj-office-liaison',
  );
  return ok(res).createDisclosureItem.publishDeadline;
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i > 100) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const readsOfCalendar = () => sqlSeen.filter((s) => /from "?holiday_day"?/.test(s)).length;

it('reads the calendar once, and sees a change made in SQL by another process and one made through the API', async () => {
  // 20 working days from Fri 2025-09-26 across 国庆 (Oct 1–8 off, Sep 28 and Oct 11 working).
  expect(await deadlineOfNewItem()).toBe('2025-10-30');
  const reads = readsOfCalendar();
  expect(await deadlineOfNewItem()).toBe('2025-10-30');
  expect(readsOfCalendar()).toBe(reads); // remembered

  // Another instance (or an operator) adds a holiday: the trigger's notification drops the calendar here.
  await app.sql(`insert into holiday_day (date, year, kind, name) values ('2025-10-20', 2025, 'HOLIDAY', '测试假日')`);
  await eventually(async () => (await deadlineOfNewItem()) === '2025-10-31');

  // Through the API: the next deadline sees it at once, without waiting for the notification.
  const days = ok(await app.gql(`{ holidayCalendar(year: 2025) { date kind name } }`)).holidayCalendar as { date: string; kind: string; name: string }[];
  const set = await app.gql(
    `mutation($days: [HolidayDayInput!]!) { setHolidayCalendar(year: 2025, days: $days) { date } }`,
    {
      days: [...days, { date: '2025-10-21', kind: 'HOLIDAY', name: '测试假日二' }],
    },
    'admin',
  );
  expect(set.errors).toBeUndefined();
  expect(await deadlineOfNewItem()).toBe('2025-11-03');
});
