import { Migration } from '@mikro-orm/migrations';

/**
 * Notifications in the reader's language: a notification keeps its kind and the parameters of its
 * texts (`params`), and is rendered from the message catalogue in the locale of whoever reads it.
 * `title` and `body` stay, in Chinese, for rows written before this and for SQL readers. A user's
 * e-mail language (`notification_setting.locale`; none: Chinese) chooses the e-mails' language.
 */
export class Migration20261201001600_notification_locale extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table notification add column params jsonb`);
    this.addSql(`alter table notification_setting add column locale varchar(8)`);
  }
}
