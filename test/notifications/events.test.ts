import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, todayInChina } from '../../src/common/dates';
import { sendDeadlineReminders } from '../../src/modules/notifications';
import { codes, TestApp, unitId, userId } from '../helpers/app';
import { ok, PUBLISH, REVIEW } from '../catalogue/helpers';
import { activeTjScheme, runInspection, SUBMIT as SUBMIT_INSPECTION } from '../inspection/helpers';
import { APPOINT, END } from '../liaison/fixtures';
import { ACCEPT, newKey, RETURN, SAVE, SUBMIT } from '../statistics/helpers';
import { draftAndSubmit, rowsOf } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const kindsFor = async (username: string, targetId: string) => (await rowsOf(app, username)).filter((r) => r.target_id === targetId).map((r) => r.kind);
const total = async () => (await app.sql(`select count(*)::int as n from notification`))[0].n as number;
const TASKS = `query($k: [TaskKind!]) { myTasks(kinds: $k) { nodes { targetId } } }`;

describe('withholding events notify in the transaction of the change', () => {
  it('requested → the admins of the unit above; ruled → the unit’s liaisons; refusals notify nobody', async () => {
    const id = await draftAndSubmit(app, '暂不公开通知测试事项');
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy'));
    ok(await app.gql(PUBLISH, { id }, 'tj-office-publisher'));
    const REQUEST = `mutation($id: ID!, $r: String!) { requestWithholding(itemId: $id, reason: $r) { id } }`;
    ok(await app.gql(REQUEST, { id, r: '涉及正在办理的案件' }, 'tj-office-liaison'));
    expect(await kindsFor('tj-admin', id)).toEqual(['WITHHOLDING_REQUESTED']);
    expect(await kindsFor('hp-admin', id)).toEqual([]);
    const RULE = `mutation($input: RuleOnWithholdingInput!) { ruleOnWithholding(input: $input) { id } }`;
    const before = await total();
    expect(codes(await app.gql(RULE, { input: { itemId: id, ruling: 'WITHHOLD', reasons: '他关裁定' } }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect(await total()).toBe(before);
    ok(await app.gql(RULE, { input: { itemId: id, ruling: 'WITHHOLD', reasons: '案件尚未办结' } }, 'tj-admin'));
    expect(await kindsFor('tj-office-liaison', id)).toEqual(['ITEM_PUBLISHED', 'WITHHOLDING_RULED']);
  });
});

describe('statistics events notify in the transaction of the change', () => {
  it('submitted → the admins who accept; returned and accepted → the unit’s liaisons and the submitter; refusals notify nobody', async () => {
    const dg = await unitId(app, 'HP-DG');
    const figures = { 'proactive.total': 1500, 'proactive.portal': 700, 'staff.fullTime': 2, 'staff.partTime': 15 };
    const saved = ok(await app.gql(SAVE, { input: { unitId: dg, year: 2011, figures } }, 'dg-liaison')).saveAnnualStatistics;
    const id: string = saved.id;

    // A refused submit (not a reporter of the unit) writes nothing.
    const before = await total();
    expect(codes(await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'hp-publisher'))).toEqual(['FORBIDDEN']);
    expect(await total()).toBe(before);

    ok(await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'dg-liaison'));
    expect(await kindsFor('hp-admin', id)).toEqual(['STATISTICS_SUBMITTED']);
    expect(await kindsFor('dg-liaison', id)).toEqual([]); // the one who acted
    expect(await kindsFor('tj-admin', id)).toEqual([]);
    // The same change gives hp-admin the task.
    expect(ok(await app.gql(TASKS, { k: ['STATISTICS_ACCEPTANCE_PENDING'] }, 'hp-admin')).myTasks.nodes.map((t: { targetId: string }) => t.targetId)).toContain(
      id,
    );

    ok(await app.gql(RETURN, { input: { id, comment: '培训人次有误' } }, 'hp-admin'));
    expect(await kindsFor('dg-liaison', id)).toEqual(['STATISTICS_RETURNED']);
    ok(await app.gql(SAVE, { input: { unitId: dg, year: 2011, figures: { ...figures, 'staff.partTime': 16 } } }, 'dg-liaison'));
    ok(await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'dg-liaison'));
    ok(await app.gql(ACCEPT, { input: { id, comment: '同意' } }, 'hp-admin'));
    expect(await kindsFor('dg-liaison', id)).toEqual(['STATISTICS_RETURNED', 'STATISTICS_ACCEPTED']);
    expect(await kindsFor('hp-admin', id)).toEqual(['STATISTICS_SUBMITTED', 'STATISTICS_SUBMITTED']);
    expect(
      ok(await app.gql(TASKS, { k: ['STATISTICS_ACCEPTANCE_PENDING'] }, 'hp-admin')).myTasks.nodes.map((t: { targetId: string }) => t.targetId),
    ).not.toContain(id);

    // Accepting again is refused (FAILED_PRECONDITION: nothing is submitted): its transaction rolls back, no notification.
    const after = await total();
    expect(codes(await app.gql(ACCEPT, { input: { id } }, 'hp-admin'))).toEqual(['FAILED_PRECONDITION']);
    expect(await total()).toBe(after);
  });
});

