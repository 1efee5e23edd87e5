import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '../../db/sql';
import { rebuildStatAggregatesSql } from './statistics-aggregates.queries';

/** Recomputes the maintained statistics totals from the accepted rows, in the caller's transaction. */
export async function rebuildStatisticsAggregates(em: EntityManager): Promise<void> {
  await runSql(em, rebuildStatAggregatesSql());
}
