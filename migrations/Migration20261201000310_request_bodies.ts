import { Migration } from '@mikro-orm/migrations';

/**
 * Which units receive requests for disclosure: by default the districts and the administration; a
 * row here overrides that for one unit (a subordinate office that is a body of its own, or a
 * district that is not).
 */
export class Migration20261201000310_request_bodies extends Migration {
  async up(): Promise<void> {
    this.addSql(`
      create table disclosure_body_setting (
        unit_id int primary key references org_unit(id),
        accepts_requests boolean not null,
        updated_at timestamptz not null default now()
      )`);
  }
}
