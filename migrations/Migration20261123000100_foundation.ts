import { Migration } from '@mikro-orm/migrations';

/** Organisation tree, users, role assignments and the append-only audit trail. */
export class Migration20261123000100_foundation extends Migration {
  async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm`);

    this.addSql(`
      create table org_unit (
        id serial primary key,
        code varchar(64) not null unique,
        name varchar(200) not null,
        kind varchar(32) not null check (kind in ('ADMINISTRATION','DISTRICT','SUBORDINATE_OFFICE','DIVISION','SECTION')),
        parent_id int references org_unit(id),
        path text not null unique check (path ~ '^(/[0-9]+)+/$'),
        depth smallint not null check (depth >= 0),
        active boolean not null default true,
        sort_order int not null default 0,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1,
        check ((parent_id is null) = (depth = 0))
      )`);
    this.addSql(`create index org_unit_path_idx on org_unit (path text_pattern_ops)`);
    this.addSql(`create index org_unit_parent_idx on org_unit (parent_id)`);
    this.addSql(`create unique index org_unit_single_root on org_unit ((true)) where parent_id is null`);

    this.addSql(`
      create table app_user (
        id serial primary key,
        username varchar(64) not null unique,
        display_name varchar(100) not null,
        email varchar(254),
        phone varchar(32),
        unit_id int not null references org_unit(id),
        password_hash text not null,
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1
      )`);
    this.addSql(`create index app_user_unit_idx on app_user (unit_id)`);

    this.addSql(`
      create table role_assignment (
        id serial primary key,
        user_id int not null references app_user(id),
        role varchar(32) not null check (role in ('CENTRAL_ADMIN','OFFICE_ADMIN','OFFICE_PUBLISHER','DIVISION_PUBLISHER','LEGAL_REVIEWER','SECRECY_REVIEWER','LIAISON','INSPECTOR')),
        unit_id int not null references org_unit(id),
        cascade boolean not null default true,
        granted_by_id int references app_user(id),
        granted_at timestamptz not null default now(),
        revoked_at timestamptz,
        revoked_by_id int references app_user(id)
      )`);
    this.addSql(`create unique index role_assignment_active_uq on role_assignment (user_id, role, unit_id) where revoked_at is null`);
    this.addSql(`create index role_assignment_unit_idx on role_assignment (unit_id)`);

    this.addSql(`
      create table audit_record (
        id bigserial primary key,
        occurred_at timestamptz not null default now(),
        actor_id int,
        actor_username varchar(64),
        action varchar(100) not null,
        target_type varchar(64) not null,
        target_id varchar(200) not null,
        scope_path text not null,
        before jsonb,
        after jsonb,
        request_id varchar(64)
      )`);
    this.addSql(`create index audit_record_scope_idx on audit_record (scope_path text_pattern_ops, id desc)`);
    this.addSql(`create index audit_record_target_idx on audit_record (target_id, id desc)`);
    // Append-only for every role, the table owner and superusers included: triggers refuse changes.
    this.addSql(`
      create function audit_record_refuse_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_record is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
      end $$`);
    this.addSql(`create trigger audit_record_no_update before update or delete on audit_record for each row execute function audit_record_refuse_change()`);
    this.addSql(`create trigger audit_record_no_truncate before truncate on audit_record for each statement execute function audit_record_refuse_change()`);
    this.addSql(`revoke update, delete, truncate on audit_record from public`);
  }
}
