import { Migration } from '@mikro-orm/migrations';

/** Inspection scoring (检查评估): yearly schemes with weighted indicators, inspections and their scores. */
export class Migration20261123000500_inspection extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table inspection_scheme (
        id serial primary key,
        issuer_unit_id int not null references org_unit(id),
        year int not null check (year between 1990 and 2100),
        name varchar(200) not null check (length(btrim(name)) > 0),
        total_score double precision not null check (total_score > 0 and total_score <= 1000),
        grade_bands jsonb not null,
        status varchar(16) not null default 'DRAFT' check (status in ('DRAFT','ACTIVE')),
        created_by_id int references app_user(id),
        activated_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1,
        unique (issuer_unit_id, year, name)
      )`);
    this.addSql(`create index inspection_scheme_year_idx on inspection_scheme (year, issuer_unit_id)`);

    this.addSql(`
      create table inspection_indicator (
        id serial primary key,
        scheme_id int not null references inspection_scheme(id),
        code varchar(64) not null,
        name varchar(200) not null,
        dimension varchar(16) not null check (dimension in ('CONTENT','FORM','RESOLUTION','MECHANISM')),
        max_score double precision not null check (max_score > 0),
        guidance text not null default '',
        method varchar(16) not null check (method in ('MANUAL','AUTOMATIC')),
        metric varchar(40) check (metric in ('ON_TIME_PUBLICATION','MANDATORY_CATEGORY_COVERAGE','LIAISON_COVERAGE','STATISTICS_ON_TIME','STANDING_MAINTENANCE')),
        rule jsonb,
        sort_order int not null default 0,
        unique (scheme_id, code),
        check ((method = 'AUTOMATIC') = (metric is not null and rule is not null))
      )`);

    this.addSql(`
      create table inspection (
        id serial primary key,
        scheme_id int not null references inspection_scheme(id),
        unit_id int not null references org_unit(id),
        status varchar(16) not null default 'OPEN' check (status in ('OPEN','SUBMITTED','FINALIZED')),
        inspector_id int references app_user(id),
        opened_at timestamptz not null default now(),
        submitted_at timestamptz,
        finalized_at timestamptz,
        finalized_by_id int references app_user(id),
        response text,
        responded_at timestamptz,
        responded_by_id int references app_user(id),
        total double precision,
        grade varchar(32),
        corrects_id int unique references inspection(id),
        correction_reason text,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1,
        check ((corrects_id is null) = (correction_reason is null)),
        check (status <> 'FINALIZED' or (total is not null and grade is not null and finalized_at is not null))
      )`);
    // One inspection in progress per scheme and unit; a correction of a finalised one is a new row.
    this.addSql(`create unique index inspection_working_uq on inspection (scheme_id, unit_id) where status in ('OPEN','SUBMITTED')`);
    this.addSql(`create index inspection_unit_idx on inspection (unit_id, status)`);
    this.addSql(`create index inspection_scheme_status_idx on inspection (scheme_id, status)`);

    this.addSql(`
      create table inspection_score (
        id serial primary key,
        inspection_id int not null references inspection(id),
        indicator_id int not null references inspection_indicator(id),
        score double precision check (score >= 0),
        comment text,
        evidence text[] not null default '{}',
        figures jsonb,
        scored_by_id int references app_user(id),
        scored_at timestamptz,
        unique (inspection_id, indicator_id)
      )`);

    // Freezing is also the database's job: a finalised inspection, its scores and an active
    // scheme's indicators never change, whatever code path tries.
    this.addSql(`
      create function inspection_frozen() returns trigger language plpgsql as $$
      begin
        if old.status = 'FINALIZED' then
          raise exception 'inspection % is finalised and cannot change', old.id using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`);
    this.addSql(`create trigger inspection_frozen before update or delete on inspection for each row execute function inspection_frozen()`);
    this.addSql(`
      create function inspection_score_frozen() returns trigger language plpgsql as $$
      declare iid int := case when tg_op = 'INSERT' then new.inspection_id else old.inspection_id end;
      begin
        if exists (select 1 from inspection where id = iid and status = 'FINALIZED') then
          raise exception 'scores of finalised inspection % cannot change', iid using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`);
    this.addSql(
      `create trigger inspection_score_frozen before insert or update or delete on inspection_score for each row execute function inspection_score_frozen()`,
    );
    this.addSql(`
      create function inspection_indicator_frozen() returns trigger language plpgsql as $$
      declare sid int := case when tg_op = 'INSERT' then new.scheme_id else old.scheme_id end;
      begin
        if exists (select 1 from inspection_scheme where id = sid and status = 'ACTIVE') then
          raise exception 'indicators of active scheme % are frozen', sid using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`);
    this.addSql(
      `create trigger inspection_indicator_frozen before insert or update or delete on inspection_indicator for each row execute function inspection_indicator_frozen()`,
    );
    this.addSql(`
      create function inspection_scheme_frozen() returns trigger language plpgsql as $$
      begin
        if old.status = 'ACTIVE' then
          raise exception 'active scheme % is frozen', old.id using errcode = 'check_violation';
        end if;
        return case when tg_op = 'DELETE' then old else new end;
      end $$`);
    this.addSql(
      `create trigger inspection_scheme_frozen before update or delete on inspection_scheme for each row execute function inspection_scheme_frozen()`,
    );
  }
}
