import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, seedIfEmpty } from '../src/db/database';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { openOrm } from '../src/db/orm';
import { APP_ROLE, ensureAppRole } from '../src/db/roles';
import { DatabaseSeeder } from '../seeds/DatabaseSeeder';
import { TEMPLATE_DB, TEST_DEMO_PASSWORD } from './helpers/constants';
import { appUrl } from './helpers/db-url';
import { freePort } from './helpers/net';

/**
 * One PostgreSQL per test run: TEST_DATABASE_URL's server when set, otherwise an embedded one in a
 * temporary folder. A template database is migrated and seeded once; each test file clones it.
 * As in production on the embedded database, the app connects as the application role (owner of
 * the schema, no superuser); the superuser only creates and clones databases.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'disclosure-test-'));
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
    const cluster = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
    (globalThis as Record<string, unknown>).__PG_CLUSTER__ = cluster;
    adminUrl = cluster.url('postgres');
  }
  const app = { user: APP_ROLE, password: randomBytes(16).toString('hex') };
  await ensureAppRole(adminUrl, TEMPLATE_DB, app);
  const templateUrl = appUrl(adminUrl, TEMPLATE_DB, app);
  const orm = await openOrm(templateUrl, 2);
  try {
    await migrate(orm);
    await seedIfEmpty(orm, DatabaseSeeder, { demoPassword: TEST_DEMO_PASSWORD, withDemoUsers: true });
  } finally {
    await orm.close(true);
  }
  // With one test file jest runs it in this process: drop MikroORM's process-global metadata,
  // made with this realm's Map, so the test realm builds its own.
  for (const key of Object.keys(globalThis)) if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];
  process.env.TEST_PG_ADMIN_URL = adminUrl;
  process.env.TEST_PG_APP_USER = app.user;
  process.env.TEST_PG_APP_PASSWORD = app.password;
}
