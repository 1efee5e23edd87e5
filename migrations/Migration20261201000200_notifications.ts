import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications (src/modules/notifications): one row per recipient and event, written in the
 * transaction of the change that caused it. Each insert notifies `notification_added` with
 * `<user id>:<notification id>`; PostgreSQL delivers it when that transaction commits, so every API
 * instance's subscription hub hears of it (and never of a change that rolled back).
 * `dedupe_key` makes reminders idempotent: one per recipient, object, kind and day.
 */
export class Migration20261201000200_notifications extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table notification (
        id bigserial primary key,
        user_id int not null references app_user(id),
        kind varchar(64) not null,
        title text not null,
        body text,
        target_type varchar(64),
        target_id varchar(200),
        unit_id int references org_unit(id),
        dedupe_key text,
        created_at timestamptz not null default now(),
        read_at timestamptz,
        emailed_at timestamptz
      )`);
    this.addSql(`create index notification_user_idx on notification (user_id, id desc)`);
    this.addSql(`create index notification_unread_idx on notification (user_id) where read_at is null`);
    this.addSql(`create unique index notification_dedupe_uq on notification (user_id, dedupe_key) where dedupe_key is not null`);
    this.addSql(`
      create table notification_setting (
        user_id int primary key references app_user(id),
        email_enabled boolean not null default false,
        updated_at timestamptz not null default now()
      )`);
    this.addSql(`
      create function notify_notification_added() returns trigger language plpgsql as $$
      begin
        perform pg_notify('notification_added', new.user_id || ':' || new.id);
        return null;
      end $$`);
    this.addSql(`create trigger notification_added after insert on notification for each row execute function notify_notification_added()`);
  }
}
