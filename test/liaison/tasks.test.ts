import { toGlobalId } from '../../src/common/global-id';
import { TaskKind, TaskProvider, TaskUnit } from '../../src/common/tasks';
import { addDays, todayInChina } from '../../src/modules/liaison';
import { codes, TestApp, unitId, userId } from '../helpers/app';
import { APPOINT, END } from './fixtures';

let app: TestApp;
const today = todayInChina();
const calls: { units: TaskUnit[]; today: string }[] = [];
const unitIds: Record<string, number> = {};

/**
 * A stand-in for the catalogue and statistics providers (built in other branches): one overdue item per
 * unit it is given, plus tasks about units it was not asked about, which myTasks must drop unless they
 * lie under a unit the caller liaises for with a cascading grant.
 */
const fakeProvider: TaskProvider = async (_ctx, units, day) => {
  calls.push({ units, today: day });
  return [
    ...units.map((u, i) => ({
      kind: TaskKind.ITEM_OVERDUE,
      unitId: u.id,
      title: `逾期事项 ${u.id}`,
      dueDate: addDays(day, -i - 1),
      targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', 1000 + u.id),
    })),
    {
      kind: TaskKind.STATISTICS_NOT_SUBMITTED,
      unitId: unitIds['TJ-BGS-ZWGK'],
      title: '2026年统计未报送',
      dueDate: null,
      targetType: 'OrgUnit',
      targetId: toGlobalId('OrgUnit', unitIds['TJ-BGS-ZWGK']),
    },
    {
      kind: TaskKind.ITEM_RETURNED,
      unitId: unitIds['HP-FGC'],
      title: '别处的退回事项',
      dueDate: day,
      targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', 1),
    },
  ];
};

beforeAll(async () => {
  // Only the fake provider answers here: the modules' real providers are tested with their modules.
  app = await TestApp.create({ taskProviders: [fakeProvider] });
  for (const r of await app.sql<{ code: string; id: number }>(`select code, id from org_unit`)) unitIds[r.code] = r.id;
});
afterAll(async () => {
  await app.close();
});
beforeEach(() => {
  calls.length = 0;
});

const MY_TASKS = `query($d: LocalDate) { myTasks(asOf: $d) { nodes { kind title dueDate targetType targetId detail unit { code } } } }`;

describe('myTasks', () => {
  it('gathers the tasks of a liaison’s unit and its subtree (cascading LIAISON grant), and drops the rest', async () => {
    const res = await app.gql(MY_TASKS, {}, 'tj-office-liaison');
    expect(res.errors).toBeUndefined();
    // Its LIAISON grant and its DEPARTMENT appointment name the same unit: asked once.
    expect(calls).toEqual([{ units: [{ id: unitIds['TJ-BGS'], path: expect.stringMatching(/\/$/) }], today }]);
    expect(res.data!.myTasks.nodes).toEqual([
      {
        kind: 'ITEM_OVERDUE',
        title: `逾期事项 ${unitIds['TJ-BGS']}`,
        dueDate: addDays(today, -1),
        targetType: 'DisclosureItem',
        targetId: toGlobalId('DisclosureItem', 1000 + unitIds['TJ-BGS']),
        detail: null,
        unit: { code: 'TJ-BGS' },
      },
      {
        kind: 'STATISTICS_NOT_SUBMITTED',
        title: '2026年统计未报送',
        dueDate: null,
        targetType: 'OrgUnit',
        targetId: toGlobalId('OrgUnit', unitIds['TJ-BGS-ZWGK']),
        detail: null,
        unit: { code: 'TJ-BGS-ZWGK' },
      },
    ]);
  });

  it('passes the date asked for to the providers', async () => {
    await app.gql(MY_TASKS, { d: '2026-03-01' }, 'dg-liaison');
    expect(calls).toEqual([{ units: [{ id: unitIds['HP-DG'], path: expect.any(String) }], today: '2026-03-01' }]);
  });

  it('counts a user-linked DEPARTMENT appointment in force, and stops when it ends', async () => {
    const res = await app.gql(
      APPOINT,
      { input: { unitId: await unitId(app, 'TJ-FGC'), kind: 'DEPARTMENT', userId: await userId(app, 'tj-legal'), startDate: addDays(today, -10) } },
      'tj-admin',
    );
    expect(res.errors).toBeUndefined();
    // Other kinds of appointment give no tasks.
    await app.gql(
      APPOINT,
      { input: { unitId: await unitId(app, 'TJ-JSC'), kind: 'INVITED', userId: await userId(app, 'tj-legal'), startDate: addDays(today, -10) } },
      'tj-admin',
    );
    const active = await app.gql(MY_TASKS, {}, 'tj-legal');
    // The cascading subtree only comes with LIAISON grants: the section task of TJ-BGS is not tj-legal's.
    expect(active.data!.myTasks.nodes.map((t: { unit: { code: string } }) => t.unit.code)).toEqual(['TJ-FGC']);

    await app.gql(END, { input: { id: res.data!.appointLiaison.id, endDate: addDays(today, -1) } }, 'tj-admin');
    calls.length = 0;
    expect((await app.gql(MY_TASKS, {}, 'tj-legal')).data!.myTasks.nodes).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('is empty for callers who liaise for nothing, the central admin included', async () => {
    for (const who of ['tj-admin', 'admin', 'hp-publisher']) {
      const res = await app.gql(MY_TASKS, {}, who);
      expect(res.data!.myTasks.nodes).toEqual([]);
    }
    expect(calls).toEqual([]);
  });

  it('needs a login', async () => {
    expect(codes(await app.gql(MY_TASKS, {}))).toEqual(['UNAUTHENTICATED']);
  });
});
