import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { runSql } from '../../db/sql';
import { defaultMessage, hasMessage, type Translate } from '../../i18n';
import type { notificationsZhCN } from '../../i18n/notifications.zh-CN';
import { insertNotificationsSql } from './notifications.queries';

/** What a notification is about; its texts are `notifications.kinds.<kind>.title|body` in the catalogue. */
export type NotificationKind = keyof typeof notificationsZhCN.kinds;

/** The parameters of a notification's texts, as stored with it. */
export type NotificationParams = Record<string, string | number>;

/** Parameters as stored: absent values become empty strings (as the texts show them). */
function paramsOf(values: Record<string, string | number | null | undefined>): NotificationParams {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? '']));
}

/**
 * The title and body of a notification in the locale of `t`, from its kind and parameters; a row
 * without parameters (written before they were stored) or of an unknown kind keeps its stored texts.
 */
export function renderNotification(
  t: Translate,
  n: { kind: string; title: string; body?: string | null; params?: Record<string, unknown> | null },
): { title: string; body: string | null } {
  if (!n.params || !hasMessage(`notifications.kinds.${n.kind}.title`)) return { title: n.title, body: n.body ?? null };
  const params = n.params as NotificationParams;
  return { title: t(`notifications.kinds.${n.kind}.title`, params), body: t(`notifications.kinds.${n.kind}.body`, params) };
}

/** Users holding one of `roles` over the unit at `unitPath` (granted on it, or cascading from above). */
export interface RoleReach {
  roles: readonly Role[];
  unitPath: string | null;
}

/** Who is told about an event; each person once, however many ways they are reached. */
export interface Recipients {
  /** Shorthand for one RoleReach. */
  roles?: readonly Role[];
  unitPath?: string | null;
  /** More role reaches (e.g. the inspected unit's admins and the issuing unit's inspectors). */
  reach?: readonly RoleReach[];
  /** Users named directly (e.g. an item's author). */
  userIds?: readonly (number | null | undefined)[];
  /** Never these (the user who caused the event). */
  exclude?: readonly (number | null | undefined)[];
}

/** One event that asks something of people. */
export interface NotificationEvent {
  kind: NotificationKind;
  /** Parameters of the kind's texts (`notifications.kinds.<kind>` in src/i18n/notifications.zh-CN.ts); codes, not words, for anything the catalogue translates. */
  values: Record<string, string | number | null | undefined>;
  targetType: string;
  targetId: string;
  unitId?: number | null;
  recipients: Recipients;
  /** Reminders: at most one notification per recipient with this key. */
  dedupeKey?: string | null;
}

/**
 * Notifies the people concerned by an event, on `em` (the transaction of the change that caused
 * it): one statement writes the notifications, queues their e-mails and, through the table's
 * trigger, the NOTIFY that real-time subscribers hear once the transaction commits. Returns how
 * many notifications it wrote.
 */
export async function notify(em: EntityManager, event: NotificationEvent): Promise<number> {
  const params = paramsOf(event.values);
  const r = event.recipients;
  const reaches = [...(r.roles ? [{ roles: r.roles, unitPath: r.unitPath ?? null }] : []), ...(r.reach ?? [])];
  const pairs = reaches.flatMap((x) => (x.unitPath ? x.roles.map((role) => ({ role, path: x.unitPath! })) : []));
  const userIds = (r.userIds ?? []).filter((id): id is number => typeof id === 'number');
  if (!userIds.length && !pairs.length) return 0;
  const exclude = (event.recipients.exclude ?? []).filter((id): id is number => typeof id === 'number');
  const rows = await runSql(
    em,
    insertNotificationsSql(
      {
        kind: event.kind,
        // Chinese as written, for SQL readers; GraphQL readers get it in their locale (renderNotification).
        title: defaultMessage(`notifications.kinds.${event.kind}.title`, params),
        body: defaultMessage(`notifications.kinds.${event.kind}.body`, params),
        params,
        targetType: event.targetType,
        targetId: event.targetId,
        unitId: event.unitId ?? null,
        dedupeKey: event.dedupeKey ?? null,
      },
      pairs,
      userIds,
      exclude,
    ),
  );
  return rows.length;
}

/** The path of the unit above the unit at `path` ('/1/5/12/' → '/1/5/'); null at the root. */
export function parentPathOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : null;
}
