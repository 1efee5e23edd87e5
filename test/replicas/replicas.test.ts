import { execFileSync } from 'node:child_process';
import { appendFileSync, chmodSync, chownSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedCluster, startEmbeddedPostgres } from '../../src/db/embedded';
import { APP_ROLE, ensureAppRole } from '../../src/db/roles';
import { freePort } from '../helpers/net';
import { compiledMain, PROCESS_TEST_TIMEOUT_MS, startServer, ServerProcess } from '../helpers/server-process';

/**
 * Two API instances on a PostgreSQL primary and a streaming standby, all real processes: the
 * standby is a copy of the primary's data folder taken while the primary was stopped, with
 * standby.signal and primary_conninfo (the embedded binaries have no pg_basebackup).
 */
const JWT_SECRET = 'replica-test-secret-replica-test-secret-0123';
const APP = { user: APP_ROLE, password: 'app-password-for-the-replica-test' };
let root: string;
let primary: EmbeddedCluster;
let standby: EmbeddedCluster | null = null;
let standbyPort: number;
const servers: ServerProcess[] = [];
let a: ServerProcess;
let b: ServerProcess;

const standbyDir = () => join(root, 'standby');
const startStandby = async () => (standby = await startEmbeddedPostgres({ dataDir: standbyDir(), port: standbyPort, persistent: true, exitWithParent: true }));

async function sql<R = Record<string, unknown>>(url: string, text: string): Promise<R[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as R[];
  } finally {
    await c.end();
  }
}

interface Answer {
  status: number;
  body: any;
  position: string | null;
}

async function gql(s: ServerProcess, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: await res.json(), position: res.headers.get('x-wal-position') };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function login(s: ServerProcess, username: string) {
  const res = await gql(s, `mutation($u: String!) { login(username: $u, password: "demo") { token user { id assignments { id } } } }`, { u: username });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.login as { token: string; user: { id: string; assignments: { id: string }[] } };
}

async function readyz(s: ServerProcess): Promise<any> {
  return (await fetch(`${s.url}/readyz`)).json();
}

async function until(what: string, cond: () => Promise<boolean>, ms = 20_000): Promise<void> {
  for (const end = Date.now() + ms; ;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const inRotation = async (s: ServerProcess) => (await readyz(s)).replicas?.[0]?.inRotation === true;

/** The public name of unit TJ, as an anonymous caller reads it on `s`. */
async function tjName(s: ServerProcess, headers: Record<string, string> = {}): Promise<string> {
  const res = await gql(s, `{ orgUnit(code: "TJ") { name } }`, {}, headers);
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.orgUnit.name;
}

async function renameTj(s: ServerProcess, token: string, name: string): Promise<Answer> {
  const tj = (await gql(s, `{ orgUnit(code: "TJ") { id version } }`, {}, bearer(token))).body.data.orgUnit;
  const res = await gql(
    s,
    `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { name } }`,
    { input: { id: tj.id, expectedVersion: tj.version, name } },
    bearer(token),
  );
  expect(res.body.errors).toBeUndefined();
  return res;
}

beforeAll(async () => {
  const main = compiledMain();
  root = mkdtempSync(join(tmpdir(), 'disclosure-replicas-'));
  chmodSync(root, 0o755); // PostgreSQL runs as the postgres user when we are root
  const primaryPort = await freePort();
  standbyPort = await freePort();
  const primaryDir = join(root, 'primary');
  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, persistent: true });
  await ensureAppRole(primary.url('postgres'), 'disclosure', APP);
  // Replica settings, copied to the standby with the folder: keep WAL for it; let it hold back vacuum instead of cancelling its reads.
  await sql(primary.url('postgres'), `alter system set wal_keep_size = '128MB'`);
  await sql(primary.url('postgres'), `alter system set hot_standby_feedback = on`);
  await primary.stop();

  execFileSync('cp', ['-a', primaryDir, standbyDir()]);
  const pg = join(standbyDir(), 'pg');
  const superuserPassword = new URL(primary.url('postgres')).password;
  writeFileSync(join(pg, 'standby.signal'), '');
  appendFileSync(
    join(pg, 'postgresql.auto.conf'),
    `primary_conninfo = 'host=127.0.0.1 port=${primaryPort} user=postgres password=${decodeURIComponent(superuserPassword)} application_name=standby1'\n`,
  );
  const owner = statSync(pg);
  chownSync(join(pg, 'standby.signal'), owner.uid, owner.gid);

  primary = await startEmbeddedPostgres({ dataDir: primaryDir, port: primaryPort, persistent: true });
  await startStandby();

  const env = {
    NODE_ENV: 'development',
    DATA_DIR: join(root, 'api'),
    DATABASE_URL: primary.url('disclosure', APP),
    DATABASE_REPLICA_URLS: standby!.url('disclosure', APP),
    DATABASE_REPLICA_CHECK_MS: '200',
    // Large: with replay paused the standby must stay in rotation, so the position decides.
    DATABASE_REPLICA_MAX_LAG_MS: '600000',
    DB_ACQUIRE_TIMEOUT_MS: '3000',
    JWT_SECRET,
    DEMO_PASSWORD: 'demo',
    LOG_LEVEL: 'warn',
  };
  // Started together: they take turns (an advisory lock), one migrates and seeds, the other finds the database ready.
  const compiled = await main;
  const started = await Promise.allSettled([startServer(compiled, env), startServer(compiled, env)]);
  for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
  for (const s of started) if (s.status === 'rejected') throw s.reason;
  [a, b] = servers;
  await until('the standby is in rotation on both instances', async () => (await inRotation(a)) && (await inRotation(b)));
}, PROCESS_TEST_TIMEOUT_MS);

