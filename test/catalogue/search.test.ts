import { Client } from 'pg';
import { rawId } from '../helpers/factories';
import { codes, TestApp, unitId } from '../helpers/app';
import { categoryId, CREATE, ok, UPDATE } from './helpers';
import { JUDGED } from './search-judged';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const SEARCH = `query($s: String, $sort: DisclosureItemSort, $c: ID, $u: ID, $from: LocalDate, $to: LocalDate, $first: Int) {
  disclosureItems(search: $s, sort: $sort, categoryId: $c, unitId: $u, publishedFrom: $from, publishedTo: $to, first: $first) {
    totalCount nodes { id title publishedAt searchSnippet category { code } ownerUnit { code } } } }`;

/** The calendar date in China of a timestamp. */
const chinaDate = (t: Date | string) => new Date(new Date(t).getTime() + 8 * 3600_000).toISOString().slice(0, 10);

async function search(s: string, extra: Record<string, unknown> = {}, as?: string) {
  return ok(await app.gql(SEARCH, { s, first: 100, ...extra }, as)).disclosureItems;
}

describe('search that understands Chinese', () => {
  it.each(JUDGED)('ranks the judged set: "$query" ($why)', async ({ query, first }) => {
    const res = await search(query);
    const titles: string[] = res.nodes.map((n: any) => n.title);
    const [{ n: expected }] = await app.sql<{ n: number }>(`select count(*)::int as n from disclosure_item where is_public`);
    expect(expected).toBeGreaterThan(0);
    const hits = titles.filter((t) => first.test(t)).length;
    expect(hits).toBeGreaterThan(0);
    // Every item of the judged template comes before any other result.
    expect(titles.slice(0, hits).every((t) => first.test(t))).toBe(true);
  });

  it('finds words in any order and not adjacent, where the substring match found nothing', async () => {
    const a = await search('举报电话');
    const b = await search('举报 电话');
    const c = await search('电话 举报');
    expect(a.totalCount).toBeGreaterThan(0);
    expect(b.nodes.map((n: any) => n.id).sort()).toEqual(c.nodes.map((n: any) => n.id).sort());
    expect(b.totalCount).toBeGreaterThanOrEqual(a.totalCount);
    expect((await search('知识产权保护')).nodes.map((n: any) => n.title)).toContain('知识产权海关保护备案与侵权货物扣留');
    // The legal basis is searched too (title and body of these items do not say 稽查条例).
    const legal = await search('海关稽查条例');
    expect(legal.totalCount).toBeGreaterThan(0);
    expect(legal.nodes.every((n: any) => n.title === '海关稽查的职责权限和作业程序')).toBe(true);
    expect((await search('不存在的词语')).totalCount).toBe(0);
  });

  it('orders by relevance with newer first among equals, or by date when asked', async () => {
    const byRank = await search('电话');
    // The titles that say 电话 come first; the rest only mention it in the body.
    const titled = byRank.nodes.map((n: any) => n.title.includes('电话'));
    expect(titled.indexOf(false)).toBeGreaterThan(0);
    expect(titled.slice(titled.indexOf(false)).every((t: boolean) => !t)).toBe(true);
    // Among equal ranks (the same template in each district) the newer publication first.
    const same = byRank.nodes.filter((n: any) => n.title.endsWith('机构设置、职责和咨询举报电话'));
    expect(same.length).toBeGreaterThan(1);
    expect([...same].sort((x: any, y: any) => new Date(y.publishedAt).getTime() - new Date(x.publishedAt).getTime())).toEqual(same);
    const byDate = await search('电话', { sort: 'PUBLISHED_DESC' });
    expect(byDate.totalCount).toBe(byRank.totalCount);
    const dates = byDate.nodes.map((n: any) => new Date(n.publishedAt).getTime());
    expect([...dates].sort((x, y) => y - x)).toEqual(dates);
  });

  it('returns a highlighted snippet of the original text, HTML-escaped', async () => {
    const res = await search('首问负责');
    expect(res.nodes[0].searchSnippet).toBe('落实“<em>首问负责</em>”和“限时答复”：简单问题立即办、复杂问题限时办、重大问题限期办。');
    const title = await search('行政复议');
    expect(title.nodes[0].searchSnippet).toContain('<em>行政复议</em>');
    // Outside a search there is no snippet.
    const plain = ok(await app.gql(`{ disclosureItems(first: 1) { nodes { searchSnippet } } }`)).disclosureItems;
    expect(plain.nodes[0].searchSnippet).toBeNull();
  });

  it('combines search with the category, unit and date filters', async () => {
    const c4 = await categoryId(app, 'C4');
    const all = await search('海关');
    const inC4 = await search('海关', { c: c4 });
    expect(inC4.totalCount).toBeGreaterThan(0);
    expect(inC4.totalCount).toBeLessThan(all.totalCount);
    expect(inC4.nodes.every((n: any) => n.category.code.startsWith('C4'))).toBe(true);
    const tj = await search('海关', { u: await unitId(app, 'TJ') });
    expect(tj.nodes.every((n: any) => n.ownerUnit.code.startsWith('TJ'))).toBe(true);
    expect(tj.totalCount).toBeLessThan(all.totalCount);
    const dates = all.nodes.map((n: any) => chinaDate(n.publishedAt)).sort();
    const mid = dates[Math.floor(dates.length / 2)];
    const later = await search('海关', { from: mid });
    expect(later.totalCount).toBeGreaterThan(0);
    expect(later.totalCount).toBeLessThan(all.totalCount);
    expect(later.nodes.every((n: any) => chinaDate(n.publishedAt) >= mid)).toBe(true);
    expect((await search('海关', { from: mid, to: mid, c: c4 })).nodes.every((n: any) => n.category.code.startsWith('C4'))).toBe(true);
  });

  it('keeps the substring match for codes and numbers, and keeps drafts to staff in scope', async () => {
    const created = ok(
      await app.gql(
        CREATE,
        {
          input: {
            categoryId: await categoryId(app, 'C1'),
            ownerUnitId: await unitId(app, 'TJ-BGS'),
            title: '天津海关12360热线服务说明',
            body: '海关服务热线：12360。编号TJ-2026-0012。',
            channels: ['PORTAL'],
            legalBasis: '《中华人民共和国海关关务公开办法》',
            formedDate: '2025-09-26',
          },
        },
        'tj-office-liaison',
      ),
    ).createDisclosureItem;
    const staff = await search('12360', {}, 'tj-office-liaison');
    expect(staff.nodes.map((n: any) => n.id)).toContain(created.id);
    expect(staff.nodes.find((n: any) => n.id === created.id).searchSnippet).toContain('<em>12360</em>');
    // Part of a code: not a word of its own, found as a substring.
    expect((await search('2026-001', {}, 'tj-office-liaison')).nodes.map((n: any) => n.id)).toEqual([created.id]);
    // The draft is not public, and other districts' staff do not see it.
    expect((await search('12360')).nodes.map((n: any) => n.id)).not.toContain(created.id);
    expect((await search('12360', {}, 'hp-admin')).nodes.map((n: any) => n.id)).not.toContain(created.id);
    // An edit re-segments the text: the old title word is gone, the new one is found.
    const [{ version }] = await app.sql<{ version: number }>('select version from disclosure_item where id = $1', [rawId(created.id)]);
    ok(await app.gql(UPDATE, { input: { id: created.id, expectedVersion: version, title: '天津海关政务服务便民热线' } }, 'tj-office-liaison'));
    expect((await search('便民热线', {}, 'tj-office-liaison')).nodes.map((n: any) => n.id)).toEqual([created.id]);
    expect((await search('12360热线服务说明', {}, 'tj-office-liaison')).nodes.map((n: any) => n.id)).not.toContain(created.id);
  });

  it('refuses RELEVANCE without a search term and over-long terms, naming the field', async () => {
    const res = await app.gql(SEARCH, { sort: 'RELEVANCE' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'sort', message: 'RELEVANCE orders the results of a search: give a search term' }]);
    const long = await app.gql(SEARCH, { s: '词'.repeat(101) });
    expect(long.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['search']);
    // Punctuation alone is no word: a substring search, which finds nothing here.
    expect((await search('？！')).totalCount).toBe(0);
  });

  it('serves word search from the GIN indexes', async () => {
    const client = new Client({ connectionString: app.url });
    await client.connect();
    try {
      await client.query('set enable_seqscan = off');
      const plan = async (where: string) =>
        (await client.query(`explain select id from disclosure_item i where ${where}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(await plan(`i.search_vector @@ '举报'::tsquery`)).toContain('disclosure_item_search_vector');
      expect(await plan(`i.pub_search_vector @@ '举报'::tsquery`)).toContain('disclosure_item_pub_search_vector');
    } finally {
      await client.end();
    }
  });
});
