import { unitId, type TestApp } from '../helpers/app';
import { categoryId, CREATE, ok, SUBMIT } from '../catalogue/helpers';

export const LIST = `query($unread: Boolean, $first: Int, $after: String) {
  notifications(unread: $unread, first: $first, after: $after) { totalCount nodes { id kind title body targetType targetId read createdAt } pageInfo { hasNextPage endCursor } }
  unreadNotificationCount
}`;
export const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id read } }`;

/** Drafts an item of 天津海关 办公室 as its liaison and submits it for review; returns its global id. */
export async function draftAndSubmit(app: TestApp, title = '天津海关办公室值班电话'): Promise<string> {
  const created = ok(
    await app.gql(
      CREATE,
      {
        input: {
          categoryId: await categoryId(app, 'C1'),
          ownerUnitId: await unitId(app, 'TJ-BGS'),
          title,
          body: '值班电话：022-84201114',
          channels: ['PORTAL'],
          formedDate: '2025-09-26',
        },
      },
      'tj-office-liaison',
    ),
  ).createDisclosureItem;
  ok(await app.gql(SUBMIT, { id: created.id }, 'tj-office-liaison'));
  return created.id;
}

/** Notifications of a user straight from the table, oldest first. */
export function rowsOf(app: TestApp, username: string): Promise<{ id: string; kind: string; title: string; target_id: string; read_at: Date | null }[]> {
  return app.sql(
    `select n.id::text, n.kind, n.title, n.target_id, n.read_at from notification n join app_user u on u.id = n.user_id where u.username = $1 order by n.id`,
    [username],
  );
}
