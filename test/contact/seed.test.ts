import { DatabaseSeeder } from '../../seeds/DatabaseSeeder';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { migrate, seedIfEmpty } from '../../src/db/database';
import { ensureDatabase } from '../../src/db/embedded';
import { openOrm } from '../../src/db/orm';

// The production seed has no demo users: the contact demo data must load without them.
it('seeds the contact demo world without demo users (production)', async () => {
  const adminUrl = process.env.TEST_PG_ADMIN_URL!;
  const name = `test_seed_${randomBytes(5).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  const url = adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const orm = await openOrm(url, 2);
  try {
    await migrate(orm);
    expect(await seedIfEmpty(orm, DatabaseSeeder, { demoPassword: 'x', withDemoUsers: false })).toBe(true);
    const [r] = await orm.em.fork().getConnection().execute(`select (select sum(count) from contact_consultation)::int as logged,
      (select count(*) from contact_case)::int as cases, (select count(*) from contact_case where owner_id is not null)::int as owned,
      (select count(*) from contact_case where secret_hash is not null)::int as with_secret`);
    expect(r).toEqual({ logged: 17195, cases: 24 + 12 + 1 + 1, owned: 0, with_secret: 0 });
  } finally {
    await orm.close(true);
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`drop database if exists "${name}" with (force)`).finally(() => client.end());
  }
});
