import { Migration } from '@mikro-orm/migrations';
import { TEMPLATE_SEEDS } from '../src/modules/statistics/template-definitions';

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Statistics templates (as data), yearly statistics with their workflow, submissions and annual reports. */
export class Migration20261123000400_statistics extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table statistics_template (
        id serial primary key,
        code varchar(64) not null,
        version int not null,
        name varchar(200) not null,
        year_from int not null,
        year_to int,
        definition jsonb not null,
        created_at timestamptz not null default now(),
        unique (code, version),
        check (year_to is null or year_to >= year_from)
      )`);
    // Templates are reference data every installation needs, not demo data.
    for (const t of TEMPLATE_SEEDS) {
      this.addSql(`insert into statistics_template (code, version, name, year_from, year_to, definition)
        values (${literal(t.code)}, ${t.version}, ${literal(t.name)}, ${t.yearFrom}, ${t.yearTo ?? 'null'}, ${literal(JSON.stringify(t.definition))}::jsonb)`);
    }

    this.addSql(`
      create table annual_statistics (
        id serial primary key,
        unit_id int not null references org_unit(id),
        year int not null check (year between 1990 and 2100),
        template_id int not null references statistics_template(id),
        revision int not null default 1,
        status varchar(16) not null check (status in ('DRAFT','SUBMITTED','RETURNED','ACCEPTED','SUPERSEDED')),
        figures jsonb not null default '{}',
        notes jsonb not null default '{}',
        warnings jsonb not null default '[]',
        correction_reason text,
        supersedes_id int references annual_statistics(id),
        review_comment text,
        created_by_id int references app_user(id),
        submitted_at timestamptz,
        submitted_by_id int references app_user(id),
        reviewed_at timestamptz,
        reviewed_by_id int references app_user(id),
        accepted_at timestamptz,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1,
        unique (unit_id, year, revision)
      )`);
    // At most one working copy and one accepted version per unit and year; a correction is a new
    // revision, and the accepted one it replaces becomes SUPERSEDED (kept).
    this.addSql(`create unique index annual_statistics_working_uq on annual_statistics (unit_id, year) where status in ('DRAFT','SUBMITTED','RETURNED')`);
    this.addSql(`create unique index annual_statistics_accepted_uq on annual_statistics (unit_id, year) where status = 'ACCEPTED'`);
    this.addSql(`create index annual_statistics_year_status_idx on annual_statistics (year, status)`);

    // One row per distinct submission: an idempotency key can only ever submit once per unit.
    this.addSql(`
      create table statistics_submission (
        id serial primary key,
        statistics_id int not null references annual_statistics(id),
        unit_id int not null references org_unit(id),
        idempotency_key varchar(100) not null,
        submitted_by_id int references app_user(id),
        submitted_at timestamptz not null default now(),
        unique (unit_id, idempotency_key)
      )`);

    this.addSql(`
      create table annual_report (
        id serial primary key,
        unit_id int not null references org_unit(id),
        year int not null check (year between 1990 and 2100),
        sections jsonb not null default '{}',
        status varchar(16) not null default 'DRAFT' check (status in ('DRAFT','PUBLISHED')),
        published_at timestamptz,
        published_by_id int references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        version int not null default 1,
        unique (unit_id, year)
      )`);
  }
}
