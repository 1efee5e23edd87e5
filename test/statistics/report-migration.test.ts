import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { ensureDatabase } from '../../src/db/embedded';
import { openOrm } from '../../src/db/orm';

/**
 * Reports published before publications existed stay public: the migration freezes each one,
 * rendered and sanitised by the same code as a publication.
 */
it('freezes reports published before the migration into their first publication', async () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const database = `test_migration_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, database);
  const url = adminUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`);
  const orm = await openOrm(url, 2);
  try {
    await orm.getMigrator().up({ to: 'Migration20261123001000_statistics_storage' });
    const conn = orm.em.getConnection();
    await conn.execute(`insert into org_unit (id, code, name, kind, path, depth) values (1, 'HP', '黄埔海关', 'DISTRICT', '/1/', 0)`);
    await conn.execute(`insert into annual_statistics (unit_id, year, template_id, status, figures)
      select 1, 2009, id, 'ACCEPTED', '{"proactive.total": 5846}'::jsonb from statistics_template where code = 'CUSTOMS-2009'`);
    await conn.execute(`insert into annual_report (unit_id, year, sections, status, published_at) values
      (1, 2009, '{"overview": "[x](javascript:alert(1)) [ok](https://example.org)"}'::jsonb, 'PUBLISHED', '2026-01-15T08:00:00Z'),
      (1, 2010, '{"overview": "草稿"}'::jsonb, 'DRAFT', null)`);
    await orm.getMigrator().up();
    const rows =
      await conn.execute(`select r.year, r.status, p.revision, p.unit_name, p.review_round, p.published_at, p.markdown, p.html, p.statistics_id is not null as with_figures
      from annual_report r left join annual_report_publication p on p.report_id = r.id order by r.year`);
    expect(rows.map((r: any) => [r.year, r.status, r.revision, r.unit_name, r.review_round, r.with_figures])).toEqual([
      [2009, 'PUBLISHED', 1, '黄埔海关', 0, true],
      [2010, 'DRAFT', null, null, null, false],
    ]);
    expect(new Date(rows[0].published_at).toISOString()).toBe('2026-01-15T08:00:00.000Z');
    expect(rows[0].markdown).toContain('| 1. 主动公开信息总数 | 条 | 5846 |');
    expect(rows[0].html).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">ok</a>');
    expect(rows[0].html).not.toMatch(/href="javascript/);
  } finally {
    await orm.close(true);
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists "${database}" with (force)`);
    await client.end();
  }
});
