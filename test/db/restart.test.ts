import { toGlobalId } from '../../src/common/global-id';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../../src/db/database';
import { initCluster, launchPostgres, LEGACY_SUPERUSER_PASSWORD } from '../../src/db/embedded';
import { openOrm } from '../../src/db/orm';
import { freePort } from '../helpers/net';
import { compiledMain, post, PROCESS_TEST_TIMEOUT_MS, startServer, ServerProcess } from '../helpers/server-process';

/**
 * The real server on its embedded PostgreSQL, started as `npm start` does, in a temporary DATA_DIR:
 * a data folder from before generated credentials, SIGKILLs, and a PostgreSQL that is not its own.
 */
let main: string;
let dataDir: string;
let pgPort: number;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  main = await compiledMain();
  dataDir = mkdtempSync(join(tmpdir(), 'disclosure-restart-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
  pgPort = await freePort();
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => {
  for (const s of servers) s.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

const databaseDir = () => join(dataDir, 'pg');
const postmasterPid = () =>
  existsSync(join(databaseDir(), 'postmaster.pid')) ? Number(readFileSync(join(databaseDir(), 'postmaster.pid'), 'utf8').split('\n')[0]) : null;
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};
const until = async (cond: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; !cond() && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
  return cond();
};
const secret = (name: string) => readFileSync(join(dataDir, name), 'utf8').trim();
const pgUrl = (user: string, password: string, db = 'disclosure') => `postgresql://${user}:${encodeURIComponent(password)}@127.0.0.1:${pgPort}/${db}`;

async function query<R = any>(url: string, text: string, params: unknown[] = []): Promise<R[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text, params)).rows as R[];
  } finally {
    await c.end();
  }
}

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const s = await startServer(main, {
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    EMBEDDED_PG_PORT: String(pgPort),
    DEMO_PASSWORD: 'demo',
    PRINCIPAL_CACHE: 'false',
    ...env,
  });
  servers.push(s);
  return s;
}

async function unitCodes(s: ServerProcess): Promise<string[]> {
  const res = await post(s.url, `{ orgUnits(first: 100) { nodes { code } } }`);
  if (!('body' in res)) throw new Error(res.error);
  return res.body.data.orgUnits.nodes.map((n: { code: string }) => n.code);
}

it(
  'an old data folder gets generated credentials and a non-superuser owner; after SIGKILL the server comes back by itself with its data; a PostgreSQL it did not start is left alone',
  async () => {
    // A data folder as earlier versions left it: superuser password "postgres", schema migrated by the superuser.
    await initCluster(databaseDir(), LEGACY_SUPERUSER_PASSWORD, 'password');
    const legacy = await launchPostgres({ databaseDir: databaseDir(), port: pgPort, nonce: 'legacy', exitWithParent: true, log: () => undefined });
    await query(pgUrl('postgres', LEGACY_SUPERUSER_PASSWORD, 'postgres'), 'create database disclosure');
    const orm = await openOrm(pgUrl('postgres', LEGACY_SUPERUSER_PASSWORD), 1);
    await migrate(orm);
    await orm.close(true);
    legacy.kill('SIGINT');
    await new Promise((r) => legacy.once('exit', r));

    let server = await start();
    // Generated secrets, readable by the owner only; the legacy password no longer opens the cluster.
    for (const f of ['pg-superuser-password', 'pg-app-password']) expect(statSync(join(dataDir, f)).mode & 0o777).toBe(0o600);
    const superuser = pgUrl('postgres', secret('pg-superuser-password'));
    await expect(query(pgUrl('postgres', LEGACY_SUPERUSER_PASSWORD), 'select 1')).rejects.toThrow(/password authentication failed/);
    // The server's own sessions are the application role, which is no superuser and owns every table.
    const sessions = await query(
      superuser,
      `select distinct a.usename, r.rolsuper from pg_stat_activity a join pg_roles r on r.rolname = a.usename where a.datname = 'disclosure' and a.pid <> pg_backend_pid()`,
    );
    expect(sessions).toEqual([{ usename: 'disclosure_app', rolsuper: false }]);
    expect(
      await query(
        superuser,
        `select distinct pg_get_userbyid(relowner) as owner from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p')`,
      ),
    ).toEqual([{ owner: 'disclosure_app' }]);
    const appRole = pgUrl('disclosure_app', secret('pg-app-password'));

    // Write through the API, then SIGKILL: the kernel stops the postmaster with the server.
    const login = await post(server.url, `mutation { login(username: "admin", password: "demo") { token } }`);
    const token = 'body' in login ? login.body.data.login.token : '';
    const [{ id }] = await query(appRole, `select id from org_unit where code = 'TJ'`);
    const created = await post(
      server.url,
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`,
      { input: { parentId: toGlobalId('OrgUnit', id), code: 'TJ-RESTART', name: '重启测试', kind: 'DIVISION' } },
      token,
    );
    expect(created).toMatchObject({ status: 200, body: { data: { createOrgUnit: { code: 'TJ-RESTART' } } } });
    // The audit trail stays append-only for the role the server connects as, its owner.
    await expect(query(appRole, `update audit_record set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(query(appRole, `delete from audit_record`)).rejects.toThrow(/append-only/);
    let pid = postmasterPid()!;
    server.child.kill('SIGKILL');
    await server.exited;
    expect(await until(() => !alive(pid), 15_000)).toBe(true);

    // Without that watchdog (as on platforms without setpriv) the postmaster outlives a SIGKILL...
    server = await start({ EMBEDDED_PG_EXIT_WITH_PARENT: 'false' });
    expect(await unitCodes(server)).toContain('TJ-RESTART');
    pid = postmasterPid()!;
    server.child.kill('SIGKILL');
    await server.exited;
    await new Promise((r) => setTimeout(r, 1000));
    expect(alive(pid)).toBe(true);
    // ...and the next start recognises it as its own, stops it, and comes up with the data.
    server = await start();
    expect(server.output()).toMatch(/left running by an earlier run of this server/);
    expect(alive(pid)).toBe(false);
    expect(await unitCodes(server)).toContain('TJ-RESTART');
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(postmasterPid()).toBeNull();

    // A PostgreSQL on this folder that this server did not start (no matching pg-owner.json) is refused and left running.
    const foreign = await launchPostgres({ databaseDir: databaseDir(), port: pgPort, nonce: 'someone-else', exitWithParent: true, log: () => undefined });
    try {
      await expect(start()).rejects.toThrow(/was not left behind by an earlier run of this server, so it is left alone/);
      expect(alive(foreign.pid!)).toBe(true);
      expect(await query(superuser, 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      foreign.kill('SIGINT');
      await new Promise((r) => foreign.once('exit', r));
    }
  },
  PROCESS_TEST_TIMEOUT_MS,
);
