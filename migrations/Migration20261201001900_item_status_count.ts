import { Migration } from '@mikro-orm/migrations';

/**
 * item_status_count: items per (unit subtree, status, level, withholding pending), the overview's
 * item counters without item_count's category. A whole-country overview summed 11,700 item_count
 * rows (51 units × 23 categories × status × level) on every request, most of its PostgreSQL time;
 * it now reads about 20 rows a unit.
 *
 * Derived from item_count by statement-level triggers with transition tables, so every writer of
 * item_count (the item triggers, unit moves, rebuild_item_aggregates) keeps it without knowing of
 * it. Each trigger applies its statement's changes in one upsert ordered by key, like the item
 * triggers do, so concurrent writers lock its rows in the same order. Rows whose count falls to 0
 * stay, as in item_count. rebuild_item_status_count() recomputes it from item_count.
 */
const KEY = 'unit_id, status, level, withholding_pending';
const apply = (name: string, rows: string) => `create function ${name}() returns trigger language plpgsql as $f$
  begin
    insert into item_status_count as s (${KEY}, n)
    select ${KEY}, sum(n)::int from (${rows}) d group by 1, 2, 3, 4 having sum(n) <> 0 order by 1, 2, 3, 4
    on conflict (${KEY}) do update set n = s.n + excluded.n;
    return null;
  end $f$`;

export class Migration20261201001900_item_status_count extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table item_status_count (unit_id int not null, status text not null, level text not null,
                 withholding_pending boolean not null, n int not null, primary key (${KEY}) include (n))`);
    this.addSql(apply('item_status_count_insert', `select ${KEY}, n from new_rows`));
    this.addSql(apply('item_status_count_update', `select ${KEY}, n from new_rows union all select ${KEY}, -n from old_rows`));
    this.addSql(apply('item_status_count_delete', `select ${KEY}, -n as n from old_rows`));
    this.addSql(`create trigger item_status_count_insert after insert on item_count referencing new table as new_rows
                 for each statement execute function item_status_count_insert()`);
    this.addSql(`create trigger item_status_count_update after update on item_count referencing old table as old_rows new table as new_rows
                 for each statement execute function item_status_count_update()`);
    this.addSql(`create trigger item_status_count_delete after delete on item_count referencing old table as old_rows
                 for each statement execute function item_status_count_delete()`);
    this.addSql(`create function rebuild_item_status_count() returns void language plpgsql as $f$
      begin
        lock table item_count in share mode;
        delete from item_status_count;
        insert into item_status_count (${KEY}, n)
        select ${KEY}, sum(n)::int from item_count group by 1, 2, 3, 4 order by 1, 2, 3, 4;
      end $f$`);
    this.addSql(`select rebuild_item_status_count()`);
  }
}
