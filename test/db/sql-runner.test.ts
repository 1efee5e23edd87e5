import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm';
import { PREPARED_PER_CONNECTION, raw, runSql, runSqlOne, sql } from '../../src/db/sql';
import { TestApp } from '../helpers/app';

let app: TestApp;
/** A second ORM on the same test database with a pool of ONE connection. */
let single: MikroORM<PostgreSqlDriver>;
beforeAll(async () => {
  app = await TestApp.create();
  single = await openOrm(app.url, 1);
});
afterAll(async () => {
  await single.close(true);
  await app.close();
});

/** Fails when `work` takes longer than `ms` (a pool waiting for a second connection would sit until its acquire timeout). */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('runSql inside a transaction', () => {
  it('runs on the transaction connection: same backend, sees its uncommitted rows, and needs no second pooled connection', async () => {
    const em = single.em.fork() as EntityManager;
    const seen = await within(
      5_000,
      em.transactional(async (tem) => {
        const t = tem as EntityManager;
        // The ORM's own statement inside the transaction, on its connection.
        const [{ pid: trxPid }] = await t.execute<{ pid: number }[]>('select pg_backend_pid() as pid');
        await runSql(t, sql`insert into holiday_day (date, year, kind, name) values (${'2031-10-08'}, ${2031}, ${'HOLIDAY'}, ${'测试'})`);
        const row = await runSqlOne<{ pid: number; n: number }>(
          t,
          sql`select pg_backend_pid() as pid, (select count(*)::int from holiday_day where year = ${2031}) as n`,
        );
        // With the pool's only connection held by the transaction, a second one cannot be had:
        // this would wait for the acquire timeout if runSql took a pooled connection.
        return { trxPid, ...row! };
      }),
    );
    expect(seen.pid).toBe(seen.trxPid);
    expect(seen.n).toBe(1);
    // And it committed with the transaction.
    expect(await app.sql('select count(*)::int as n from holiday_day where year = 2031')).toEqual([{ n: 1 }]);
  });

  it('rolls back with the transaction', async () => {
    const em = single.em.fork() as EntityManager;
    await expect(
      em.transactional(async (tem) => {
        await runSql(tem as EntityManager, sql`insert into holiday_day (date, year, kind, name) values (${'2032-10-08'}, ${2032}, ${'HOLIDAY'}, ${'回滚'})`);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await app.sql('select count(*)::int as n from holiday_day where year = 2032')).toEqual([{ n: 0 }]);
  });
});

describe('prepared statements', () => {
  /** Named statements of this runner on the single connection. */
  const prepared = async (em: EntityManager) =>
    runSql<{ name: string; statement: string }>(em, sql`select name, statement from pg_prepared_statements where name like 'p\\_%' order by prepare_time`);

  it('stay bounded per connection: the least recently used is deallocated, and runs again when asked for', async () => {
    const em = single.em.fork() as EntityManager;
    const distinct = PREPARED_PER_CONNECTION + 30;
    for (let i = 0; i < distinct; i++) {
      // Each text differs (a literal in the text, which real statements never do): one named statement each.
      const [row] = await runSql<{ n: number; v: number }>(em, sql`select ${raw(String(i))}::int as n, ${i}::int as v`, { prepare: true });
      expect(row).toEqual({ n: i, v: i });
    }
    const held = await prepared(em);
    expect(held).toHaveLength(PREPARED_PER_CONNECTION);
    // The newest are kept, the oldest were deallocated.
    expect(held.some((s) => s.statement.includes(`select ${distinct - 1}::int`))).toBe(true);
    expect(held.some((s) => s.statement.includes('select 0::int'))).toBe(false);
    // An evicted statement prepares again (pg forgot it too), still within the bound.
    expect(await runSql(em, sql`select ${raw('0')}::int as n, ${7}::int as v`, { prepare: true })).toEqual([{ n: 0, v: 7 }]);
    const after = await prepared(em);
    expect(after).toHaveLength(PREPARED_PER_CONNECTION);
    expect(after.some((s) => s.statement.includes('select 0::int'))).toBe(true);
  });

  it('a repeated statement text is prepared once, whatever its values (lists are one array parameter)', async () => {
    const em = single.em.fork() as EntityManager;
    const before = (await prepared(em)).length;
    for (const ids of [[1], [1, 2], [1, 2, 3, 4, 5, 6, 7, 8]]) {
      const rows = await runSql<{ id: number }>(em, sql`select id from org_unit where id = any(${ids}::int[]) and ${'marker'}::text is not null order by id`, {
        prepare: true,
      });
      expect(rows.length).toBeLessThanOrEqual(ids.length);
    }
    const held = await prepared(em);
    expect(held.filter((s) => s.statement.includes('where id = any($1::int[]) and $2::text is not null'))).toHaveLength(1);
    expect(held.length).toBeLessThanOrEqual(PREPARED_PER_CONNECTION);
    expect(held.length).toBeLessThanOrEqual(before + 1);
  });

  it('are not used inside a transaction (the statement runs unnamed on the transaction connection)', async () => {
    const em = single.em.fork() as EntityManager;
    const names = await em.transactional(async (tem) => {
      await runSql(tem as EntityManager, sql`select ${'inside-trx'}::text as marker`, { prepare: true });
      return runSql<{ statement: string }>(tem as EntityManager, sql`select statement from pg_prepared_statements`);
    });
    expect(names.filter((s) => s.statement.includes('inside-trx'))).toHaveLength(0);
  });
});

describe('status lists in the public list', () => {
  it('send the same statement text whatever the number of statuses', async () => {
    const texts = new Set<string>();
    const knex = app.orm.em.getConnection().getKnex();
    const listener = (q: { sql: string }) => {
      if (q.sql.includes('with page as')) texts.add(q.sql);
    };
    knex.on('query', listener);
    try {
      for (const statuses of ['[DRAFT]', '[DRAFT, RETURNED]', '[DRAFT, RETURNED, IN_REVIEW, APPROVED]', '[PUBLISHED, RETIRED, DRAFT]']) {
        const res = await app.gql(`{ disclosureItems(status: ${statuses}, first: 5) { totalCount } }`, {}, 'hp-admin');
        expect(res.errors).toBeUndefined();
      }
    } finally {
      knex.off('query', listener);
    }
    expect(texts.size).toBe(1);
  });
});
