import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { configFromEnvOrExit } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase } from './db/database';
import { openOrm } from './db/orm';
import { inTransaction } from './common/transaction';
import { rebuildItemAggregates } from './modules/catalogue';
import { rebuildLiaisonAggregates } from './modules/liaison';
import { rebuildStatisticsAggregates } from './modules/statistics';
import { DatabaseSeeder } from '../seeds/DatabaseSeeder';

/**
 * `npm run rebuild-aggregates`: recomputes the maintained aggregates (statistics subtree totals,
 * item counters, liaison coverage) from the base tables. Idempotent. Each family is rebuilt in its own transaction
 * that holds a SHARE lock on its base table: reads go on, writes to that table wait for the
 * rebuild (seconds on a national database). Runs against DATABASE_URL while the server serves, or
 * against the embedded database while the server is stopped.
 */
async function main(): Promise<void> {
  const config = configFromEnvOrExit();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, log, DatabaseSeeder);
  // Its own connection, without the serving pool's statement timeout.
  const orm = await openOrm(db.url, 1);
  try {
    for (const [name, rebuild] of [
      ['statistics', rebuildStatisticsAggregates],
      ['items', rebuildItemAggregates],
      ['liaison coverage', rebuildLiaisonAggregates],
    ] as const) {
      const started = Date.now();
      await inTransaction(orm.em.fork() as EntityManager, (em) => rebuild(em));
      log.info({ aggregates: name, ms: Date.now() - started }, 'aggregates rebuilt');
    }
  } finally {
    await orm.close(true);
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
