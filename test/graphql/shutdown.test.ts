import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TestApp } from '../helpers/app';
import { freePort } from '../helpers/net';

const ROOT = join(__dirname, '..', '..');

let app: TestApp;
let out: string;
beforeAll(async () => {
  app = await TestApp.create();
  // The production entry point as `npm start` runs it: compiled JavaScript (inside the project, so
  // node_modules resolve), not ts-jest's in-process modules.
  mkdirSync(join(ROOT, 'dist-test'), { recursive: true });
  out = mkdtempSync(join(ROOT, 'dist-test', 'shutdown-'));
}, 30_000);
afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await app.close();
});

it('the production server drains, closes its pool and exits 0 on SIGTERM, also with an idle keep-alive connection open', async () => {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json', '--outDir', out, '--incremental', 'false'], { cwd: ROOT, encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  const port = await freePort();
  const server = spawn(process.execPath, [join(out, 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: app.url, JWT_SECRET: 'x'.repeat(40), PORT: String(port), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (b: Buffer) => (output += b.toString()));
  server.stderr.on('data', (b: Buffer) => (output += b.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    let up = false;
    for (let i = 0; i < 150 && !up; i++) {
      up = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
      if (!up) await new Promise((r) => setTimeout(r, 200));
    }
    expect(up).toBe(true);
    // fetch keeps the connection alive after this answer: the drain has to close it.
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    const sent = Date.now();
    server.kill('SIGTERM');
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
    const result = await Promise.race([exited, timeout]);
    expect({ result, output: result === 'timeout' ? output : '' }).toEqual({ result: { code: 0, signal: null }, output: '' });
    expect(Date.now() - sent).toBeLessThan(12_000);
    expect(output).toMatch(/"msg":"stopped"/);
  } finally {
    if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
  }
}, 90_000);
