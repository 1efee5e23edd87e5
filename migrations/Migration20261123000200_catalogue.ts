import { Migration } from '@mikro-orm/migrations';

/** Disclosure catalogue: categories, items with revisions and reviews, the holiday calendar. */
export class Migration20261123000200_catalogue extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table catalogue_category (
        id serial primary key,
        code varchar(64) not null unique,
        name varchar(200) not null,
        description text not null default '',
        parent_id int references catalogue_category(id),
        owner_unit_id int references org_unit(id),
        mandatory boolean not null default false,
        default_mode varchar(16) not null check (default_mode in ('STANDING','PERIODIC','AD_HOC','WITHHELD')),
        allowed_levels text[] not null check (allowed_levels <@ array['OFFICE','DIVISION']::text[] and cardinality(allowed_levels) > 0),
        review_cycle_months smallint not null default 12 check (review_cycle_months between 1 and 120),
        sort_order int not null default 0,
        version int not null default 1,
        check (owner_unit_id is null or parent_id is not null)
      )`);
    this.addSql(`create index catalogue_category_parent_idx on catalogue_category (parent_id)`);
    this.addSql(`create index catalogue_category_owner_idx on catalogue_category (owner_unit_id)`);

    this.addSql(`
      create table holiday_day (
        date date primary key,
        year smallint not null,
        kind varchar(16) not null check (kind in ('HOLIDAY','WORKDAY')),
        name varchar(100) not null
      )`);
    this.addSql(`create index holiday_day_year_idx on holiday_day (year)`);

    this.addSql(`
      create table disclosure_item (
        id serial primary key,
        category_id int not null references catalogue_category(id),
        owner_unit_id int not null references org_unit(id),
        level varchar(16) not null check (level in ('OFFICE','DIVISION')),
        mode varchar(16) not null check (mode in ('STANDING','PERIODIC','AD_HOC','WITHHELD')),
        cadence varchar(16) check (cadence in ('MONTHLY','QUARTERLY','HALF_YEARLY','YEARLY')),
        channels text[] not null,
        title varchar(500) not null check (length(btrim(title)) > 0),
        body text not null check (octet_length(body) <= 204800),
        legal_basis text,
        formed_date date not null,
        publish_deadline date not null check (publish_deadline >= formed_date),
        next_maintenance_date date,
        next_due_date date,
        status varchar(16) not null default 'DRAFT' check (status in ('DRAFT','IN_REVIEW','RETURNED','APPROVED','PUBLISHED','RETIRED')),
        internal_notes text,
        review_round int not null default 0,
        version int not null default 1,
        is_public boolean not null default false,
        published_at timestamptz,
        published_version int,
        pub_title varchar(500),
        pub_body text,
        pub_category_id int references catalogue_category(id),
        pub_legal_basis text,
        pub_channels text[],
        withholding_status varchar(16) check (withholding_status in ('PENDING','DISCLOSE','WITHHOLD')),
        withholding_reason text,
        withholding_requested_at timestamptz,
        withholding_requested_by_id int references app_user(id),
        withholding_ruling_reason text,
        withholding_ruled_at timestamptz,
        withholding_ruled_by_id int references app_user(id),
        mode_before_withholding varchar(16),
        created_by_id int references app_user(id),
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now(),
        check (mode <> 'PERIODIC' or cadence is not null),
        check (not is_public or pub_title is not null)
      )`);
    this.addSql(`create index disclosure_item_owner_idx on disclosure_item (owner_unit_id, status)`);
    this.addSql(`create index disclosure_item_category_idx on disclosure_item (category_id)`);
    this.addSql(`create index disclosure_item_public_idx on disclosure_item (pub_category_id, published_at desc) where is_public`);
    this.addSql(`create index disclosure_item_deadline_idx on disclosure_item (publish_deadline) where status not in ('PUBLISHED','RETIRED')`);
    this.addSql(`create index disclosure_item_withholding_idx on disclosure_item (owner_unit_id) where withholding_status = 'PENDING'`);
    // Substring search that works for Chinese (no word boundaries): trigram GIN indexes serve ILIKE '%term%'.
    this.addSql(`create index disclosure_item_text_trgm on disclosure_item using gin ((title || ' ' || body) gin_trgm_ops)`);
    this.addSql(
      `create index disclosure_item_pub_text_trgm on disclosure_item using gin ((coalesce(pub_title, '') || ' ' || coalesce(pub_body, '')) gin_trgm_ops)`,
    );

    this.addSql(`
      create table disclosure_review (
        id serial primary key,
        item_id int not null references disclosure_item(id),
        round int not null,
        kind varchar(16) not null check (kind in ('LEGAL','SECRECY')),
        decision varchar(16) not null check (decision in ('PASS','RETURN')),
        comment text not null,
        reviewer_id int not null references app_user(id),
        reviewer_username varchar(64) not null,
        created_at timestamptz not null default now(),
        unique (item_id, round, kind)
      )`);

    this.addSql(`
      create table disclosure_revision (
        id serial primary key,
        item_id int not null references disclosure_item(id),
        version int not null,
        action varchar(32) not null,
        snapshot jsonb not null,
        changed_by_id int,
        changed_by_username varchar(64),
        changed_at timestamptz not null default now()
      )`);
    this.addSql(`create index disclosure_revision_item_idx on disclosure_revision (item_id, id)`);
  }
}
