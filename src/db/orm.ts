import { MikroORM, Options, ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { SeedManager } from '@mikro-orm/seeder';
import { migrations } from '../../migrations';
import type { AppConfig } from '../config/env';
import { entities } from '../modules';
import { guardPool } from './connection-guard';

/** Time limits of the application's connections (ms; 0: none). */
export interface DbLimits {
  /** PostgreSQL cancels a statement that runs longer (`statement_timeout`). */
  statementTimeoutMs: number;
  /** PostgreSQL ends a session left idle inside a transaction longer (`idle_in_transaction_session_timeout`). */
  idleInTransactionTimeoutMs: number;
  /** Waiting for a pooled connection, including opening one, fails after this long. */
  acquireTimeoutMs: number;
}

/** How the application's connections are set up. */
export interface OrmConnectionOptions {
  limits?: DbLimits;
  applicationName?: string;
  /** Streaming replicas MikroORM opens a pool on each (same pool size and limits); reads reach them only through src/db/replicas.ts. */
  replicaUrls?: string[];
}

/** The configured limits of the application's connections. */
export function dbLimitsOf(config: AppConfig): DbLimits {
  return {
    statementTimeoutMs: config.dbStatementTimeoutMs,
    idleInTransactionTimeoutMs: config.dbIdleInTransactionTimeoutMs,
    acquireTimeoutMs: config.dbAcquireTimeoutMs,
  };
}

/**
 * MikroORM options for a database URL: explicit entities, reflect metadata, migrations listed in code.
 * With `limits`, every pooled connection starts with the statement and idle-in-transaction
 * timeouts as startup parameters (no extra round trip, and they hold on a reconnected session
 * too), and waiting for one is bounded. `applicationName` labels the pool's sessions in
 * pg_stat_activity (shutdown finds its own by it).
 */
export function ormOptions(clientUrl: string, poolSize = 10, { limits, applicationName, replicaUrls }: OrmConnectionOptions = {}): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl,
    ...(replicaUrls?.length ? { replicas: replicaUrls.map((url, i) => ({ name: `replica-${i + 1}`, clientUrl: url })) } : {}),
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator, SeedManager],
    migrations: { migrationsList: migrations, transactional: true, allOrNothing: true, snapshot: false, silent: true },
    pool: { min: 0, max: poolSize, ...(limits ? { acquireTimeoutMillis: limits.acquireTimeoutMs, createTimeoutMillis: limits.acquireTimeoutMs } : {}) },
    driverOptions: {
      connection: {
        ...(applicationName ? { application_name: applicationName } : {}),
        ...(limits
          ? {
              statement_timeout: limits.statementTimeoutMs,
              idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
              // A server that accepts the TCP connection but never answers (stopped, overloaded) must not hold an acquire forever.
              connectionTimeoutMillis: limits.acquireTimeoutMs,
            }
          : {}),
      },
    },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    debug: false,
    ensureIndexes: false,
  };
}

/**
 * Opens the ORM on a database URL. Its pool refuses a second connection to code running inside
 * a transaction (src/db/connection-guard.ts).
 */
export async function openOrm(clientUrl: string, poolSize?: number, options?: OrmConnectionOptions): Promise<MikroORM<PostgreSqlDriver>> {
  const orm = await MikroORM.init(ormOptions(clientUrl, poolSize, options));
  guardPool(orm.em.getConnection().getKnex().client);
  return orm;
}
