import type { PathReach } from '../../auth/scope';
import { sql, type Sql } from '../../db/sql';

/**
 * The maintained item counters (item_count, item_due, item_public_count, item_status_count; kept by triggers on
 * disclosure_item, see Migration20261201000500_aggregates and Migration20261201001100_item_public_count):
 * their rebuild, and the counts lists read instead of counting rows.
 */

/** Recomputes the item counters from disclosure_item (blocks item writes, not reads, while it runs). */
export function rebuildItemAggregatesSql(): Sql {
  return sql`select rebuild_item_aggregates(), rebuild_item_public_count(), rebuild_item_status_count()`;
}

/** The part of the item list's filter the counters can answer (itemListWhere's other filters need the rows). */
export interface CounterFilter {
  unitId?: number | null;
  /** false: the unit's own items only. */
  includeSubunits?: boolean | null;
  /** The category set (a subquery of ids), when filtered. */
  categories?: Sql | null;
  level?: string | null;
  statuses?: readonly string[] | null;
  /** Only items in the caller's staff scope (a staff-only sort). */
  staffOnly?: boolean;
}

/**
 * How many items of the list the caller sees, from the counters: published items of the filtered
 * units (by the published category), except those in the caller's staff scope, which count by
 * their working copy (every status, by the working category) as the list shows them. Every
 * "units" set is a handful of weighted counter rows: a subtree is its root's row, a unit's own
 * items its row minus its children's rows, the whole tree the roots' rows. The scope's part is
 * the filter's units intersected with each reach (`reach` is disjoint, see `disjointReach`), so
 * the cost is a few index lookups per reach, whatever the size of the subtree or the list.
 */
export function itemCounterTotalSql(f: CounterFilter, reach: readonly PathReach[]): Sql {
  const own = f.unitId != null && f.includeSubunits === false;
  const filterWeights =
    f.unitId == null
      ? sql`select id as unit_id, 1 as sign from org_unit where parent_id is null`
      : own
        ? sql`select ${f.unitId}::int as unit_id, 1 as sign union all select id, -1 from org_unit where parent_id = ${f.unitId}`
        : sql`select ${f.unitId}::int as unit_id, 1 as sign`;
  const filterPath = f.unitId == null ? sql`''::text` : sql`(select path from org_unit where id = ${f.unitId})`;
  const onlyScope = !!f.statuses?.length || !!f.staffOnly;
  const cat = f.categories ? sql`and c.category_id in ${f.categories}` : sql``;
  const level = f.level ? sql`and c.level = ${f.level}` : sql``;
  const status = f.statuses?.length ? sql`and c.status = any(${[...f.statuses]}::text[])` : sql``;
  // The units of the filter within the scope: the filter's own units where a reach's subtree holds
  // them, a reached subtree or unit inside the filter's units otherwise.
  // Reached subtrees inside the filter's units (not when the filter is one unit's own items), and
  // reached single units inside them.
  const subtreeInside = own ? sql`false` : sql`r.subtree and r.path <> fp.path`;
  const unitInside = own ? sql`not r.subtree and r.path = fp.path` : sql`not r.subtree`;
  const scopeWeights = reach.length
    ? sql`select fw.unit_id, fw.sign from fw, r, fp where r.subtree and starts_with(fp.path, r.path)
          union all
          select u.id, 1 from r join org_unit u on u.path = r.path, fp where starts_with(r.path, fp.path) and (${subtreeInside} or ${unitInside})
          union all
          select c.id, -1 from r join org_unit u on u.path = r.path join org_unit c on c.parent_id = u.id, fp where starts_with(r.path, fp.path) and ${unitInside}`
    : sql`select null::int as unit_id, 0 as sign where false`;
  const published = onlyScope
    ? sql`0`
    : sql`coalesce((select sum(w.sign * c.n) from (select unit_id, sign from fw union all select unit_id, -sign from sw) w
                      join item_public_count c on c.unit_id = w.unit_id where true ${cat} ${level}), 0)`;
  const working = reach.length
    ? sql`coalesce((select sum(w.sign * c.n) from sw w join item_count c on c.unit_id = w.unit_id where true ${cat} ${level} ${status}), 0)`
    : sql`0`;
  return sql`with fw as (${filterWeights}),
       fp as (select ${filterPath} as path),
       r as (select * from unnest(${reach.map((x) => x.path)}::text[], ${reach.map((x) => x.subtree)}::boolean[]) r(path, subtree)),
       sw as (${scopeWeights})
  select (${published} + ${working})::int as n from fp`;
}

/** Folds item_due's overdue and due days before `before` into one row per unit and kind (Migration20261201001700_aggregate_reads); returns the rows folded. */
export function foldItemDueSql(before: string): Sql {
  return sql`select fold_item_due(${before}::date) as folded`;
}
