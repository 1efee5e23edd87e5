import { Migration } from '@mikro-orm/migrations';

/** Liaison officers (联络员), invited liaisons (特邀联络员) and volunteer supervisors (义务监督员). */
export class Migration20261123000300_liaison extends Migration {
  async up(): Promise<void> {
    // btree_gist lets the exclusion constraint mix `=` on scalar columns with `&&` on date ranges.
    this.addSql(`create extension if not exists btree_gist`);
    this.addSql(`
      create table liaison_appointment (
        id serial primary key,
        user_id int references app_user(id),
        person_name varchar(100) not null check (length(btrim(person_name)) > 0),
        organisation varchar(200),
        organisation_kind varchar(32) check (organisation_kind in ('ENTERPRISE','LOCAL_GOVERNMENT','TRADE_ASSOCIATION','OTHER')),
        unit_id int not null references org_unit(id),
        kind varchar(32) not null check (kind in ('DEPARTMENT','INVITED','VOLUNTEER_SUPERVISOR')),
        start_date date not null,
        end_date date,
        duties text,
        office_phone varchar(32),
        mobile varchar(32),
        email varchar(254),
        notes text,
        -- Who the person is, for the overlap rule: the user, or the outside person by name and organisation.
        person_key text generated always as (
          case when user_id is not null then 'u:' || user_id::text
               else 'x:' || lower(btrim(person_name)) || '|' || lower(btrim(coalesce(organisation, ''))) end
        ) stored,
        created_at timestamptz not null default now(),
        created_by_id int references app_user(id),
        ended_at timestamptz,
        ended_by_id int references app_user(id),
        version int not null default 1,
        check (end_date is null or end_date >= start_date),
        check (user_id is null or (organisation is null and organisation_kind is null)),
        check ((organisation is null) = (organisation_kind is null)),
        -- One person holds at most one appointment of a kind in a unit on any day (inclusive end date).
        constraint liaison_appointment_no_overlap exclude using gist (
          person_key with =, unit_id with =, kind with =, daterange(start_date, end_date, '[]') with &&
        )
      )`);
    this.addSql(`create index liaison_appointment_unit_idx on liaison_appointment (unit_id, kind, start_date)`);
    this.addSql(`create index liaison_appointment_user_idx on liaison_appointment (user_id) where user_id is not null`);
  }
}
