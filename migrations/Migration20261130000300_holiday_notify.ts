import { Migration } from '@mikro-orm/migrations';

/**
 * Notifies `holidays_changed` when the holiday calendar changes. Servers keep the calendar in
 * memory and drop it on the notification (src/modules/catalogue/calendar/holiday-calendar.cache.ts).
 * A statement-level trigger: one notification per statement, sent when its transaction commits.
 */
export class Migration20261130000300_holiday_notify extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create function notify_holidays_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('holidays_changed', tg_op);
        return null;
      end $$`);
    this.addSql(`create trigger holiday_day_changed after insert or update or delete or truncate on holiday_day
                   for each statement execute function notify_holidays_changed()`);
  }
}
