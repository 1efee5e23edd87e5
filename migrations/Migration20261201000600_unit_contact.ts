import { Migration } from '@mikro-orm/migrations';

/**
 * A unit's public contact directory (机构联系方式, content (一) of the plan): address, postcode,
 * office hours, website, e-mail and typed phone numbers. One row per unit that publishes any;
 * kept beside org_unit (not in it) so the row every request reads stays narrow.
 */
export class Migration20261201000600_unit_contact extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table org_unit_contact (
      unit_id integer primary key references org_unit (id) on delete cascade,
      address varchar(300),
      postcode varchar(6) check (postcode ~ '^[0-9]{6}$'),
      office_hours varchar(300),
      website varchar(300),
      email varchar(254),
      phones jsonb not null default '[]'::jsonb check (jsonb_typeof(phones) = 'array'),
      version integer not null default 1,
      updated_at timestamptz not null default now()
    )`);
  }
}
