import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { DatabaseSeeder } from '../../seeds/DatabaseSeeder';
import type { AppConfig } from '../config/env';
import { EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from './embedded';
import { dbLimitsOf, openOrm } from './orm';

export const EMBEDDED_DATABASE = 'disclosure';

/** The database the app runs on, and how to let go of it. */
export interface Database {
  orm: MikroORM<PostgreSqlDriver>;
  url: string;
  embedded: EmbeddedCluster | null;
  close(): Promise<void>;
}

/** Applies pending migrations; returns their names. */
export async function migrate(orm: MikroORM<PostgreSqlDriver>): Promise<string[]> {
  const done = await orm.getMigrator().up();
  return done.map((m) => m.name);
}

/** Loads the demo world when the database has no org units yet. Returns whether it seeded. */
export async function seedIfEmpty(orm: MikroORM<PostgreSqlDriver>, opts: { demoPassword: string; withDemoUsers: boolean }): Promise<boolean> {
  const em = orm.em.fork();
  const [{ count }] = await em.getConnection().execute<{ count: string }[]>('select count(*) from org_unit');
  if (Number(count) > 0) return false;
  await em.transactional((tem) => new DatabaseSeeder().run(tem, { ...opts }));
  return true;
}

/**
 * Opens the configured database: DATABASE_URL, or an embedded PostgreSQL kept under DATA_DIR.
 * Migrates, and seeds the demo world when empty.
 */
export async function openDatabase(config: AppConfig, log: Logger): Promise<Database> {
  let embedded: EmbeddedCluster | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir, port: config.embeddedPgPort, persistent: true,
      onLog: (m) => log.debug({ pg: m.trim() }, 'postgres'),
    });
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE);
    url = embedded.url(EMBEDDED_DATABASE);
  }
  let orm: MikroORM<PostgreSqlDriver>;
  try {
    // Migrations and the demo seed may take longer than any request may: they run on their own
    // connection, without the statement timeout the serving pool has.
    const setup = await openOrm(url, 1);
    try {
      const applied = await migrate(setup);
      if (applied.length) log.info({ applied }, 'migrations applied');
      if (await seedIfEmpty(setup, { demoPassword: config.demoPassword, withDemoUsers: !config.isProduction })) {
        log.info('empty database: demo data loaded');
      }
    } finally {
      await setup.close(true);
    }
    orm = await openOrm(url, config.dbPoolSize, dbLimitsOf(config));
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  return {
    orm, url, embedded,
    close: async () => {
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
