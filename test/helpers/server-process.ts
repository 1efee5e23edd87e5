import { ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './net';

export const ROOT = join(__dirname, '..', '..');

/**
 * Jest timeout for the slow process tests (test/graphql/shutdown.test.ts, test/db/restart.test.ts, test/replicas/replicas.test.ts),
 * which compile the project and spawn the real server: generous, so they hold on a loaded 2-core
 * CI machine where compiling alone can take minutes. `npm run test:quick` leaves them out.
 */
export const PROCESS_TEST_TIMEOUT_MS = 600_000;
const OUT = join(ROOT, 'dist-test');

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) hash.update(p).update(readFileSync(p));
    }
  };
  for (const d of ['src', 'migrations', 'seeds']) walk(join(ROOT, d));
  hash.update(readFileSync(join(ROOT, 'tsconfig.build.json'))).update(readFileSync(join(ROOT, 'tsconfig.json')));
  return hash.digest('hex').slice(0, 16);
}

/**
 * The production entry point as `npm start` runs it: compiled JavaScript (inside the project, so
 * node_modules resolve), not ts-jest's in-process modules. Compiled once per source state and
 * shared by the test files that need it (the first one compiles under a lock, the others wait).
 */
export async function compiledMain(): Promise<string> {
  const dir = join(OUT, `server-${sourceHash()}`);
  const done = join(dir, '.complete');
  const lock = `${dir}.lock`;
  mkdirSync(OUT, { recursive: true });
  for (let waited = 0; !existsSync(done); waited += 500) {
    let mine = false;
    try {
      mkdirSync(lock);
      mine = true;
    } catch {
      // A lock left by a test process that was killed while compiling.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      if (waited > 300_000) throw new Error(`gave up waiting for ${lock}`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (existsSync(done)) break;
      for (const old of readdirSync(OUT))
        if (old.startsWith('server-') && !old.endsWith('.lock') && join(OUT, old) !== dir) rmSync(join(OUT, old), { recursive: true, force: true });
      const tsc = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', dir, '--incremental', 'false'],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (tsc.status !== 0) throw new Error(`tsc failed: ${tsc.stdout}${tsc.stderr}`);
      writeFileSync(done, '');
    } finally {
      if (mine) rmSync(lock, { recursive: true, force: true });
    }
  }
  return join(dir, 'src', 'main.js');
}

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  port: number;
  url: string;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs it if still running. */
  kill(): void;
}

/** Spawns the compiled server with `env` on a free port and waits until /healthz answers (or it exits). */
export async function startServer(main: string, env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const server: ServerProcess = {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; i < 600 && !gone; i++) {
    if (
      await fetch(`${server.url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return server;
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`server did not come up:\n${output}`);
}

/** Posts a GraphQL operation; resolves the status and body, or the network error's message. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{ status: number; body: any } | { error: string }> {
  try {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, body: await res.json() };
  } catch (err) {
    return { error: String((err as Error).cause ?? err) };
  }
}
