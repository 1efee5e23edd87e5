import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '../../db/sql';
import { rebuildItemAggregatesSql } from './item-aggregates.queries';

/** Recomputes the maintained item counters from the items, in the caller's transaction. */
export async function rebuildItemAggregates(em: EntityManager): Promise<void> {
  await runSql(em, rebuildItemAggregatesSql());
}
