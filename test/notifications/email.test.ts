import pino from 'pino';
import { parseEnv } from '../../src/config/env';
import { runDueJobs } from '../../src/db/job-queue';
import { jobTaskList } from '../../src/modules';
import { codes, TestApp } from '../helpers/app';
import { ok } from '../catalogue/helpers';
import { draftAndSubmit, rowsOf } from './helpers';
import { decodeBody, Inbox } from './smtp';

let app: TestApp;
const inbox = new Inbox();
const log = pino({ level: 'silent' });
beforeAll(async () => {
  app = await TestApp.create();
  await inbox.start();
});
afterAll(async () => {
  await inbox.close();
  await app.close();
});

/** Runs the jobs due now, as the worker of an instance configured with `env` would. */
async function runJobs(env: Record<string, string>) {
  const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), ...env });
  await runDueJobs({ connectionString: app.url, log, tasks: jobTaskList({ orm: app.orm as never, config, log }) });
}

const SMTP = () => ({ SMTP_URL: `smtp://127.0.0.1:${inbox.port}` });
const EMAIL = (enabled: boolean) => `mutation { setNotificationEmail(enabled: ${enabled}) }`;
const jobs = () => app.sql(`select task_identifier, attempts, last_error, run_at > now() as later from graphile_worker.jobs order by id`);

describe('notification e-mails through the job queue', () => {
  it('sends nothing to users who did not opt in', async () => {
    expect(ok(await app.gql(`{ notificationEmailEnabled }`, {}, 'tj-legal')).notificationEmailEnabled).toBe(false);
    await draftAndSubmit(app, '未开启邮件时的事项');
    expect(await jobs()).toEqual([]);
    expect((await rowsOf(app, 'tj-legal')).length).toBe(1);
  });

  it('e-mails an opted-in user through the SMTP server, once', async () => {
    expect(ok(await app.gql(EMAIL(true), {}, 'tj-legal')).setNotificationEmail).toBe(true);
    expect(ok(await app.gql(`{ notificationEmailEnabled }`, {}, 'tj-legal')).notificationEmailEnabled).toBe(true);
    await draftAndSubmit(app, '邮件通知测试事项');
    // Queued in the same transaction as the change, for tj-legal only (tj-secrecy did not opt in).
    expect(await jobs()).toEqual([expect.objectContaining({ task_identifier: 'send-notification-email', attempts: 0 })]);
    await runJobs(SMTP());
    expect(inbox.messages).toHaveLength(1);
    expect(inbox.messages[0].to).toEqual(['tj-legal@demo.customs.gov.cn']);
    const raw = inbox.messages[0].raw;
    expect(raw).toMatch(/^Subject: /m);
    // Headers are MIME-encoded; the body carries the Chinese text (quoted-printable or base64 UTF-8).
    expect(decodeBody(raw)).toContain('邮件通知测试事项');
    expect(await jobs()).toEqual([]);
    const [row] = await app.sql(
      `select emailed_at from notification where title like '%邮件通知测试事项' and user_id = (select id from app_user where username = 'tj-legal')`,
    );
    expect(row.emailed_at).not.toBeNull();
    await runJobs(SMTP());
    expect(inbox.messages).toHaveLength(1);
  });

  it('retries a failed send with back-off and never loses the notification', async () => {
    inbox.fail = true;
    await draftAndSubmit(app, '发送失败的事项');
    await runJobs(SMTP());
    const [job] = await jobs();
    expect(job).toMatchObject({ task_identifier: 'send-notification-email', attempts: 1, later: true });
    expect(job.last_error).toContain('try again later');
    expect((await rowsOf(app, 'tj-legal')).map((r) => r.title)).toContain('待审核：发送失败的事项');
    // Once the server accepts again and the back-off has passed, the e-mail goes out.
    inbox.fail = false;
    await app.sql(`update graphile_worker._private_jobs set run_at = now()`);
    await runJobs(SMTP());
    expect(inbox.messages.map((m) => decodeBody(m.raw)).some((b) => b.includes('发送失败的事项'))).toBe(true);
    expect(await jobs()).toEqual([]);
  });

  it('without SMTP_URL sends no e-mail, and the in-app notification still exists', async () => {
    const before = inbox.messages.length;
    await draftAndSubmit(app, '无邮件服务器时的事项');
    await runJobs({});
    expect(inbox.messages.length).toBe(before);
    expect(await jobs()).toEqual([]);
    expect((await rowsOf(app, 'tj-legal')).map((r) => r.title)).toContain('待审核：无邮件服务器时的事项');
  });

  it('turns e-mail off again, for signed-in users only', async () => {
    expect(ok(await app.gql(EMAIL(false), {}, 'tj-legal')).setNotificationEmail).toBe(false);
    await draftAndSubmit(app, '关闭邮件后的事项');
    expect(await jobs()).toEqual([]);
    expect(codes(await app.gql(EMAIL(true)))).toEqual(['UNAUTHENTICATED']);
  });
});
