import { connect } from 'node:net';
import { Client } from 'pg';
import { TokenService } from '../../src/auth/tokens';
import { TestApp, unitId } from '../helpers/app';
import { compiledMain, post, PROCESS_TEST_TIMEOUT_MS, startServer, ServerProcess } from '../helpers/server-process';

const JWT_SECRET = 'x'.repeat(40);
const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`;

let app: TestApp;
let main: string;
let token: string;
let parentId: string;
beforeAll(async () => {
  app = await TestApp.create();
  main = await compiledMain();
  const [{ id }] = await app.sql(`select id from app_user where username = 'tj-admin'`);
  token = (await new TokenService(JWT_SECRET, 3600).issue(id)).token;
  parentId = await unitId(app, 'TJ-XG');
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => app.close());

const start = (timeoutMs: number) =>
  startServer(main, { NODE_ENV: 'production', DATABASE_URL: app.url, JWT_SECRET, SHUTDOWN_TIMEOUT_MS: String(timeoutMs), PRINCIPAL_CACHE: 'false' });

/** A test session holding a lock that makes every org_unit insert wait. */
async function holdOrgUnitLock(): Promise<Client> {
  const holder = new Client({ connectionString: app.url });
  await holder.connect();
  await holder.query('begin');
  await holder.query('lock table org_unit in exclusive mode');
  return holder;
}

async function untilBlocked(holder: Client, n = 1): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const [{ waiting }] = (
      await holder.query(`select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)
    ).rows;
    if (waiting >= n) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the request never reached the lock');
}

const unitsNamed = async (code: string) =>
  Number(
    (await app.sql(`select (select count(*) from org_unit where code = $1) + (select count(*) from audit_record where after->>'code' = $1) as n`, [code]))[0].n,
  );

function httpRequest(code: string): string {
  const body = JSON.stringify({ query: CREATE_UNIT, variables: { input: { parentId, code, name: '关停测试', kind: 'SECTION' } } });
  return `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

async function exitWithin(server: ServerProcess, ms: number) {
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref());
  return Promise.race([server.exited, timeout]);
}

it(
  'SIGTERM lets a request in flight finish, refuses a request sent after it on the same keep-alive connection before it writes, closes idle connections and exits 0',
  async () => {
    const server = await start(15_000);
    let holder: Client | null = null;
    try {
      // fetch keeps this connection alive and idle: the drain has to close it.
      expect(await post(server.url, '{ __typename }')).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
      holder = await holdOrgUnitLock();
      const socket = connect(server.port, '127.0.0.1');
      let received = '';
      socket.on('data', (b) => (received += b.toString()));
      const closed = new Promise<void>((r) => socket.once('close', () => r()));
      socket.on('error', () => undefined);
      socket.write(httpRequest('TJ-XG-KA1'));
      await untilBlocked(holder);
      server.child.kill('SIGTERM');
      while (!server.output().includes('shutting down')) await new Promise((r) => setTimeout(r, 50));
      // The next request on the same connection, pipelined behind the one in flight.
      socket.write(httpRequest('TJ-XG-KA2'));
      await new Promise((r) => setTimeout(r, 300));
      await holder.query('rollback');
      await closed;
      const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1]);
      expect(statuses[0]).toBe('200');
      expect(received).toMatch(/^connection: close/im);
      // The second request is either refused (503) or never read: it is not answered with success.
      expect(statuses.slice(1).every((s) => s === '503')).toBe(true);
      expect(await exitWithin(server, 12_000)).toEqual({ code: 0, signal: null });
      expect(server.output()).toMatch(/"msg":"stopped"/);
      expect(await unitsNamed('TJ-XG-KA1')).toBe(2); // the unit and its audit record
      expect(await unitsNamed('TJ-XG-KA2')).toBe(0);
    } finally {
      await holder?.end().catch(() => undefined);
      server.kill();
    }
  },
  PROCESS_TEST_TIMEOUT_MS,
);

it(
  'at the shutdown deadline a request stuck in the database is cancelled: it is not answered with success, nothing is committed, and the process exits',
  async () => {
    const server = await start(1500);
    let holder: Client | null = null;
    try {
      holder = await holdOrgUnitLock();
      const answer = post(server.url, CREATE_UNIT, { input: { parentId, code: 'TJ-XG-CUT', name: '关停测试', kind: 'SECTION' } }, token);
      await untilBlocked(holder);
      const sent = Date.now();
      server.child.kill('SIGTERM');
      const result = await exitWithin(server, 20_000);
      const took = Date.now() - sent;
      expect({ result, output: result === 'timeout' ? server.output() : '' }).toEqual({ result: { code: 0, signal: null }, output: '' });
      expect(took).toBeGreaterThanOrEqual(1500);
      expect(took).toBeLessThan(1500 + 8000);
      const res = await answer;
      if ('body' in res) expect(res.body.data?.createOrgUnit ?? null).toBeNull();
      await holder.query('rollback');
      expect(await unitsNamed('TJ-XG-CUT')).toBe(0);
    } finally {
      await holder?.end().catch(() => undefined);
      server.kill();
    }
  },
  PROCESS_TEST_TIMEOUT_MS,
);

it(
  'a second signal during the drain exits at once',
  async () => {
    const server = await start(60_000);
    let holder: Client | null = null;
    try {
      holder = await holdOrgUnitLock();
      const answer = post(server.url, CREATE_UNIT, { input: { parentId, code: 'TJ-XG-TWICE', name: '关停测试', kind: 'SECTION' } }, token);
      await untilBlocked(holder);
      server.child.kill('SIGTERM');
      while (!server.output().includes('shutting down')) await new Promise((r) => setTimeout(r, 50));
      const sent = Date.now();
      server.child.kill('SIGINT');
      expect(await exitWithin(server, 10_000)).toEqual({ code: 130, signal: null });
      expect(Date.now() - sent).toBeLessThan(5000);
      const res = await answer;
      expect('error' in res).toBe(true);
      await holder.query('rollback');
      expect(await unitsNamed('TJ-XG-TWICE')).toBe(0);
    } finally {
      await holder?.end().catch(() => undefined);
      server.kill();
    }
  },
  PROCESS_TEST_TIMEOUT_MS,
);
