import { Migration } from '@mikro-orm/migrations';

/**
 * Attachments of items and annual reports. A row is made when an upload completes (the file is
 * already stored, content-addressed by sha256) and belongs to nobody until a mutation attaches it
 * to one item or one report. Files no row references are removed by the cleanup job.
 */
export class Migration20261201000610_attachments extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table attachment (
      id uuid primary key,
      sha256 char(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
      size integer not null check (size >= 0),
      media_type varchar(100) not null,
      file_name varchar(255) not null,
      title varchar(200),
      uploaded_by_id integer not null references app_user (id),
      created_at timestamptz not null default now(),
      item_id integer references disclosure_item (id) on delete cascade,
      report_id integer references annual_report (id) on delete cascade,
      attached_at timestamptz,
      attached_by_id integer references app_user (id),
      check (item_id is null or report_id is null),
      check ((item_id is null and report_id is null) = (attached_at is null))
    )`);
    this.addSql(`create index attachment_item_idx on attachment (item_id) where item_id is not null`);
    this.addSql(`create index attachment_report_idx on attachment (report_id) where report_id is not null`);
    this.addSql(`create index attachment_sha256_idx on attachment (sha256)`);
    this.addSql(`create index attachment_pending_idx on attachment (created_at) where attached_at is null`);
  }
}
