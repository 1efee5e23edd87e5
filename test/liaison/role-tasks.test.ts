import { TestApp } from '../helpers/app';
import { ok, PUBLISH, REVIEW } from '../catalogue/helpers';
import { draftAndSubmit } from '../notifications/helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const TASKS = `query($k: [TaskKind!]) { myTasks(kinds: $k) { nodes { kind title dueDate targetType targetId detail } } }`;
const tasks = async (as: string, k?: string[]) =>
  ok(await app.gql(TASKS, { k }, as)).myTasks.nodes as { kind: string; targetId: string; detail: string | null }[];
const mine = async (as: string, id: string) => (await tasks(as)).filter((t) => t.targetId === id).map((t) => [t.kind, t.detail]);

describe('myTasks for every role', () => {
  it('follows an item through reviewers, publisher and withholding ruling', async () => {
    const id = await draftAndSubmit(app, '角色任务测试事项');
    expect(await mine('tj-legal', id)).toEqual([['ITEM_REVIEW_PENDING', '待法规审核']]);
    expect(await mine('tj-secrecy', id)).toEqual([['ITEM_REVIEW_PENDING', '待保密审查']]);
    expect(await mine('hp-legal', id)).toEqual([]);
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    expect(await mine('tj-legal', id)).toEqual([]);
    ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy'));
    expect(await mine('tj-office-publisher', id)).toEqual([['ITEM_PUBLISH_PENDING', '已通过审核，待发布']]);
    // The central admin's implied roles do not make every publication its task.
    expect(await mine('admin', id)).toEqual([]);
    ok(await app.gql(PUBLISH, { id }, 'tj-office-publisher'));
    expect(await mine('tj-office-publisher', id)).toEqual([]);

    const REQUEST = `mutation($id: ID!, $r: String!) { requestWithholding(itemId: $id, reason: $r) { id } }`;
    ok(await app.gql(REQUEST, { id, r: '涉及正在办理的案件' }, 'tj-office-liaison'));
    expect(await mine('tj-admin', id)).toEqual([['WITHHOLDING_RULING_PENDING', '暂不公开申请待裁定：涉及正在办理的案件']]);
    expect(await tasks('tj-admin', ['ITEM_OVERDUE'])).toEqual((await tasks('tj-admin')).filter((t) => t.kind === 'ITEM_OVERDUE'));
  });

  it('answers in a constant number of statements however many tasks there are', async () => {
    const count = async () => (await app.countStatements(() => app.gql(TASKS, {}, 'tj-legal'))).statements;
    await draftAndSubmit(app, '预算测试一');
    await count(); // caches (grants, holiday calendar) warm
    const before = await count();
    await draftAndSubmit(app, '预算测试二');
    await draftAndSubmit(app, '预算测试三');
    await count();
    expect(await count()).toBe(before);
  });
});
