import { toGlobalId } from '../../src/common/global-id';
import { codes, TestApp } from '../helpers/app';
import { ok, PUBLISH, REVIEW } from '../catalogue/helpers';
import { draftAndSubmit, LIST, MARK, rowsOf } from './helpers';
import { activeTjScheme, runInspection } from '../inspection/helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('notifications follow the catalogue workflow', () => {
  let itemId: string;

  it('tells both reviewers of the unit, in Chinese, when an item is submitted, and not the submitter', async () => {
    itemId = await draftAndSubmit(app);
    for (const reviewer of ['tj-legal', 'tj-secrecy']) {
      const res = ok(await app.gql(LIST, {}, reviewer));
      expect(res.unreadNotificationCount).toBe(1);
      expect(res.notifications.nodes).toEqual([
        expect.objectContaining({
          kind: 'ITEM_SUBMITTED',
          title: '待审核：天津海关办公室值班电话',
          targetType: 'DisclosureItem',
          targetId: itemId,
          read: false,
        }),
      ]);
      expect(res.notifications.nodes[0].body).toContain('天津海关办公室');
    }
    expect(await rowsOf(app, 'tj-office-liaison')).toEqual([]);
    // Reviewers of another district hear nothing.
    expect(ok(await app.gql(LIST, {}, 'hp-legal')).unreadNotificationCount).toBe(0);
  });

  it('tells the authors when a reviewer returns it, and the publishers when both reviews pass', async () => {
    ok(await app.gql(REVIEW, { input: { itemId, decision: 'RETURN', comment: '请补充法律依据' } }, 'tj-legal'));
    expect((await rowsOf(app, 'tj-office-liaison')).map((r) => r.kind)).toEqual(['ITEM_RETURNED']);
    expect((await rowsOf(app, 'tj-office-liaison'))[0].title).toBe('已退回：天津海关办公室值班电话');

    ok(await app.gql(`mutation($id: ID!) { submitForReview(id: $id) { id } }`, { id: itemId }, 'tj-office-liaison'));
    ok(await app.gql(REVIEW, { input: { itemId, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    expect(await rowsOf(app, 'tj-office-publisher')).toEqual([]);
    ok(await app.gql(REVIEW, { input: { itemId, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy'));
    const publisherRows = await rowsOf(app, 'tj-office-publisher');
    expect(publisherRows.map((r) => r.kind)).toEqual(['ITEM_APPROVED']);
    ok(await app.gql(PUBLISH, { id: itemId }, 'tj-office-publisher'));
    expect((await rowsOf(app, 'tj-office-liaison')).map((r) => r.kind)).toEqual(['ITEM_RETURNED', 'ITEM_PUBLISHED']);
  });

  it('writes no notification when the change is refused', async () => {
    const before = (await rowsOf(app, 'tj-legal')).length;
    // Publishing again is refused: nothing, notifications included, is written.
    const res = await app.gql(PUBLISH, { id: itemId }, 'tj-office-publisher');
    expect(res.errors).toBeDefined();
    expect((await rowsOf(app, 'tj-legal')).length).toBe(before);
    expect((await rowsOf(app, 'tj-office-liaison')).length).toBe(2);
  });
});

describe('reading and marking notifications', () => {
  it('pages the caller’s own notifications newest first and filters unread ones', async () => {
    const all = ok(await app.gql(LIST, { first: 1 }, 'tj-legal')).notifications;
    expect(all.totalCount).toBe(2); // the first submission and the resubmission
    expect(all.pageInfo.hasNextPage).toBe(true);
    const next = ok(await app.gql(LIST, { first: 1, after: all.pageInfo.endCursor }, 'tj-legal')).notifications;
    expect(Number(Buffer.from(next.nodes[0].id, 'base64url').toString().split(':')[1])).toBeLessThan(
      Number(Buffer.from(all.nodes[0].id, 'base64url').toString().split(':')[1]),
    );
  });

  it('marks notifications read, and unread counts follow', async () => {
    const { nodes } = ok(await app.gql(LIST, {}, 'tj-legal')).notifications;
    const marked = ok(await app.gql(MARK, { ids: [nodes[0].id] }, 'tj-legal')).markNotificationsRead;
    expect(marked).toEqual([{ id: nodes[0].id, read: true }]);
    const after = ok(await app.gql(LIST, { unread: true }, 'tj-legal'));
    expect(after.unreadNotificationCount).toBe(nodes.length - 1);
    expect(after.notifications.nodes.map((n: { id: string }) => n.id)).not.toContain(nodes[0].id);
    expect(ok(await app.gql(LIST, { unread: false }, 'tj-legal')).notifications.nodes.map((n: { id: string }) => n.id)).toEqual([nodes[0].id]);
  });

  it('refuses someone else’s notification naming the field, and marks nothing', async () => {
    const mine = ok(await app.gql(LIST, { unread: true }, 'tj-legal')).notifications.nodes[0].id;
    const theirs = (await rowsOf(app, 'tj-secrecy'))[0];
    const res = await app.gql(MARK, { ids: [mine, toGlobalId('Notification', theirs.id)] }, 'tj-legal');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'ids.1', message: '不是您的通知', messageKey: 'notifications.notYours' }]);
    expect((await rowsOf(app, 'tj-secrecy'))[0].read_at).toBeNull();
    expect(ok(await app.gql(LIST, { unread: true }, 'tj-legal')).notifications.nodes.map((n: { id: string }) => n.id)).toContain(mine);
  });

  it('refuses malformed ids and too many ids', async () => {
    const bad = await app.gql(MARK, { ids: ['nonsense'] }, 'tj-legal');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.fields[0].field).toBe('ids.0');
    const many = await app.gql(MARK, { ids: Array.from({ length: 101 }, (_, i) => toGlobalId('Notification', i + 1)) }, 'tj-legal');
    expect(codes(many)).toEqual(['BAD_USER_INPUT']);
    expect(many.errors![0].extensions!.fields[0].field).toBe('ids');
  });

  it('shows a notification through node(id:) to its recipient only', async () => {
    const [row] = await rowsOf(app, 'tj-secrecy');
    const id = toGlobalId('Notification', row.id);
    const Q = `query($id: ID!) { node(id: $id) { id ... on Notification { title } } }`;
    expect(ok(await app.gql(Q, { id }, 'tj-secrecy')).node).toEqual({ id, title: row.title });
    expect(codes(await app.gql(Q, { id }, 'tj-legal'))).toEqual(['NOT_FOUND']);
  });

  it('is for signed-in users only', async () => {
    expect(codes(await app.gql(`{ unreadNotificationCount }`))).toEqual(['UNAUTHENTICATED']);
  });
});

describe('notifications follow inspections', () => {
  it('tells the inspected unit’s admins when opened and submitted (once each, though they are also admins of the issuer), and its liaisons when finalised', async () => {
    const { id: schemeId, ind } = await activeTjScheme(app);
    const { id } = await runInspection(app, schemeId, ind, 'TJ-BGS', 8, 7);
    const kinds = async (u: string) => (await rowsOf(app, u)).filter((r) => r.target_id === id).map((r) => r.kind);
    expect(await kinds('tj-admin')).toEqual(['INSPECTION_OPENED', 'INSPECTION_SUBMITTED']);
    expect(await kinds('tj-inspector')).toEqual([]);
    expect(await kinds('tj-office-liaison')).toEqual(['INSPECTION_FINALIZED']);
    expect((await rowsOf(app, 'tj-office-liaison')).at(-1)!.title).toBe('检查评估已定稿：办公室');
  });
});
