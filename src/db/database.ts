import type { EntityManager as CoreEntityManager, MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/env';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import pino from 'pino';
import { migrateJobQueue } from './job-queue';
import { loadOrCreateSecret } from '../config/secrets';
import { EmbeddedCluster, startEmbeddedPostgres } from './embedded';
import { dbLimitsOf, openOrm } from './orm';
import { runSql, sql } from './sql';
import { holdingConnection } from './connection-guard';
import { APP_ROLE, ensureAppRole } from './roles';
import { ReplicaRouter } from './replicas';

export const EMBEDDED_DATABASE = 'disclosure';

/** The database the app runs on, and how to let go of it. */
export interface Database {
  orm: MikroORM<PostgreSqlDriver>;
  url: string;
  embedded: EmbeddedCluster | null;
  /** Reads on streaming replicas (DATABASE_REPLICA_URLS); null without replicas. */
  replicas: ReplicaRouter | null;
  /**
   * Ends the pool's sessions that are running a statement or sit in a transaction
   * (pg_terminate_backend: what they had not committed rolls back). Used by shutdown once its
   * deadline has passed; returns how many it ended.
   */
  terminateRunning(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Applies pending migrations, then the job queue's (graphile-worker keeps its own schema and
 * migration record: src/db/job-queue.ts); returns the names of ours it applied.
 */
export async function migrate(orm: MikroORM<PostgreSqlDriver>, log: Logger = pino({ level: 'silent' })): Promise<string[]> {
  const done = await orm.getMigrator().up();
  await migrateJobQueue(orm.config.get('clientUrl')!, log);
  return done.map((m) => m.name);
}

/** What the demo world is loaded with. */
export interface SeedOptions {
  demoPassword: string;
  withDemoUsers: boolean;
}

/**
 * The seeder class that loads the demo world (seeds/DatabaseSeeder). Its callers (main.ts, the
 * tests' global setup) pass it in: src/db runs seeders but does not depend on seeds/.
 */
export type SeederClass = new () => { run(em: CoreEntityManager, context: SeedOptions): void | Promise<void> };

/** Loads the demo world with `seeder` when the database has no org units yet. Returns whether it seeded. */
export async function seedIfEmpty(orm: MikroORM<PostgreSqlDriver>, seeder: SeederClass, opts: SeedOptions): Promise<boolean> {
  const em = orm.em.fork();
  const [{ count }] = await runSql<{ count: string }>(em as EntityManager, sql`select count(*) from org_unit`);
  if (Number(count) > 0) return false;
  // Marked like every other transaction: the pool refuses the seeders a second connection (with
  // the one-connection setup pool it would wait forever).
  await em.transactional((tem) =>
    holdingConnection(async () => {
      await new seeder().run(tem, { ...opts });
    }),
  );
  return true;
}

/** Advisory lock key held while an instance migrates and seeds. */
const SETUP_LOCK = 0x646973636c6f; // "disclo"

/** The file in DATA_DIR with the generated password of the embedded cluster's application role. */
export const APP_PASSWORD_FILE = 'pg-app-password';

/**
 * Opens the configured database: DATABASE_URL, or an embedded PostgreSQL kept under DATA_DIR,
 * connecting to the latter as the application role (no superuser; owns the schema). Migrates, and
 * seeds the demo world with `seeder` when empty.
 */
export async function openDatabase(config: AppConfig, log: Logger, seeder: SeederClass): Promise<Database> {
  let embedded: EmbeddedCluster | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log.info({ dataDir: config.dataDir, port: config.embeddedPgPort }, 'starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({
      dataDir: config.dataDir,
      port: config.embeddedPgPort,
      persistent: true,
      exitWithParent: config.embeddedPgExitWithParent,
      onLog: (m) => log.debug({ pg: m.trim() }, 'postgres'),
      onNotice: (m) => log.warn(m),
    });
    try {
      const app = { user: APP_ROLE, password: loadOrCreateSecret(join(config.dataDir, APP_PASSWORD_FILE)) };
      await ensureAppRole(embedded.url('postgres'), EMBEDDED_DATABASE, app);
      url = embedded.url(EMBEDDED_DATABASE, app);
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  // Unique per process (PIDs repeat across containers sharing a database).
  const applicationName = `disclosure-api/${randomBytes(6).toString('hex')}`;
  let orm: MikroORM<PostgreSqlDriver>;
  try {
    // Migrations and the demo seed may take longer than any request may: they run on their own
    // connection, without the statement timeout the serving pool has.
    // Instances started together take turns (a session-level advisory lock on its own connection):
    // the first migrates and seeds, the others then find nothing to do.
    const lock = new Client({ connectionString: url, application_name: 'disclosure-setup-lock' });
    await lock.connect();
    await lock.query('select pg_advisory_lock($1)', [SETUP_LOCK]);
    const setup = await openOrm(url, 1).catch(async (err) => {
      await lock.end();
      throw err;
    });
    try {
      const applied = await migrate(setup, log);
      if (applied.length) log.info({ applied }, 'migrations applied');
      if (await seedIfEmpty(setup, seeder, { demoPassword: config.demoPassword, withDemoUsers: !config.isProduction })) {
        log.info('empty database: demo data loaded');
      }
    } finally {
      await setup.close(true);
      await lock.end(); // ending the session releases the lock
    }
    orm = await openOrm(url, config.dbPoolSize, { limits: dbLimitsOf(config), applicationName, replicaUrls: config.databaseReplicaUrls });
  } catch (err) {
    await embedded?.stop();
    throw err;
  }
  let replicas: ReplicaRouter | null = null;
  if (config.databaseReplicaUrls.length) {
    replicas = new ReplicaRouter(orm, { maxLagMs: config.databaseReplicaMaxLagMs, checkMs: config.databaseReplicaCheckMs, log });
    // A replica that is down now is only out of rotation: the instance serves from the primary.
    await replicas.start();
    log.info({ replicas: replicas.status() }, 'read replicas');
  }
  const dbUrl = url;
  return {
    orm,
    url,
    embedded,
    replicas,
    terminateRunning: async () => {
      // Its own connection: the pool may be exhausted by the very requests being ended.
      const client = new Client({ connectionString: dbUrl, connectionTimeoutMillis: 3000, application_name: 'disclosure-shutdown' });
      await client.connect();
      try {
        // In the select list, not the WHERE clause: the planner may evaluate WHERE conditions in any order.
        const { rows } = await client.query<{ ended: boolean }>(
          `select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid() and state <> 'idle'`,
          [applicationName],
        );
        return rows.filter((r) => r.ended).length;
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await replicas?.stop();
      await orm.close(true);
      await embedded?.stop();
    },
  };
}
