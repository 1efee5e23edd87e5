import { Migration } from '@mikro-orm/migrations';

/**
 * Requests for disclosure (依申请公开): the register of requests with their clock, outcome,
 * reconsideration and litigation (table 4) and fee; the dated events of each request; the
 * documents issued (答复书, 延期告知书, 补正告知书, 告知书). The inspection module gains the
 * REQUEST_ON_TIME indicator (答复及时率).
 */
export class Migration20261201000300_requests extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table disclosure_request (
        id serial primary key,
        body_unit_id int not null references org_unit(id),
        tracking_number varchar(32) not null unique,
        secret_hash char(64),
        channel varchar(16) not null check (channel in ('IN_PERSON','LETTER','FAX','EMAIL','ONLINE','OTHER')),
        applicant_type varchar(16) not null check (applicant_type in ('NATURAL_PERSON','BUSINESS','RESEARCH','PUBLIC_INTEREST','LEGAL_SERVICE','OTHER_ORG')),
        applicant_name varchar(100) not null check (length(btrim(applicant_name)) > 0),
        applicant_id_document varchar(100),
        applicant_address varchar(300),
        applicant_phone varchar(40),
        applicant_email varchar(254),
        description text not null check (length(btrim(description)) > 0 and length(description) <= 4000),
        received_on date not null,
        status varchar(24) not null default 'OPEN'
          check (status in ('OPEN','AWAITING_CORRECTION','THIRD_PARTY','CONCLUDED','WITHDRAWN')),
        due_on date not null,
        paused_since date,
        correction_answer_by date,
        paused_working_days int not null default 0 check (paused_working_days >= 0),
        extension_working_days int not null default 0 check (extension_working_days between 0 and 20),
        extension_approved_by_id int references app_user(id),
        outcome varchar(24) check (outcome in ('GRANTED','PARTLY_GRANTED','REFUSED','UNABLE_TO_PROVIDE','NOT_PROCESSED','OTHER')),
        outcome_reason varchar(24) check (outcome_reason in ('SECRET','LAW','SAFETY','THIRD_PARTY','INTERNAL','PROCESS','CASE_FILE','INQUIRY',
          'NOT_HELD','NEEDS_CREATION','UNCLEAR','PETITION','REPEAT','PUBLICATION','MASS_REPEAT','CONFIRM','NO_CORRECTION','NO_FEE','OTHER')),
        referred_to varchar(200),
        conclusion_note text,
        concluded_on date,
        concluded_by_id int references app_user(id),
        fee_amount numeric(12,2) check (fee_amount >= 0),
        reconsideration_filed_on date,
        reconsideration_result varchar(16) check (reconsideration_result in ('UPHELD','CORRECTED','OTHER','PENDING')),
        litigation_filed_on date,
        litigation_after_reconsideration boolean,
        litigation_result varchar(16) check (litigation_result in ('UPHELD','CORRECTED','OTHER','PENDING')),
        created_by_id int references app_user(id),
        created_at timestamptz not null default now(),
        version int not null default 1,
        check (due_on >= received_on),
        check ((status in ('CONCLUDED','WITHDRAWN')) = (outcome is not null and concluded_on is not null)),
        check (concluded_on is null or concluded_on >= received_on),
        check ((status in ('AWAITING_CORRECTION','THIRD_PARTY')) = (paused_since is not null)),
        -- The service records who approved an extension; rows loaded from older records (the demo
        -- world without demo users) may not know who did.
        check (extension_approved_by_id is null or extension_working_days > 0),
        check ((reconsideration_filed_on is null) = (reconsideration_result is null)),
        check ((litigation_filed_on is null) = (litigation_result is null) and (litigation_filed_on is null) = (litigation_after_reconsideration is null))
      )`);
    this.addSql(`create index disclosure_request_body_received_idx on disclosure_request (body_unit_id, received_on)`);
    this.addSql(`create index disclosure_request_body_concluded_idx on disclosure_request (body_unit_id, concluded_on)`);
    this.addSql(`create index disclosure_request_open_idx on disclosure_request (body_unit_id, due_on) where concluded_on is null`);

    this.addSql(`
      create table disclosure_request_event (
        id serial primary key,
        request_id int not null references disclosure_request(id),
        kind varchar(32) not null check (kind in ('RECEIVED','CORRECTION_REQUESTED','CORRECTION_ANSWERED','EXTENDED',
          'CONSULTATION_STARTED','CONSULTATION_ENDED','CONCLUDED','WITHDRAWN','RECONSIDERATION','LITIGATION','FEE_RECORDED')),
        occurred_on date not null,
        recorded_at timestamptz not null default now(),
        actor_id int references app_user(id),
        note text,
        due_on_after date
      )`);
    this.addSql(`create index disclosure_request_event_request_idx on disclosure_request_event (request_id, id)`);

    this.addSql(`
      create table disclosure_request_document (
        id serial primary key,
        request_id int not null references disclosure_request(id),
        kind varchar(24) not null check (kind in ('REPLY','EXTENSION_NOTICE','CORRECTION_NOTICE','NOTICE')),
        title varchar(200) not null,
        issued_on date not null,
        markdown text not null,
        html text not null,
        created_at timestamptz not null default now()
      )`);
    this.addSql(`create index disclosure_request_document_request_idx on disclosure_request_document (request_id, id)`);

    this.addSql(`alter table inspection_indicator drop constraint inspection_indicator_metric_check`);
    this.addSql(`alter table inspection_indicator add constraint inspection_indicator_metric_check check (metric in (
      'ON_TIME_PUBLICATION','MANDATORY_CATEGORY_COVERAGE','LIAISON_COVERAGE','STATISTICS_ON_TIME','STANDING_MAINTENANCE','CONTACT_ON_TIME','CONTACT_FEEDBACK',
      'REQUEST_ON_TIME'))`);
  }
}
