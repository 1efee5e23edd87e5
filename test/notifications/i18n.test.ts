import pino from 'pino';
import { parseEnv } from '../../src/config/env';
import { fromGlobalId, toGlobalId } from '../../src/common/global-id';
import { runDueJobs } from '../../src/db/job-queue';
import { jobTaskList } from '../../src/modules';
import { ok } from '../catalogue/helpers';
import { TestApp } from '../helpers/app';
import { draftAndSubmit, LIST, MARK } from './helpers';
import { decodeBody, decodeSubject, Inbox } from './smtp';

/**
 * A notification is stored as its kind and parameters and rendered in the reader's language when
 * read; its e-mail goes out in the language its recipient chose (Chinese unless they chose English).
 */
let app: TestApp;
const inbox = new Inbox();
beforeAll(async () => {
  app = await TestApp.create();
  await inbox.start();
});
afterAll(async () => {
  await inbox.close();
  await app.close();
});

type Node = { id: string; kind: string; title: string; body: string };
const newest = async (username: string, acceptLanguage?: string): Promise<Node> =>
  ok(await app.gql(LIST, { first: 1 }, username, { acceptLanguage })).notifications.nodes[0];

describe('notifications in the reader’s language', () => {
  it('renders the same stored notification in Chinese by default and in English with Accept-Language: en', async () => {
    await draftAndSubmit(app, '双语通知事项');
    const zh = await newest('tj-legal');
    expect(zh).toMatchObject({
      kind: 'ITEM_SUBMITTED',
      title: '待审核：双语通知事项',
      body: '办公室提交了公开事项“双语通知事项”（第1轮），请进行法规审核和保密审查。',
    });
    const en = await newest('tj-legal', 'en-GB,en;q=0.9');
    expect(en).toMatchObject({
      id: zh.id,
      kind: 'ITEM_SUBMITTED',
      title: 'To review: 双语通知事项',
      body: '办公室 submitted the disclosure item "双语通知事项" (round 1) for its legal and secrecy reviews.',
    });
    // Stored once: kind and parameters, with the Chinese text for SQL readers.
    const [row] = await app.sql(`select title, params from notification where id = $1`, [fromGlobalId(zh.id).id]);
    expect(row).toEqual({ title: '待审核：双语通知事项', params: { title: '双语通知事项', unit: '办公室', round: 1 } });
  });

  it('translates coded parameters too (a withholding ruling), and keeps the stored text of rows without parameters', async () => {
    const [user] = await app.sql(`select id from app_user where username = 'tj-legal'`);
    await app.sql(`insert into notification (user_id, kind, title, body, params) values ($1, 'WITHHOLDING_RULED', '旧', null, $2)`, [
      user.id,
      JSON.stringify({ title: '某事项', ruling: 'DISCLOSE' }),
    ]);
    expect((await newest('tj-legal')).body).toBe('对“某事项”的暂不公开申请已裁定：予以公开，请重新提交审核。');
    expect((await newest('tj-legal', 'en')).body).toBe('The request to withhold "某事项" was ruled on: disclose: submit it for review again.');
    await app.sql(`insert into notification (user_id, kind, title) values ($1, 'ITEM_SUBMITTED', '参数之前写入的通知')`, [user.id]);
    expect((await newest('tj-legal', 'en')).title).toBe('参数之前写入的通知');
  });

  it('refuses in the reader’s language, with the same code, field and message key', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => toGlobalId('Notification', i + 1));
    const zh = await app.gql(MARK, { ids }, 'tj-legal');
    expect(zh.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'ids', message: '一次最多标记 100 条通知', messageKey: 'notifications.tooManyIds' }],
    });
    const en = await app.gql(MARK, { ids }, 'tj-legal', { acceptLanguage: 'en' });
    expect(en.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'ids', message: 'at most 100 notifications can be marked at once', messageKey: 'notifications.tooManyIds' }],
    });
  });
});

describe('notification e-mails in the recipient’s language', () => {
  const log = pino({ level: 'silent' });
  const runJobs = () =>
    runDueJobs({
      connectionString: app.url,
      log,
      tasks: jobTaskList({
        orm: app.orm as never,
        config: parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), SMTP_URL: `smtp://127.0.0.1:${inbox.port}` }),
        log,
      }),
    });

  it('e-mails in Chinese by default and in English to a user who chose English (a real SMTP server)', async () => {
    ok(await app.gql(`mutation { setNotificationEmail(enabled: true, locale: EN) }`, {}, 'tj-legal'));
    ok(await app.gql(`mutation { setNotificationEmail(enabled: true) }`, {}, 'tj-secrecy'));
    expect(ok(await app.gql(`{ notificationEmailLocale }`, {}, 'tj-legal')).notificationEmailLocale).toBe('EN');
    expect(ok(await app.gql(`{ notificationEmailLocale }`, {}, 'tj-secrecy')).notificationEmailLocale).toBe('ZH_CN');
    // Turning e-mail off and on again without a locale keeps the chosen one.
    ok(await app.gql(`mutation { setNotificationEmail(enabled: true) }`, {}, 'tj-legal'));
    expect(ok(await app.gql(`{ notificationEmailLocale }`, {}, 'tj-legal')).notificationEmailLocale).toBe('EN');

    await draftAndSubmit(app, '双语邮件事项');
    await runJobs();
    const to = (address: string) => inbox.messages.find((m) => m.to.includes(address))!;
    const legal = to('tj-legal@demo.customs.gov.cn');
    expect(decodeSubject(legal.raw)).toBe('[Government disclosure] To review: 双语邮件事项');
    expect(decodeBody(legal.raw)).toContain('办公室 submitted the disclosure item "双语邮件事项" (round 1)');
    expect(decodeBody(legal.raw)).toContain('This e-mail was sent by the government information disclosure system.');
    const secrecy = to('tj-secrecy@demo.customs.gov.cn');
    expect(decodeSubject(secrecy.raw)).toBe('【政务公开】待审核：双语邮件事项');
    expect(decodeBody(secrecy.raw)).toContain('办公室提交了公开事项“双语邮件事项”（第1轮）');
    expect(decodeBody(secrecy.raw)).toContain('此邮件由政务公开管理系统自动发送。');
  });

  it('refuses an unknown locale without writing anything', async () => {
    const res = await app.gql(`mutation { setNotificationEmail(enabled: false, locale: FR) }`, {}, 'tj-secrecy');
    expect(res.errors).toBeDefined();
    expect(ok(await app.gql(`{ notificationEmailEnabled }`, {}, 'tj-secrecy')).notificationEmailEnabled).toBe(true);
  });
});
