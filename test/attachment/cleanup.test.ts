import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toGlobalId } from '../../src/common/global-id';
import { parseEnv } from '../../src/config/env';
import pino from 'pino';
import { runDueJobs } from '../../src/db/job-queue';
import { jobCrontab, jobTaskList } from '../../src/modules';
import { cleanupAttachments } from '../../src/modules/attachment';
import { TestApp } from '../helpers/app';
import { make } from '../helpers/factories';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
let dataDir: string;

beforeAll(async () => {
  app = await TestApp.create();
  dataDir = mkdtempSync(join(tmpdir(), 'attachments-cleanup-'));
  server = await app.listen({ DATA_DIR: dataDir });
});
afterAll(async () => {
  await server?.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`);
const fileOf = (sha: string) => join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);

async function upload(body: Buffer, name: string): Promise<{ id: string; sha256: string }> {
  const res = await fetch(`${server.url}/attachments?name=${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await app.tokenFor('tj-office-liaison')}` },
    body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; sha256: string };
}

it('removes uploads never attached and files nothing references, past the grace period; keeps the rest', async () => {
  const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_DIR: dataDir }).attachments;
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT' });
  const itemId = toGlobalId('DisclosureItem', (await app.sql(`select max(id) as id from disclosure_item`))[0].id);

  const kept = await upload(pdf('attached'), 'kept.pdf');
  const attach = await app.gql(
    `mutation($input: AttachFileInput!) { attachFile(input: $input) { id } }`,
    { input: { uploadId: kept.id, itemId } },
    'tj-office-liaison',
  );
  expect(attach.errors).toBeUndefined();
  const stale = await upload(pdf('never attached'), 'stale.pdf');
  const fresh = await upload(pdf('just uploaded'), 'fresh.pdf');
  await app.sql(`update attachment set created_at = now() - interval '2 days' where id = $1`, [stale.id]);
  // A file left by a crash between storing and writing its row, and one too young to judge.
  const orphan = 'a'.repeat(64);
  const young = 'b'.repeat(64);
  for (const sha of [orphan, young]) {
    mkdirSync(join(fileOf(sha), '..'), { recursive: true });
    writeFileSync(fileOf(sha), 'x');
  }
  const old = new Date(Date.now() - 3 * 3600_000);
  for (const sha of [orphan, kept.sha256, stale.sha256, fresh.sha256]) utimesSync(fileOf(sha), old, old);

  const report = await cleanupAttachments(app.em(), config);
  expect(report).toEqual({ pendingRowsRemoved: 1, filesRemoved: 2, filesKept: 3 });
  expect((await app.sql(`select id from attachment order by created_at`)).map((r) => r.id).sort()).toEqual([kept.id, fresh.id].sort());
  expect([kept, stale, fresh].map((u) => existsSync(fileOf(u.sha256)))).toEqual([true, false, true]);
  expect([orphan, young].map((sha) => existsSync(fileOf(sha)))).toEqual([false, true]);

  // A second run finds nothing more to do.
  expect(await cleanupAttachments(app.em(), config)).toEqual({ pendingRowsRemoved: 0, filesRemoved: 0, filesKept: 3 });
});

it('runs daily on the job queue: a queued cleanup job removes a stale upload', async () => {
  expect(jobCrontab).toContain('attachments-cleanup');
  const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DATA_DIR: dataDir });
  const stale = await upload(pdf('stale for the job'), 'job.pdf');
  await app.sql(`update attachment set created_at = now() - interval '2 days' where id = $1`, [stale.id]);
  await app.sql(`select graphile_worker.add_job('attachments-cleanup')`);
  const log = pino({ level: 'silent' });
  await runDueJobs({ connectionString: app.url, log, tasks: jobTaskList({ orm: app.orm as never, config, log }) });
  expect(await app.sql(`select id from attachment where id = $1`, [stale.id])).toEqual([]);
  expect(await app.sql(`select 1 from graphile_worker.jobs`)).toEqual([]);
});
