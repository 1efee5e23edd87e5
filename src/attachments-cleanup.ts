import 'reflect-metadata';
import type { EntityManager } from '@mikro-orm/postgresql';
import { configFromEnvOrExit } from './config/env';
import { createLogger } from './config/logger';
import { openDatabase } from './db/database';
import { cleanupAttachments } from './modules/attachment';
import { DatabaseSeeder } from '../seeds/DatabaseSeeder';

/**
 * `npm run attachments:cleanup`: one run of the attachment cleanup (uploads never attached, files
 * nothing references), with the server's configuration; prints what it removed. For cron until
 * the job queue schedules it (src/modules/attachment/attachment.cleanup.ts).
 */
async function run(): Promise<void> {
  const config = configFromEnvOrExit();
  const log = createLogger(config.logLevel);
  const db = await openDatabase(config, log, DatabaseSeeder);
  try {
    const report = await cleanupAttachments(db.orm.em.fork() as EntityManager, config.attachments);
    log.info(report, 'attachment cleanup done');
    console.log(JSON.stringify(report));
  } finally {
    await db.close();
  }
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
