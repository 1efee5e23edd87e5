import { sql, type Sql } from '../../db/sql';

/** Every hand-written statement of the notifications module. */

/** The job that e-mails one notification (src/modules/notifications/notification.jobs.ts). */
export const EMAIL_JOB = 'send-notification-email';
/** Attempts before graphile-worker gives an e-mail up (its back-off is exponential: e^attempts seconds). */
export const EMAIL_MAX_ATTEMPTS = 10;

export interface NotificationRow {
  kind: string;
  title: string;
  body: string | null;
  params: Record<string, string | number>;
  targetType: string | null;
  targetId: string | null;
  unitId: number | null;
  dedupeKey: string | null;
}

/** The e-mail job for each inserted notification whose recipient chose e-mail and has an address (rows `inserted(id, user_id)`). */
export const QUEUE_EMAILS = sql`select i.id::text, i.user_id,
           case when s.email_enabled and u.email is not null
                then (graphile_worker.add_job(${EMAIL_JOB}, json_build_object('notificationId', i.id::text), max_attempts => ${EMAIL_MAX_ATTEMPTS}::int)).id end as job_id
      from inserted i join app_user u on u.id = i.user_id left join notification_setting s on s.user_id = i.user_id`;

/**
 * Inserts one notification per recipient and, for recipients who chose e-mail and have an
 * address, queues its e-mail job, in one statement of the caller's transaction (the job is
 * durable and only runs once the change commits). Recipients: active users holding one of `roles`
 * over the unit at `unitPath` (on the unit itself, or cascading from an ancestor), plus `userIds`,
 * minus `excludeIds`. A row whose (user, dedupe key) exists already is skipped.
 */
export function insertNotificationsSql(
  n: NotificationRow,
  reach: { role: string; path: string }[],
  userIds: readonly number[],
  excludeIds: readonly number[],
): Sql {
  return sql`with recipients as (
      select ra.user_id
        from unnest(${reach.map((r) => r.role)}::text[], ${reach.map((r) => r.path)}::text[]) as w(role, path)
        join role_assignment ra on ra.revoked_at is null and ra.role = w.role
        join org_unit ru on ru.id = ra.unit_id and (w.path = ru.path or (ra.cascade and w.path like ru.path || '%'))
      union select unnest(${[...userIds]}::int[])
    ), inserted as (
      insert into notification (user_id, kind, title, body, params, target_type, target_id, unit_id, dedupe_key)
      select r.user_id, ${n.kind}, ${n.title}, ${n.body}, ${JSON.stringify(n.params)}::jsonb, ${n.targetType}, ${n.targetId}, ${n.unitId}::int, ${n.dedupeKey}::text
        from recipients r join app_user u on u.id = r.user_id and u.active
       where r.user_id <> all(${[...excludeIds]}::int[])
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, user_id
    )
    ${QUEUE_EMAILS}`;
}

/**
 * Reminders to the liaisons of the units of the `due` rows, one per liaison, object, kind and day
 * (`day` in the dedupe key: a second run the same day inserts nothing), with their e-mail jobs.
 * `due` yields target_type, target_id, unit_id, unit_path, unit_name, title, date (text), year.
 * The Chinese texts' placeholders are filled in SQL from those columns, which are also stored as
 * the notification's parameters (readers get it rendered in their locale).
 */
export function insertRemindersSql(kind: string, texts: { title: string; body: string }, due: Sql, day: string): Sql {
  const filled = (template: string) =>
    sql`replace(replace(replace(replace(${template}::text, '{{title}}', coalesce(d.title, '')), '{{unit}}', d.unit_name), '{{date}}', coalesce(d.date, '')), '{{year}}', coalesce(d.year::text, ''))`;
  return sql`with due as (${due}),
    recipients as (
      select distinct ra.user_id, d.target_type, d.target_id, d.unit_id, d.unit_name, d.title, d.date, d.year
        from due d
        join role_assignment ra on ra.revoked_at is null and ra.role = 'LIAISON'
        join org_unit ru on ru.id = ra.unit_id and (d.unit_path = ru.path or (ra.cascade and d.unit_path like ru.path || '%'))
        join app_user au on au.id = ra.user_id and au.active
    ), inserted as (
      insert into notification (user_id, kind, title, body, params, target_type, target_id, unit_id, dedupe_key)
      select d.user_id, ${kind}, ${filled(texts.title)}, ${filled(texts.body)},
             jsonb_build_object('title', coalesce(d.title, ''), 'unit', d.unit_name, 'date', coalesce(d.date, ''), 'year', coalesce(d.year::text, '')), d.target_type, d.target_id, d.unit_id,
             'reminder:' || ${kind}::text || ':' || d.target_id || ':' || ${day}::text
        from recipients d
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, user_id
    )
    ${QUEUE_EMAILS}`;
}

/** How many unread notifications a user has. */
export function unreadCountSql(userId: number): Sql {
  return sql`select count(*)::int as n from notification where user_id = ${userId} and read_at is null`;
}

/** Marks the user's notifications among `ids` read; returns the ids it marked or found read. */
export function markReadSql(userId: number, ids: readonly string[]): Sql {
  return sql`update notification set read_at = coalesce(read_at, now()) where user_id = ${userId} and id = any(${[...ids]}::bigint[]) returning id::text`;
}

/** Turns a user's e-mail notifications on or off and, when `locale` is given, sets their language (else keeps it). */
export function upsertEmailSettingSql(userId: number, enabled: boolean, locale: string | null): Sql {
  return sql`insert into notification_setting (user_id, email_enabled, locale) values (${userId}, ${enabled}, ${locale}::varchar)
    on conflict (user_id) do update set email_enabled = excluded.email_enabled, locale = coalesce(excluded.locale, notification_setting.locale), updated_at = now()
    returning email_enabled, locale`;
}

/** A user's e-mail choice and language (no row: off, Chinese). */
export function emailSettingSql(userId: number): Sql {
  return sql`select coalesce(s.email_enabled, false) as email_enabled, s.locale from (select 1) one left join notification_setting s on s.user_id = ${userId}`;
}

/** What the e-mail job needs: the notification, its recipient's address and current choice. */
export function emailDeliverySql(notificationId: string): Sql {
  return sql`select n.id::text, n.kind, n.title, n.body, n.params, n.emailed_at, u.email, u.display_name, coalesce(s.email_enabled, false) as email_enabled, u.active, s.locale
      from notification n join app_user u on u.id = n.user_id left join notification_setting s on s.user_id = n.user_id
     where n.id = ${notificationId}::bigint`;
}

/** Records that a notification was e-mailed. */
export function markEmailedSql(notificationId: string): Sql {
  return sql`update notification set emailed_at = now() where id = ${notificationId}::bigint`;
}
