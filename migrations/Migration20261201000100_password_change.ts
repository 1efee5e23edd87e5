import { Migration } from '@mikro-orm/migrations';

/**
 * A password reset by an administrator is a one-time password: the user must change it at the next
 * login, and until then every other operation is refused. The flag is read with the principal.
 */
export class Migration20261201000100_password_change extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table app_user add column must_change_password boolean not null default false`);
    // The flag is part of the principal: cached principals must hear of its change.
    this.addSql(`drop trigger app_user_principals_changed on app_user`);
    this.addSql(`create trigger app_user_principals_changed after update of username, unit_id, active, must_change_password or delete or truncate on app_user
                   for each statement execute function notify_principals_changed()`);
  }
}
