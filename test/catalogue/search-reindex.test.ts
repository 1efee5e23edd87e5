import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '../../src/db/sql';
import { reindexItemSearch } from '../../src/modules/catalogue/search/reindex';
import { publishedSearchVector, workingSearchVector } from '../../src/modules/catalogue/search/item-vectors';
import { itemVectorsWriteSql } from '../../src/modules/catalogue/search/search-reindex.queries';
import { TestApp } from '../helpers/app';
import { ok } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const em = () => app.orm.em.fork() as EntityManager;
const SEARCH = `query($s: String) { disclosureItems(search: $s, first: 5) { totalCount nodes { title } } }`;
const count = async (s: string) => ok<any>(await app.gql(SEARCH, { s })).disclosureItems.totalCount as number;

/** Items whose stored vectors differ from what the segmenter makes of their texts now. */
async function stale(): Promise<number> {
  const rows = await app.sql<any>(
    `select id, search_vector::text as sv, pub_search_vector::text as pv, title, body, legal_basis, pub_title, pub_body, pub_legal_basis from disclosure_item`,
  );
  const [canon] = await app.sql<{ sv: (string | null)[]; pv: (string | null)[] }>(
    `select array_agg(v::tsvector::text order by o) as sv, array_agg(p::tsvector::text order by o) as pv from unnest($1::text[], $2::text[]) with ordinality as t(v, p, o)`,
    [rows.map((r) => workingSearchVector(r.title, r.body, r.legal_basis)), rows.map((r) => publishedSearchVector(r.pub_title, r.pub_body, r.pub_legal_basis))],
  );
  return rows.filter((r, i) => r.sv !== canon.sv[i] || r.pv !== canon.pv[i]).length;
}

describe('npm run reindex-search', () => {
  it('recomputes stale vectors in resumable batches, and a second run rewrites nothing', async () => {
    const [{ n }] = await app.sql<{ n: number }>(`select count(*)::int as n from disclosure_item`);
    // What the server wrote is what the segmenter makes (weights and positions included).
    expect(await stale()).toBe(0);
    const before = await count('举报电话');
    expect(before).toBeGreaterThan(0);
    // As after a dictionary change: every stored vector is out of date.
    await app.sql(`update disclosure_item set search_vector = $1::tsvector, pub_search_vector = case when pub_title is not null then $1::tsvector end`, [
      `'过时':1A`,
    ]);
    expect(await stale()).toBe(n);
    expect(await count('举报电话')).toBe(0);

    // Two batches, then the run stops (as if interrupted): the progress is committed with them.
    const first = await reindexItemSearch(em(), { batchSize: 7, maxBatches: 2, restart: true });
    expect(first).toMatchObject({ scanned: 14, updated: 14, finished: false });
    const [state] = await app.sql<any>(`select last_id, scanned::int, finished_at from search_reindex where target = 'disclosure_item'`);
    expect(state).toEqual({ last_id: first.lastId, scanned: 14, finished_at: null });
    expect(await stale()).toBe(n - 14);

    // The next run resumes after the last committed batch and finishes.
    const rest = await reindexItemSearch(em(), { batchSize: 50 });
    expect(rest).toMatchObject({ scanned: n, updated: n, finished: true });
    expect(await stale()).toBe(0);
    expect(await count('举报电话')).toBe(before);
    expect(await count('过时')).toBe(0);

    // A finished run starts over; with nothing changed it rewrites no row.
    const again = await reindexItemSearch(em(), { batchSize: 50 });
    expect(again).toMatchObject({ scanned: n, updated: 0, finished: true });
  });

  it('leaves a row alone that changed after its batch was read', async () => {
    const [row] = await app.sql<{ id: number; xmin: string }>(
      `select id, xmin::text as xmin from disclosure_item where pub_title is not null order by id limit 1`,
    );
    await app.sql(`update disclosure_item set search_vector = $2::tsvector where id = $1`, [row.id, `'旧词':1A`]);
    // The batch read the row before this write: its write-back finds another row version.
    const written = await runSql(em(), itemVectorsWriteSql([row.id], [row.xmin], ["'新词':1A"], ["'新词':1A"]));
    expect(written).toEqual([]);
    const [after] = await app.sql<{ sv: string }>(`select search_vector::text as sv from disclosure_item where id = $1`, [row.id]);
    expect(after.sv).toBe(`'旧词':1A`);
  });

  it('refuses a batch size out of range and writes nothing', async () => {
    await app.sql(`delete from search_reindex`);
    await expect(reindexItemSearch(em(), { batchSize: 0 })).rejects.toThrow('batch size must be an integer from 1 to 10000, not 0');
    expect(await app.sql(`select * from search_reindex`)).toEqual([]);
  });
});
