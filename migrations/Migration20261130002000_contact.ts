import { Migration } from '@mikro-orm/migrations';

/**
 * Public contact (咨询 / 投诉 / 建议 / 举报): the consultation log with its daily tallies, cases
 * with their escalation steps, and the rate-limit store of public submissions.
 */
export class Migration20261130002000_contact extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table contact_consultation (
        id serial primary key,
        unit_id int not null references org_unit(id),
        occurred_on date not null,
        channel varchar(16) not null check (channel in ('PHONE','COUNTER','ONLINE','OTHER')),
        -- A quick log is one consultation with its topic and outcome; a tally is a day's count of one channel.
        is_tally boolean not null default false,
        count int not null default 1 check (count >= 0 and count <= 100000),
        topic varchar(32) check (topic in ('CLEARANCE','DUTIES_AND_TAXES','PROCESSING_TRADE','INSPECTION_AND_QUARANTINE','ENFORCEMENT','DISCLOSURE','OTHER')),
        outcome varchar(16) check (outcome in ('ANSWERED','ESCALATED')),
        logged_by_id int references app_user(id),
        created_at timestamptz not null default now(),
        check (is_tally or (count = 1 and topic is not null and outcome is not null)),
        check (not is_tally or (topic is null and outcome is null))
      )`);
    // Re-entering a day's tally replaces it: one tally per unit, day and channel.
    this.addSql(`create unique index contact_consultation_tally_uq on contact_consultation (unit_id, occurred_on, channel) where is_tally`);
    this.addSql(`create index contact_consultation_unit_day_idx on contact_consultation (unit_id, occurred_on)`);

    this.addSql(`
      create table contact_case (
        id serial primary key,
        unit_id int not null references org_unit(id),
        handling_unit_id int not null references org_unit(id),
        kind varchar(24) not null check (kind in ('COMPLAINT','SUGGESTION','TIP_OFF','DIFFICULT_QUESTION')),
        channel varchar(24) not null check (channel in ('PHONE','COUNTER','ONLINE','LETTER','DIRECTOR_MAILBOX','SUGGESTION_BOX','PUBLIC_SUBMISSION')),
        restricted boolean not null default false,
        subject varchar(200) not null check (length(btrim(subject)) > 0),
        description text not null check (length(btrim(description)) > 0 and length(description) <= 4000),
        anonymous boolean not null,
        reporter_name varchar(100),
        reporter_contact varchar(200),
        reporter_organisation varchar(200),
        received_on date not null,
        opened_at timestamptz not null default now(),
        owner_id int references app_user(id),
        created_by_id int references app_user(id),
        handling_mode varchar(16) not null check (handling_mode in ('IMMEDIATE','TIME_LIMITED','BY_DATE')),
        time_limit_days int check (time_limit_days between 1 and 60),
        due_on date not null,
        level varchar(16) not null check (level in ('SECTION','DIVISION','DISTRICT_OFFICE')),
        initial_level varchar(16) not null check (initial_level in ('SECTION','DIVISION','DISTRICT_OFFICE')),
        escalations int not null default 0,
        status varchar(8) not null default 'OPEN' check (status in ('OPEN','CLOSED')),
        result text,
        closed_on date,
        closed_at timestamptz,
        closed_by_id int references app_user(id),
        feedback_on date,
        feedback_method varchar(16) check (feedback_method in ('PHONE','LETTER','EMAIL','IN_PERSON','ONLINE')),
        feedback_note text,
        follow_up_on date,
        satisfaction varchar(24) check (satisfaction in ('SATISFIED','BASICALLY_SATISFIED','DISSATISFIED')),
        follow_up_note text,
        tracking_number varchar(32) not null unique,
        secret_hash char(64),
        consultation_id int references contact_consultation(id),
        version int not null default 1,
        check (due_on >= received_on),
        check ((handling_mode = 'TIME_LIMITED') = (time_limit_days is not null)),
        check (anonymous = (reporter_name is null)),
        check (not anonymous or (reporter_contact is null and reporter_organisation is null)),
        check ((status = 'CLOSED') = (result is not null and closed_on is not null)),
        check (closed_on is null or closed_on >= received_on),
        check ((feedback_on is null) = (feedback_method is null)),
        check (feedback_on is null or (closed_on is not null and feedback_on >= received_on)),
        check ((follow_up_on is null) = (satisfaction is null)),
        check (follow_up_on is null or (closed_on is not null and follow_up_on >= closed_on))
      )`);
    this.addSql(`create index contact_case_unit_idx on contact_case (unit_id, received_on)`);
    this.addSql(`create index contact_case_open_idx on contact_case (handling_unit_id, due_on) where status = 'OPEN'`);

    this.addSql(`
      create table contact_case_step (
        id serial primary key,
        case_id int not null references contact_case(id),
        kind varchar(16) not null check (kind in ('OPENED','ESCALATED','CLOSED','FOLLOW_UP')),
        from_level varchar(16),
        to_level varchar(16),
        from_unit_id int references org_unit(id),
        to_unit_id int references org_unit(id),
        actor_id int references app_user(id),
        reason text,
        occurred_at timestamptz not null default now()
      )`);
    this.addSql(`create index contact_case_step_case_idx on contact_case_step (case_id, id)`);

    // The inspection module's AUTOMATIC indicators for handling on time (有落实) and feedback (有反馈).
    this.addSql(`alter table inspection_indicator drop constraint inspection_indicator_metric_check`);
    this.addSql(`alter table inspection_indicator add constraint inspection_indicator_metric_check check (metric in (
      'ON_TIME_PUBLICATION','MANDATORY_CATEGORY_COVERAGE','LIAISON_COVERAGE','STATISTICS_ON_TIME','STANDING_MAINTENANCE','CONTACT_ON_TIME','CONTACT_FEEDBACK'))`);

    // rate-limiter-flexible's RateLimiterPostgres table, made here so the app role needs no DDL at run time.
    this.addSql(`create table contact_rate_limit (key varchar(255) primary key, points integer not null default 0, expire bigint)`);
  }
}
