import { DEMO_USERS } from '../../seeds/demo-world';
import { addDays, todayInChina } from '../../src/common/dates';
import { addWorkingDays } from '../../src/modules/catalogue';
import { holidayCalendar } from '../../src/modules/catalogue/calendar';
import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { ok } from '../catalogue/helpers';
import { activeTjScheme, runInspection } from '../inspection/helpers';
import { draftAndSubmit } from '../notifications/helpers';
import { paperRequest, REGISTER } from '../requests/fixtures';
import { approveReport } from '../statistics/helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

interface Task {
  kind: string;
  title: string;
  dueDate: string | null;
  year: number | null;
  detail: string | null;
  targetType: string;
  targetId: string;
}
const PAGE = `query($first: Int, $after: String, $kinds: [TaskKind!]) {
  myTasks(first: $first, after: $after, kinds: $kinds) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } nodes { kind title dueDate year detail targetType targetId } }
}`;
async function all(as: string, kinds?: string[]): Promise<Task[]> {
  return ok(await app.gql(PAGE, { first: 200, kinds }, as)).myTasks.nodes;
}
const SAVE_REPORT = `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { status } }`;
const kindsOf = async (as: string) => [...new Set((await all(as)).map((t) => t.kind))].sort();

describe('queues for every demo user', () => {
  it('gives each demo user the kinds of work the demo world holds for them', async () => {
    const expected: Record<string, string[]> = {
      admin: [], // CENTRAL_ADMIN's implied roles do not make the country its to-do list
      'tj-admin': [],
      'tj-publisher': ['ITEM_PUBLISH_PENDING'], // approved items of 天津海关
      'tj-legal': [], // the demo's items in review have had their legal review
      'tj-secrecy': ['ITEM_REVIEW_PENDING'],
      'tj-office-publisher': [],
      'tj-office-liaison': ['ITEM_PERIODIC_DUE'],
      'tj-inspector': ['INSPECTION_SCORING_PENDING'], // the open 2017 inspection of 技术处
      'hp-admin': ['STATISTICS_ACCEPTANCE_PENDING'], // 黄埔老港海关 submitted its 2009 figures
      'hp-publisher': ['ITEM_PUBLISH_PENDING'],
      'hp-legal': [],
      'hp-secrecy': ['ITEM_REVIEW_PENDING'],
      'dg-liaison': ['STATISTICS_NOT_SUBMITTED'],
      'xn-admin': ['WITHHOLDING_RULING_PENDING'], // a withholding request of a division of 西宁海关
    };
    expect(Object.keys(expected).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    const actual: Record<string, string[]> = {};
    for (const u of Object.keys(expected)) actual[u] = await kindsOf(u);
    expect(actual).toEqual(expected);
  });

  it('dates role tasks in working days, with the year where it matters', async () => {
    const calendar = await holidayCalendar(app.em());
    const today = todayInChina();
    const id = await draftAndSubmit(app, '工作日期限测试事项');
    const review = (await all('tj-legal')).find((t) => t.targetId === id)!;
    const [{ deadline }] = await app.sql(`select to_char(publish_deadline, 'YYYY-MM-DD') as deadline from disclosure_item where title = '工作日期限测试事项'`);
    const fiveWorkingDays = addWorkingDays(today, 5, calendar);
    expect(review).toMatchObject({ kind: 'ITEM_REVIEW_PENDING', detail: '待法规审核', dueDate: deadline < fiveWorkingDays ? deadline : fiveWorkingDays });
    const stats = (await all('hp-admin')).find((t) => t.kind === 'STATISTICS_ACCEPTANCE_PENDING')!;
    expect(stats).toMatchObject({ year: 2009, targetType: 'AnnualStatistics', title: '黄埔老港海关2009年度政务公开统计数据待验收', detail: '已报送，待验收' });
    // The same tasks in English with Accept-Language: en (texts from the catalogue, src/i18n/tasks.en.ts).
    const english = ok(await app.gql(PAGE, { first: 200, kinds: ['STATISTICS_ACCEPTANCE_PENDING'] }, 'hp-admin', { acceptLanguage: 'en' })).myTasks.nodes;
    expect(english[0]).toMatchObject({ title: '2009 disclosure statistics of 黄埔老港海关 awaiting acceptance', detail: 'Submitted, awaiting acceptance' });
    const legalEn = ok(await app.gql(PAGE, { first: 200, kinds: ['ITEM_REVIEW_PENDING'] }, 'tj-legal', { acceptLanguage: 'en' })).myTasks.nodes;
    expect(legalEn.find((t: Task) => t.targetId === id)).toMatchObject({ detail: 'Awaiting legal review' });
  });

  it('adds reports to publish, inspections to answer and requests near their deadline, to their people only', async () => {
    const tj = await unitId(app, 'TJ');
    // An annual report approved by both reviews: its publishers (OFFICE_PUBLISHER, OFFICE_ADMIN) publish it.
    await make.statistics(app, { unit: 'TJ', year: 2018, status: 'ACCEPTED', figures: { 'proactive.total': 1200 } });
    ok(await app.gql(SAVE_REPORT, { input: { unitId: tj, year: 2018, overview: '2018 年度工作情况' } }, 'tj-admin'));
    await approveReport(app, tj, 2018, 'tj-admin', 'tj-legal', 'tj-secrecy');
    for (const who of ['tj-publisher', 'tj-admin']) {
      expect((await all(who, ['REPORT_PUBLICATION_PENDING'])).map((t) => [t.title, t.year, t.dueDate])).toEqual([
        // Due by 31 January of the next year (条例第四十九条), long past for 2018.
        ['天津海关2018年政府信息公开工作年度报告待发布', 2018, '2019-01-31'],
      ]);
    }
    expect(await all('hp-publisher', ['REPORT_PUBLICATION_PENDING'])).toEqual([]);

    // A submitted inspection waits for the inspected unit's admins' response; its inspector is done with it.
    const { id: schemeId, ind } = await activeTjScheme(app, { name: '任务队列测试考核' });
    const { id: inspectionId } = await runInspection(app, schemeId, ind, 'TJ-BGS', 8, 7, false);
    const response = (await all('tj-admin', ['INSPECTION_RESPONSE_PENDING'])).filter((t) => t.targetId === inspectionId);
    expect(response).toMatchObject([{ title: '任务队列测试考核：办公室', detail: '检查评估已提交，待反馈整改说明' }]);
    expect(response[0].dueDate).toBe(addWorkingDays(todayInChina(), 10, await holidayCalendar(app.em())));
    expect((await all('tj-inspector')).filter((t) => t.targetId === inspectionId)).toEqual([]);
    expect((await all('hp-admin')).filter((t) => t.targetId === inspectionId)).toEqual([]);

    // A request received 30 days ago is due (20 working days) within 5 working days, or already past.
    const registered = ok(await app.gql(REGISTER, { input: paperRequest(tj, addDays(todayInChina(), -30)) }, 'tj-admin')).registerRequest;
    const request = (await all('tj-admin', ['REQUEST_DEADLINE_APPROACHING'])).filter((t) => t.targetId === registered.id);
    expect(request).toMatchObject([{ dueDate: registered.dueOn, targetType: 'DisclosureRequest' }]);
    expect(request[0].title).toContain(registered.trackingNumber);
    // Not a liaison of a division (no grant reaching the body), not another district's admin.
    for (const who of ['tj-office-liaison', 'hp-admin', 'admin']) expect(await all(who, ['REQUEST_DEADLINE_APPROACHING'])).toEqual([]);
  });
});

describe('paging myTasks', () => {
  it('pages in a stable order (due date, kind, target) with totalCount, and the pages add up to the whole list', async () => {
    const whole = await all('tj-admin');
    expect(whole.length).toBeGreaterThanOrEqual(3);
    const key = (t: Task) => [t.dueDate ?? '9999-12-31', t.kind, t.targetId].join('|');
    expect(whole.map(key)).toEqual([...whole.map(key)].sort());
    const seen: Task[] = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const res: any = ok(await app.gql(PAGE, { first: 2, after }, 'tj-admin')).myTasks;
      expect(res.totalCount).toBe(whole.length);
      expect(res.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...res.nodes);
      after = res.pageInfo.endCursor;
      if (!res.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(whole);
    // Default page size 50.
    expect(ok(await app.gql(`{ myTasks { edges { cursor } } }`, {}, 'tj-admin')).myTasks.edges.length).toBe(Math.min(50, whole.length));
  });

  it('refuses a bad page size or cursor, naming the argument', async () => {
    for (const [vars, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 201 }, 'first'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
      [{ after: Buffer.from('[1,2]').toString('base64url') }, 'after'],
    ] as const) {
      const res = await app.gql(PAGE, vars, 'tj-admin');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    }
  });

  it('answers in a constant number of statements however many tasks every kind has', async () => {
    const count = async () => (await app.countStatements(() => app.gql(PAGE, { first: 200 }, 'tj-admin'))).statements;
    await count(); // caches (grants, holiday calendar) warm
    const before = await count();
    const tj = await unitId(app, 'TJ');
    ok(await app.gql(REGISTER, { input: paperRequest(tj, addDays(todayInChina(), -29)) }, 'tj-admin'));
    const { id: schemeId, ind } = await activeTjScheme(app, { name: '语句计数测试考核' });
    await runInspection(app, schemeId, ind, 'TJ-FGC', 6, 6, false);
    const more = await all('tj-admin');
    await count();
    expect(await count()).toBe(before);
    expect(more.length).toBeGreaterThan(0);
  });
});

describe('task targets', () => {
  it('gives each task its object as a Node, read with the caller’s scope', async () => {
    const TARGETS = `query { myTasks(first: 20) { nodes { targetType targetId target { __typename id ... on DisclosureItem { title } } } } }`;
    let checked = 0;
    for (const who of ['tj-legal', 'tj-admin', 'hp-admin']) {
      const nodes = ok(await app.gql(TARGETS, {}, who)).myTasks.nodes as {
        targetType: string;
        targetId: string;
        target: { __typename: string; id: string } | null;
      }[];
      for (const n of nodes) {
        // An annual report is no Node: it is opened by unit and year (annualReport(unitId, year), the task's year).
        if (n.targetType === 'AnnualReport') {
          expect(n.target).toBeNull();
          continue;
        }
        // Every other task points at something its holder may read.
        expect(n.target).toMatchObject({ __typename: n.targetType, id: n.targetId });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});