describe('inspection events notify in the transaction of the change', () => {
  it('opened, submitted and finalised each notify; a refused step notifies nobody', async () => {
    const { id: schemeId, ind } = await activeTjScheme(app, { name: '通知事件测试考核' });
    const { id, version } = await runInspection(app, schemeId, ind, 'TJ-JCS', 9, 9, false);
    expect(await kindsFor('tj-admin', id)).toEqual(['INSPECTION_OPENED', 'INSPECTION_SUBMITTED']);
    const before = await total();
    expect(codes(await app.gql(SUBMIT_INSPECTION, { input: { id, expectedVersion: version } }, 'tj-inspector'))).toEqual(['FAILED_PRECONDITION']);
    expect(await total()).toBe(before);
    const FINALIZE = `mutation($input: InspectionStepInput!) { finalizeInspection(input: $input) { id } }`;
    ok(await app.gql(FINALIZE, { input: { id, expectedVersion: version } }, 'tj-inspector'));
    expect(await kindsFor('tj-admin', id)).toEqual(['INSPECTION_OPENED', 'INSPECTION_SUBMITTED', 'INSPECTION_FINALIZED']);
  });
});

describe('appointment ending in 30 days', () => {
  const today = todayInChina();
  const run = (day: string) => app.em().transactional((tem) => sendDeadlineReminders(tem as EntityManager, day));

  it('tells the appointed user and the unit’s OFFICE_ADMINs once per appointment, however often the job runs', async () => {
    const appoint = async (unit: string, user: string, endDate: string) =>
      ok(
        await app.gql(
          APPOINT,
          { input: { unitId: await unitId(app, unit), kind: 'DEPARTMENT', userId: await userId(app, user), startDate: addDays(today, -10), endDate } },
          'tj-admin',
        ),
      ).appointLiaison;
    const ending = await appoint('TJ-FGC', 'tj-legal', addDays(today, 20));
    const later = await appoint('TJ-JSC', 'tj-secrecy', addDays(today, 45));
    const endedByHand = await appoint('TJ-ZGB', 'tj-publisher', addDays(today, 25));
    ok(await app.gql(END, { input: { id: endedByHand.id, endDate: addDays(today, 5) } }, 'tj-admin'));

    const first = await run(today);
    expect(first.APPOINTMENT_ENDING).toBeGreaterThanOrEqual(2);
    expect(await kindsFor('tj-legal', ending.id)).toEqual(['APPOINTMENT_ENDING']);
    expect(await kindsFor('tj-admin', ending.id)).toEqual(['APPOINTMENT_ENDING']);
    const [row] = (await rowsOf(app, 'tj-legal')).filter((r) => r.target_id === ending.id);
    expect(row.title).toBe(`联络员任期即将届满：${ending.personName}（法规处）`);
    // Not another district's admin, not the central admin (its role is not OFFICE_ADMIN), not the later or hand-ended appointments.
    expect(await kindsFor('hp-admin', ending.id)).toEqual([]);
    expect(await kindsFor('admin', ending.id)).toEqual([]);
    expect(await kindsFor('tj-secrecy', later.id)).toEqual([]);
    expect(await kindsFor('tj-publisher', endedByHand.id)).toEqual([]);

    // Idempotent: a second run the same day, and the next day, write nothing for it.
    const count = async () => (await app.sql(`select count(*)::int as n from notification where kind = 'APPOINTMENT_ENDING'`))[0].n;
    const afterFirst = await count();
    expect((await run(today)).APPOINTMENT_ENDING).toBe(0);
    expect((await run(addDays(today, 1))).APPOINTMENT_ENDING).toBe(0);
    expect(await count()).toBe(afterFirst);
    // The later one comes into the window 30 days before its end, once.
    await run(addDays(today, 15));
    expect(await kindsFor('tj-secrecy', later.id)).toEqual(['APPOINTMENT_ENDING']);
  });
});
