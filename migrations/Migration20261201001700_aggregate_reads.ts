import { Migration } from '@mikro-orm/migrations';

/**
 * Dashboard reads of the maintained aggregates that stay small as the country's data grows:
 *
 * - stat_subtree_total and item_due keep their values in their primary key's index
 *   (`include`), so a roll-up or an overview reads them with an index-only scan instead of
 *   visiting one heap page per row (a whole-country roll-up read 10,200 rows on 4,349 pages);
 * - item_due's past days are folded: `fold_item_due(before)` adds every OVERDUE, MAINTENANCE and
 *   PERIODIC row of a day before `before` into one row per (unit, kind) on day '-infinity' and
 *   records `before` in item_due_fold. Every counter the overview reads compares days with a day
 *   on or after `before` (overdue: day < asOf; due: day <= asOf), so a folded row counts exactly
 *   as its days did; the overview refuses an `asOf` before the fold. Without folding, the
 *   administration's and each district's rows grew by a row per deadline day of ten years (7,310
 *   and ~6,500 rows at 1,000,000 items). PUBLISHED rows (one per year) are never folded.
 *   Triggers keep writing the item's own day; a change to an item whose day was folded adds a
 *   row of that day (possibly negative), which the next fold adds in.
 */
export class Migration20261201001700_aggregate_reads extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table stat_subtree_total drop constraint stat_subtree_total_pkey,
                 add constraint stat_subtree_total_pkey primary key (unit_id, year, template_id, key) include (total, units)`);
    this.addSql(`alter table item_due drop constraint item_due_pkey, add constraint item_due_pkey primary key (unit_id, kind, day) include (n)`);
    this.addSql(`create table item_due_fold (id boolean primary key default true check (id), folded_before date not null)`);
    this.addSql(`create function fold_item_due(p_before date) returns int language plpgsql as $f$
      declare
        moved int;
      begin
        with gone as (delete from item_due
                       where kind in ('OVERDUE', 'MAINTENANCE', 'PERIODIC') and day < p_before and day <> '-infinity'::date
                       returning unit_id, kind, n),
             folded as (select unit_id, kind, sum(n)::int as n, count(*) as rows from gone group by 1, 2),
             added as (insert into item_due as c (unit_id, kind, day, n)
                       select unit_id, kind, '-infinity'::date, n from folded order by 1, 2
                       on conflict (unit_id, kind, day) do update set n = c.n + excluded.n
                       returning 1)
        select coalesce(sum(rows), 0)::int into moved from folded;
        delete from item_due where day = '-infinity'::date and n = 0;
        insert into item_due_fold (folded_before) values (p_before)
        on conflict (id) do update set folded_before = greatest(item_due_fold.folded_before, excluded.folded_before);
        return moved;
      end $f$`);
  }
}
