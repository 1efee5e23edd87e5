import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { configFromEnvOrExit } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase } from './db/database';
import { openOrm } from './db/orm';
import { reindexItemSearch } from './modules/catalogue/search/reindex';
import { DatabaseSeeder } from '../seeds/DatabaseSeeder';

const USAGE = 'usage: npm run reindex-search -- [--batch N] [--restart]';

/**
 * `npm run reindex-search`: recomputes the search vectors of every disclosure item after the
 * segmenter's dictionary or weighting changed, in batches (src/modules/catalogue/search/reindex.ts).
 * Runs against DATABASE_URL while the server serves, or against the embedded database while the
 * server is stopped. An interrupted run resumes where it stopped; `--restart` starts from the first
 * item.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let batchSize = 500;
  let restart = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--restart') restart = true;
    else if (args[i] === '--batch' && /^\d+$/.test(args[i + 1] ?? '')) batchSize = Number(args[++i]);
    else {
      console.error(USAGE);
      process.exit(2);
    }
  }
  const config = configFromEnvOrExit();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, log, DatabaseSeeder);
  // Its own connection, without the serving pool's statement timeout.
  const orm = await openOrm(db.url, 1);
  try {
    const started = Date.now();
    let logged = 0;
    const done = await reindexItemSearch(orm.em.fork() as EntityManager, {
      batchSize,
      restart,
      onBatch: (p) => {
        if (Date.now() - logged < 5000) return;
        logged = Date.now();
        log.info(p, 'search reindex progress');
      },
    });
    log.info({ ...done, ms: Date.now() - started }, 'search reindex finished');
  } finally {
    await orm.close(true);
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
