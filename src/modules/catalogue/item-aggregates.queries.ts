import { sql, type Sql } from '../../db/sql';

/**
 * The maintained item counters (item_count, item_due; kept by triggers on disclosure_item, see
 * Migration20261201000500_aggregates): their rebuild, and the counts lists read instead of counting rows.
 */

/** Recomputes the item counters from disclosure_item (blocks item writes, not reads, while it runs). */
export function rebuildItemAggregatesSql(): Sql {
  return sql`select rebuild_item_aggregates()`;
}

/** Folds item_due's overdue and due days before `before` into one row per unit and kind (Migration20261201001700_aggregate_reads); returns the rows folded. */
export function foldItemDueSql(before: string): Sql {
  return sql`select fold_item_due(${before}::date) as folded`;
}
