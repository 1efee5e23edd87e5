/**
 * Plan check of operation S (anonymous search) on the kept bench world: prints EXPLAIN (ANALYZE,
 * BUFFERS) of the statements a public search issues for each of the bench's search terms, built by
 * the same query functions as DisclosureItemService.list (the match count up to the cap, then the
 * page). Not a test: run it by hand after `npm run bench -- --items N --keep …` has migrated the
 * world, when a search statement changes.
 *
 *   npm run bench:explain-search                          # starts the kept cluster under bench/.work (1,000,000 items)
 *   SEARCH_ITEMS=200000 npm run bench:explain-search      # another kept world
 *   SEARCH_DATABASE_URL=postgres://… npm run bench:explain-search
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { sql, type Sql } from '../src/db/sql';
import { openOrm } from '../src/db/orm';
import { startEmbeddedPostgres } from '../src/db/embedded';
import { escapeLike } from '../src/common/sql';
import { itemListWhere, itemPageSql } from '../src/modules/catalogue/disclosure-item.queries';
import { itemSearchCountSql, itemSearchMatchSql, itemSearchOrderSql, itemSearchRecentPageSql } from '../src/modules/catalogue/item-search.queries';
import { parseSearchTerm } from '../src/modules/catalogue/search/segmenter';
import { SEARCH_COUNT_CAP, SEARCH_RANKED } from '../src/modules/catalogue/disclosure-item.service';
import { SEARCH_TERMS } from './search-terms';

async function explain(client: Client, label: string, query: Sql): Promise<number> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.text}`, query.values as unknown[]);
  const lines = rows.map((r) => r['QUERY PLAN']);
  const ms = Number(/Execution Time: ([\d.]+) ms/.exec(lines.join('\n'))?.[1] ?? NaN);
  const buffers = lines.find((l) => l.trim().startsWith('Buffers:'))?.trim() ?? '';
  console.log(`  ${label}: ${ms.toFixed(1)} ms (${buffers})`);
  if (process.env.SEARCH_PLANS) console.log(lines.map((l) => '      ' + l).join('\n'));
  return ms;
}

async function main(): Promise<void> {
  let url = process.env.SEARCH_DATABASE_URL;
  let stop = async () => undefined as void;
  if (!url) {
    const cluster = await startEmbeddedPostgres({
      dataDir: join(__dirname, '..', '..', 'bench', '.work'),
      port: 45000 + (process.pid % 1000),
      persistent: true,
    });
    stop = () => cluster.stop();
    url = cluster.url(`bench_keep_${process.env.SEARCH_ITEMS ?? 1000000}`);
  }
  const orm = await openOrm(url, 1);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const em = orm.em.fork();
    const anon = sql`false`;
    for (const term of SEARCH_TERMS) {
      const q = parseSearchTerm(term);
      const pattern = q.substring ? `%${escapeLike(term)}%` : null;
      const whereOf = (viaIndex: boolean) => itemListWhere({ inScope: anon, searchMatch: itemSearchMatchSql(anon, q.tsquery, pattern, viaIndex) });
      console.log(`"${term}" → ${q.tsquery ?? '(substring)'}`);
      let total = 0;
      let n = Infinity;
      if (q.tsquery) {
        const count = itemSearchCountSql(whereOf(true), q.tsquery, SEARCH_COUNT_CAP);
        total += await explain(client, 'count up to the cap', count);
        n = (await client.query<{ n: number }>(count.text, count.values as unknown[])).rows[0].n;
      }
      const order = itemSearchOrderSql(anon, q.tsquery);
      const capped = !!q.tsquery && n > SEARCH_COUNT_CAP;
      const label = capped
        ? `page (over ${SEARCH_COUNT_CAP} matches: newest ${SEARCH_RANKED} ranked)`
        : `page (${q.tsquery ? `${n} word` : `substring`} matches, all ranked)`;
      const pageRows = capped ? itemSearchRecentPageSql(whereOf(false), q.tsquery!, SEARCH_RANKED, 21, 0) : undefined;
      total += await explain(
        client,
        label,
        itemPageSql(em, true, { where: whereOf(true), order, limit: 21, offset: 0, pageRows, total: capped ? null : 'window' }),
      );
      console.log(`  total ${total.toFixed(1)} ms`);
    }
  } finally {
    await client.end();
    await orm.close(true);
    await stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
