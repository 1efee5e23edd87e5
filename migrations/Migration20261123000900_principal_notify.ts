import { Migration } from '@mikro-orm/migrations';

/**
 * Notifies `principals_changed` whenever a caller's grants may have changed: a user's activity,
 * unit or name, any role assignment, or a unit's path or activity. Servers listening on it
 * forget the grants they remembered (src/auth/principal-cache.ts). Statement-level triggers:
 * one notification per statement, sent when its transaction commits.
 */
export class Migration20261123000900_principal_notify extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create function notify_principals_changed() returns trigger language plpgsql as $$
      begin
        perform pg_notify('principals_changed', tg_table_name);
        return null;
      end $$`);
    this.addSql(`create trigger app_user_principals_changed after update of username, unit_id, active or delete or truncate on app_user
                   for each statement execute function notify_principals_changed()`);
    this.addSql(`create trigger role_assignment_principals_changed after insert or update or delete or truncate on role_assignment
                   for each statement execute function notify_principals_changed()`);
    this.addSql(`create trigger org_unit_principals_changed after update of path, active or delete or truncate on org_unit
                   for each statement execute function notify_principals_changed()`);
  }
}
