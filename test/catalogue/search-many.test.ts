import { encodeOffsetCursor } from '../../src/common/relay';
import { publishedSearchVector, workingSearchVector } from '../../src/modules/catalogue/search/item-vectors';
import { SEARCH_COUNT_CAP, SEARCH_RANKED } from '../../src/modules/catalogue/disclosure-item.service';
import { TestApp } from '../helpers/app';
import { ok } from './helpers';

let app: TestApp;
const N = 1100;
const TITLED = '行政复议申请须知（汇编）';
const MENTIONED = '窗口服务说明（汇编）';

/** A published copy's columns (owner, category) from a demo item; texts and vectors of one of two kinds. */
beforeAll(async () => {
  app = await TestApp.create();
  const kinds = [
    { title: TITLED, body: '申请材料与期限。' },
    { title: MENTIONED, body: '对具体行政行为不服的，可以依法申请行政复议。' },
  ].map((k) => ({ ...k, sv: workingSearchVector(k.title, k.body, null), pv: publishedSearchVector(k.title, k.body, null) }));
  // Kinds alternate by age: g = 1 is the newest, a titled copy when g is odd.
  await app.sql(
    `insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status, is_public,
        published_at, published_version, pub_title, pub_body, pub_category_id, pub_channels, search_vector, pub_search_vector)
     select d.category_id, d.owner_unit_id, d.level, 'STANDING', d.channels, k.title, k.body, d.formed_date, d.publish_deadline, 'PUBLISHED', true,
            timestamptz '2026-11-30 12:00+08' - g * interval '1 hour', 1, k.title, k.body, d.category_id, d.channels, k.sv::tsvector, k.pv::tsvector
       from generate_series(1, $1::int) g
       join (select * from unnest($2::text[], $3::text[], $4::text[], $5::text[]) with ordinality as t(title, body, sv, pv, n)) k on k.n = 2 - g % 2
       cross join (select * from disclosure_item where is_public order by id limit 1) d`,
    [N, ...['title', 'body', 'sv', 'pv'].map((f) => kinds.map((k) => (k as Record<string, unknown>)[f]))],
  );
});
afterAll(() => app.close());

const Q = `query($s: String, $sort: DisclosureItemSort, $first: Int, $after: String) {
  disclosureItems(search: $s, sort: $sort, first: $first, after: $after) { totalCount totalCountIsCapped pageInfo { hasNextPage } nodes { title publishedAt } } }`;
const list = async (vars: Record<string, unknown>, as?: string) => ok<any>(await app.gql(Q, vars, as)).disclosureItems;
const time = (n: { publishedAt: string }) => new Date(n.publishedAt).getTime();
const newestFirst = (nodes: { publishedAt: string }[]) => nodes.every((n, i) => i === 0 || time(nodes[i - 1]) >= time(n));

describe('a public search over more matches than the cap', () => {
  it(`counts up to ${SEARCH_COUNT_CAP} and says so, and ranks the newest ${SEARCH_RANKED} matches`, async () => {
    const res = await list({ s: '行政复议', first: 100 });
    expect(res.totalCount).toBe(SEARCH_COUNT_CAP);
    expect(res.totalCountIsCapped).toBe(true);
    expect(res.pageInfo.hasNextPage).toBe(true);
    // Among the newest matches the titled copies come first (half of them), newest first, then the mentions.
    const titles = res.nodes.map((n: any) => n.title);
    expect(titles.slice(0, SEARCH_RANKED / 2)).toEqual(Array(SEARCH_RANKED / 2).fill(TITLED));
    expect(titles.slice(SEARCH_RANKED / 2, 100).every((t: string) => t === MENTIONED)).toBe(true);
    expect(newestFirst(res.nodes.slice(0, SEARCH_RANKED / 2))).toBe(true);
    // Past the ranked matches, older matches follow by date, both kinds mixed.
    const ranked = await list({ s: '行政复议', first: SEARCH_RANKED });
    const oldestRanked = Math.min(...ranked.nodes.map(time));
    const after = await list({ s: '行政复议', first: 10, after: encodeOffsetCursor(SEARCH_RANKED) });
    expect(after.nodes).toHaveLength(10);
    expect(newestFirst(after.nodes)).toBe(true);
    expect(after.nodes.every((n: any) => time(n) < oldestRanked)).toBe(true);
    expect(new Set(after.nodes.map((n: any) => n.title))).toEqual(new Set([TITLED, MENTIONED]));
  });

  it('sorts by date on request, newest first across every match', async () => {
    const res = await list({ s: '行政复议', sort: 'PUBLISHED_DESC', first: 10 });
    expect(res).toMatchObject({ totalCount: SEARCH_COUNT_CAP, totalCountIsCapped: true });
    expect(res.nodes.map((n: any) => n.title)).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 ? MENTIONED : TITLED)));
    expect(newestFirst(res.nodes)).toBe(true);
  });

  it('counts exactly below the cap, and for staff', async () => {
    const few = await list({ s: '知识产权保护' });
    expect(few.totalCountIsCapped).toBe(false);
    expect(few.totalCount).toBeGreaterThan(0);
    expect(few.totalCount).toBeLessThan(SEARCH_COUNT_CAP);
    const staff = await list({ s: '行政复议', first: 1 }, 'tj-office-liaison');
    expect(staff.totalCountIsCapped).toBe(false);
    expect(staff.totalCount).toBeGreaterThan(N);
  });
});
