import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { parseEnv } from '../../src/config/env';
import { runDueJobs } from '../../src/db/job-queue';
import { jobTaskList } from '../../src/modules';
import { REMINDERS_JOB, sendDeadlineReminders } from '../../src/modules/notifications';
import { TestApp } from '../helpers/app';
import { make } from '../helpers/factories';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
  // Items of 天津海关 办公室 (liaison: tj-office-liaison) around Monday 2026-06-15.
  await app.sql(`update disclosure_item set status = 'RETIRED', is_public = false`); // only the items below count
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT', deadline: '2026-06-10' }); // overdue
  await make.item(app, { unit: 'TJ-BGS', status: 'IN_REVIEW', deadline: '2026-06-19' }); // due in 4 working days
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT', deadline: '2026-06-30' }); // not yet
  await make.item(app, { unit: 'TJ-BGS', status: 'PUBLISHED', deadline: '2026-01-30', mode: 'STANDING', isPublic: true, nextMaintenance: '2026-06-01' });
  await make.item(app, { unit: 'TJ-BGS', status: 'DRAFT', deadline: '2026-06-01', withholding: 'PENDING' }); // withholding pending: not overdue
});
afterAll(() => app.close());

const reminders = (username: string) =>
  app.sql<{ kind: string; title: string; n: number }>(
    `select kind, title, count(*)::int as n from notification where user_id = (select id from app_user where username = $1) and kind like 'REMINDER_%'
      group by kind, title order by kind, title`,
    [username],
  );

async function run(day: string): Promise<Record<string, number>> {
  const em = app.em();
  return em.transactional((tem) => sendDeadlineReminders(tem as EntityManager, day));
}

describe('daily deadline reminders', () => {
  it('tells the unit’s liaison of items due within 5 working days, overdue and due for maintenance, and statistics not submitted', async () => {
    await run('2026-06-15');
    const mine = await reminders('tj-office-liaison');
    expect(mine.filter((r) => r.kind.startsWith('REMINDER_ITEM') || r.kind === 'REMINDER_MAINTENANCE_DUE')).toEqual([
      { kind: 'REMINDER_ITEM_DUE_SOON', title: '即将到期：测试事项', n: 1 },
      { kind: 'REMINDER_ITEM_OVERDUE', title: '已逾期：测试事项', n: 1 },
      { kind: 'REMINDER_MAINTENANCE_DUE', title: '到期维护：测试事项', n: 1 },
    ]);
    // 2025's statistics were due on 2026-01-31; 办公室 is a division, which does not report (reporting role NONE).
    expect(mine.filter((r) => r.kind === 'REMINDER_STATISTICS_NOT_SUBMITTED')).toEqual([]);
    // Not the reviewers, and no liaison of another district.
    expect(await reminders('tj-legal')).toEqual([]);
    const theirs = await reminders('dg-liaison');
    expect(theirs.filter((r) => r.kind !== 'REMINDER_STATISTICS_NOT_SUBMITTED')).toEqual([]);
    expect(theirs.map((r) => r.title)).toContain('统计数据未报送：东莞海关2025年度');
  });

  it('is idempotent: a second run the same day writes nothing; the next day reminds again', async () => {
    const before = await reminders('tj-office-liaison');
    const second = await run('2026-06-15');
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(await reminders('tj-office-liaison')).toEqual(before);
    await run('2026-06-16');
    expect((await reminders('tj-office-liaison')).find((r) => r.kind === 'REMINDER_ITEM_OVERDUE')!.n).toBe(2);
  });

  it('runs as a graphile-worker job; two runs the same day, one notification per object', async () => {
    const log = pino({ level: 'silent' });
    const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40) });
    const tasks = jobTaskList({ orm: app.orm as never, config, log });
    const count = async () => (await app.sql(`select count(*)::int as n from notification where kind like 'REMINDER_%'`))[0].n;
    await app.sql(`select graphile_worker.add_job($1)`, [REMINDERS_JOB]);
    await runDueJobs({ connectionString: app.url, log, tasks });
    const afterFirst = await count();
    expect(afterFirst).toBeGreaterThan(0);
    await app.sql(`select graphile_worker.add_job($1)`, [REMINDERS_JOB]);
    await runDueJobs({ connectionString: app.url, log, tasks });
    expect(await count()).toBe(afterFirst);
    expect(await app.sql(`select * from graphile_worker.jobs`)).toEqual([]);
  });
});
