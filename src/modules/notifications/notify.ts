import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { runSql } from '../../db/sql';
import { fill, notificationMessages, type NotificationKind } from './notifications.messages';
import { insertNotificationsSql } from './notifications.queries';

export { reviewNames, rulingNames } from './notifications.messages';

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
  /** Placeholder values of the kind's texts (notifications.messages.ts). */
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
  const texts = notificationMessages[event.kind];
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
        title: fill(texts.title, event.values),
        body: fill(texts.body, event.values),
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
