import { Client } from 'pg';
import { TestApp, unitId } from '../helpers/app';
import { DbProxy } from '../helpers/db-proxy';

/**
 * The database locked, frozen and down, for this file's server only: it reaches its own database
 * through a proxy that fakes the faults, so the cluster other test files use is never touched.
 */
const LIMITS = { DB_STATEMENT_TIMEOUT_MS: '1000', DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '3000', DB_ACQUIRE_TIMEOUT_MS: '1500', REQUEST_TIMEOUT_MS: '3000' };

let app: TestApp;
let proxy: DbProxy;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  const admin = new URL(process.env.TEST_PG_ADMIN_URL!);
  proxy = new DbProxy({ host: admin.hostname, port: Number(admin.port) });
  await proxy.open();
  app = await TestApp.create({ env: LIMITS, ormUrl: (url) => proxy.url(url) });
  server = await app.listen(LIMITS);
}, 60_000);
afterAll(async () => {
  proxy.thaw();
  if (!proxy.port) await proxy.open();
  await server.close();
  await app.close();
  await proxy.close();
});

async function post(url: string, query: string, token?: string, variables?: Record<string, unknown>) {
  const started = Date.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: JSON.parse(text), text, ms: Date.now() - started };
}

async function readyz(url: string) {
  const started = Date.now();
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, ms: Date.now() - started };
}

async function eventually(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Nothing about the database's address or the driver's words reaches the client. */
function expectNoInternals(text: string) {
  expect(text).not.toMatch(
    /ECONN|127\.0\.0\.1|localhost|:\d{4,5}\b|Context creation failed|Knex|canceling statement|timeout expired|Connection terminated|postgres/i,
  );
}

const CATEGORIES = '{ catalogueCategories { code } }';
const RENAME = `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { name version } }`;

it('answers a request stuck behind a lock with a clean SERVICE_UNAVAILABLE within the statement timeout', async () => {
  const holder = new Client({ connectionString: app.url });
  await holder.connect();
  // A safety net: the old server waited for the lock as long as it was held.
  const release = setTimeout(() => void holder.query('rollback').catch(() => undefined), 15_000);
  try {
    await holder.query('begin');
    await holder.query('lock table catalogue_category in access exclusive mode');
    const res = await post(server.url, CATEGORIES);
    expect(res.ms).toBeLessThan(2_900);
    expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(res.status).toBe(503);
    expect(res.retryAfter).toBe('5');
    expectNoInternals(res.text);
    // The database itself answers: ready.
    expect((await readyz(server.url)).status).toBe(200);
  } finally {
    clearTimeout(release);
    await holder.query('rollback').catch(() => undefined);
    await holder.end();
  }
  expect((await post(server.url, CATEGORIES)).body.data.catalogueCategories.length).toBeGreaterThan(0);
}, 60_000);

it('answers promptly while the database is frozen, turns /readyz red, and commits nothing cut off by the deadline', async () => {
  const token = await app.tokenFor('tj-admin');
  const unit = await unitId(app, 'TJ-ZGB');
  const me = await post(server.url, '{ me { username } }', token);
  expect(me.body.data).toEqual({ me: { username: 'tj-admin' } });
  const [before] = await app.sql('select name, version from org_unit where code = $1', ['TJ-ZGB']);

  proxy.freeze();
  const thaw = setTimeout(() => proxy.thaw(), 20_000); // the old server hung until the database answered
  try {
    const [ready, write] = await Promise.all([
      readyz(server.url),
      post(server.url, RENAME, token, { input: { id: unit, expectedVersion: before.version, name: '冻结期间的改名' } }),
    ]);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(3_500);
    expect(write.status).toBe(503);
    expect(write.ms).toBeLessThan(4_500);
    expect(write.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
    expectNoInternals(write.text);
  } finally {
    clearTimeout(thaw);
    proxy.thaw();
  }
  // Back by itself; the write the client was told failed did not commit.
  await eventually(async () => (await readyz(server.url)).status === 200);
  await eventually(async () => (await post(server.url, '{ me { username } }', token)).status === 200);
  const [after] = await app.sql('select name, version from org_unit where code = $1', ['TJ-ZGB']);
  expect(after).toEqual(before);
  const [{ n }] = await app.sql(`select count(*)::int as n from audit_record where action = 'organisation.updateOrgUnit' and target_id = $1`, [unit]);
  expect(n).toBe(0);
  const again = await post(server.url, RENAME, token, { input: { id: unit, expectedVersion: before.version, name: '政工办' } });
  expect(again.body.data.updateOrgUnit.name).toBe('政工办');
}, 90_000);

it('says SERVICE_UNAVAILABLE with HTTP 503 and no internals while the database is down, in production too', async () => {
  const production = await app.listen({ ...LIMITS, NODE_ENV: 'production' });
  try {
    const token = await app.tokenFor('tj-admin');
    await proxy.close();
    const port = proxy.port;
    // The principal cache hears its connection drop and forgets: the grants must be read now.
    await new Promise((r) => setTimeout(r, 300));
    for (const url of [production.url, server.url]) {
      const authenticated = await post(url, '{ me { username } }', token);
      expect(authenticated.status).toBe(503);
      expect(authenticated.body).toEqual({
        errors: [{ message: '服务暂时不可用，请稍后重试', extensions: { code: 'SERVICE_UNAVAILABLE', messageKey: 'transport.unavailable' } }],
      });
      expect(authenticated.retryAfter).toBe('5');
      expectNoInternals(authenticated.text);
      const anonymous = await post(url, CATEGORIES);
      expect(anonymous.status).toBe(503);
      expect(anonymous.body.errors.map((e: any) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
      expectNoInternals(anonymous.text);
      const ready = await readyz(url);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(2_500);
    }
    proxy.port = port;
    await proxy.open();
    await eventually(async () => (await readyz(production.url)).status === 200);
    await eventually(async () => (await post(production.url, '{ me { username } }', token)).status === 200);
  } finally {
    await production.close();
  }
}, 90_000);
