import { Migration } from '@mikro-orm/migrations';

/**
 * item_public_count: published items per (unit subtree, published category, level), so the item
 * list's totalCount for anonymous readers (and the public part of a staff member's list) is a sum
 * of a few counter rows. item_count (Migration20261201000500_aggregates) counts by the working
 * copy's category; anonymous readers filter by the published snapshot's category
 * (`pub_category_id`), which a pending draft may have changed. A category of 0 stands for none.
 *
 * Kept like the other item counters: statement triggers on disclosure_item with transition tables
 * (one upsert per ancestor and key, in the writing transaction), a trigger on unit moves that
 * shifts the subtree's rows to the new ancestors, and a rebuild function (run once here, and by
 * `rebuildItemAggregates` with the other item counters). Separate functions and triggers, so the
 * existing aggregate functions stay as they are.
 */

const ANCESTORS = (p: string) => `unnest(string_to_array(trim(both '/' from ${p}), '/')::int[]) with ordinality`;

/** The counter delta of transition relations with signs, added into every ancestor of each owner unit. */
function deltaSql(sources: { rel: string; sign: number }[], upsert = true): string {
  const rows = sources
    .map((s) => `select i.owner_unit_id, coalesce(i.pub_category_id, 0) as category_id, i.level, ${s.sign} as sign from ${s.rel} i where i.is_public`)
    .join(' union all ');
  return `
    with d as (select owner_unit_id, category_id, level, sum(sign)::int as n from (${rows}) x group by 1, 2, 3 having sum(sign) <> 0)
    insert into item_public_count as c (unit_id, category_id, level, n)
    select a.id, d.category_id, d.level, sum(d.n)
      from d join org_unit u on u.id = d.owner_unit_id, ${ANCESTORS('u.path')} a(id, ord)
     group by 1, 2, 3 order by 1, 2, 3
    ${upsert ? 'on conflict (unit_id, category_id, level) do update set n = c.n + excluded.n' : ''}`;
}

function triggerFunction(name: string, sources: { rel: string; sign: number }[]): string {
  return `create function ${name}() returns trigger language plpgsql as $f$
    begin
      ${deltaSql(sources)};
      return null;
    end $f$`;
}

/** A unit moved: its subtree's published items leave the old ancestors and join the new ones. */
const MOVE_TRIGGER = `create function org_unit_move_public_count() returns trigger language plpgsql as $f$
  declare
    p record;
  begin
    for p in select old.path as path, -1 as sign union all select new.path, 1 loop
      insert into item_public_count as c (unit_id, category_id, level, n)
      select a.id, t.category_id, t.level, p.sign * t.n
        from item_public_count t, ${ANCESTORS('p.path')} a(id, ord) where t.unit_id = new.id and a.id <> new.id order by 1, 2, 3
      on conflict (unit_id, category_id, level) do update set n = c.n + excluded.n;
    end loop;
    return null;
  end $f$`;

const REBUILD = `create function rebuild_item_public_count() returns void language plpgsql as $f$
  begin
    lock table disclosure_item in share mode;
    lock table org_unit in share mode;
    delete from item_public_count;
    ${deltaSql([{ rel: 'disclosure_item', sign: 1 }], false)};
  end $f$`;

export class Migration20261201001100_item_public_count extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table item_public_count (unit_id int not null, category_id int not null, level text not null, n int not null,
                 primary key (unit_id, category_id, level))`);
    this.addSql(triggerFunction('item_public_count_insert', [{ rel: 'new_rows', sign: 1 }]));
    this.addSql(
      triggerFunction('item_public_count_update', [
        { rel: 'new_rows', sign: 1 },
        { rel: 'old_rows', sign: -1 },
      ]),
    );
    this.addSql(triggerFunction('item_public_count_delete', [{ rel: 'old_rows', sign: -1 }]));
    this.addSql(`create trigger item_public_count_insert after insert on disclosure_item referencing new table as new_rows
                 for each statement execute function item_public_count_insert()`);
    this.addSql(`create trigger item_public_count_update after update on disclosure_item referencing new table as new_rows old table as old_rows
                 for each statement execute function item_public_count_update()`);
    this.addSql(`create trigger item_public_count_delete after delete on disclosure_item referencing old table as old_rows
                 for each statement execute function item_public_count_delete()`);
    this.addSql(MOVE_TRIGGER);
    this.addSql(`create trigger org_unit_move_public_count after update of parent_id on org_unit for each row
                 when (old.parent_id is distinct from new.parent_id) execute function org_unit_move_public_count()`);
    this.addSql(REBUILD);
    this.addSql(`select rebuild_item_public_count()`);
  }
}