afterAll(async () => {
  for (const s of servers) s.kill();
  await standby?.stop().catch(() => undefined);
  await primary?.stop().catch(() => undefined);
  rmSync(root, { recursive: true, force: true });
}, 60_000);

it(
  'read-your-writes across instances with the returned position, stale but error-free without it, revokes honoured at once, standby stop and start without a failed request',
  async () => {
    const standbyAdmin = () => standby!.url('postgres');
    const ready = await readyz(b);
    expect(ready).toMatchObject({ status: 'ready', primary: 'up', replicas: [{ name: 'replica-1', inRotation: true, problem: null }] });
    expect(JSON.stringify(ready)).not.toContain(APP.password);

    const admin = await login(a, 'admin');
    const before = await tjName(b);

    // Replay paused: the standby keeps answering with what it had.
    await sql(standbyAdmin(), 'select pg_wal_replay_pause()');
    const write = await renameTj(a, admin.token, '天津海关（复制测试）');
    expect(write.position).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    expect(write.body.extensions.walPosition).toBe(write.position);

    // Instance 2 without the position: the replica's (stale) answer, no error. With it: the write.
    expect(await tjName(b)).toBe(before);
    expect(await tjName(b, { 'x-wal-position': write.position! })).toBe('天津海关（复制测试）');
    // Signed-in reads outside the dashboard are the primary's.
    const staff = await gql(b, `{ orgUnit(code: "TJ") { name } }`, {}, bearer(admin.token));
    expect(staff.body.data.orgUnit.name).toBe('天津海关（复制测试）');
    // Dashboards of signed-in callers read on the replica too, and honour the position.
    const tjId = (await gql(a, `{ orgUnit(code: "TJ") { id } }`, {}, bearer(admin.token))).body.data.orgUnit.id;
    const dashboard = async (headers: Record<string, string> = {}) => {
      const res = await gql(b, `query($u: ID!) { overview(unitId: $u, year: 2026) { unit { name } } }`, { u: tjId }, { ...bearer(admin.token), ...headers });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.overview.unit.name as string;
    };
    expect(await dashboard()).toBe(before);
    expect(await dashboard({ 'x-wal-position': write.position! })).toBe('天津海关（复制测试）');
    // A position that is no position: 400 naming the header, nothing read.
    const bad = await gql(b, `{ orgUnits(first: 1) { nodes { code } } }`, {}, { 'x-wal-position': 'yesterday' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'x-wal-position' });
    expect(bad.body.data).toBeUndefined();

    // Stopping the standby while both instances serve anonymous reads: none fails, and they come from the primary.
    const failures: unknown[] = [];
    let reads = 0;
    let load = true;
    const reader = (async () => {
      while (load) {
        for (const s of [a, b]) {
          const res = await gql(s, `{ orgUnits(first: 5) { nodes { code } } }`).catch((err: unknown) => ({ status: 0, body: { errors: [String(err)] } }));
          reads++;
          if (res.status !== 200 || res.body.errors) failures.push(res.body);
        }
      }
    })();
    await until('some reads ran', async () => reads > 4);
    await standby!.stop();
    standby = null;
    await until('the standby is out of rotation on both instances', async () => !(await inRotation(a)) && !(await inRotation(b)));
    expect((await readyz(b)).replicas[0]).toMatchObject({ inRotation: false, problem: expect.stringMatching(/not answering|failed a read/) });
    expect(await tjName(b)).toBe('天津海关（复制测试）');
    const readsWhileDown = reads;
    await until('reads ran with the standby down', async () => reads > readsWhileDown + 4);

    // Started again (replay no longer paused): back in rotation and caught up; reads never failed.
    await startStandby();
    await until('the standby is back in rotation', async () => (await inRotation(a)) && (await inRotation(b)));
    load = false;
    await reader;
    expect(failures).toEqual([]);
    expect(await tjName(b)).toBe('天津海关（复制测试）');
    // And it serves anonymous reads again: paused, it answers with the state it had.
    await sql(standbyAdmin(), 'select pg_wal_replay_pause()');
    const second = await renameTj(a, admin.token, '天津海关');
    expect(await tjName(b)).toBe('天津海关（复制测试）');
    expect(await tjName(a, { 'x-wal-position': second.position! })).toBe('天津海关');
    await sql(standbyAdmin(), 'select pg_wal_replay_resume()');

    // A revoke on instance 1 is honoured by instance 2 at once (authentication reads the primary;
    // instance 2's principal cache listens there).
    const publisher = await login(a, 'tj-publisher');
    const overview = () => gql(b, `query($u: ID!) { overview(unitId: $u, year: 2026) { __typename } }`, { u: tjId }, bearer(publisher.token));
    expect((await overview()).body).toEqual({ data: { overview: { __typename: 'Overview' } } });
    for (const { id } of publisher.user.assignments) {
      const revoked = await gql(a, `mutation($id: ID!) { revokeRole(id: $id) { revokedAt } }`, { id }, bearer(admin.token));
      expect(revoked.body.errors).toBeUndefined();
    }
    const after = await overview();
    expect(after.body.data).toBeNull();
    expect(after.body.errors[0].extensions.code).toMatch(/NOT_FOUND|FORBIDDEN/);
  },
  PROCESS_TEST_TIMEOUT_MS,
);
