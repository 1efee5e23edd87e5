import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen({ PORTAL_ITEM_URL: 'https://portal.example.cn/items/{id}' });
  // Two published items of 格尔木海关 (the older in C2), one draft, and one of 西宁海关 itself.
  const item = async (unit: string, title: string, publishedAt: string | null, category = 'C1', body = '正文') => {
    await make.item(app, { unit, status: publishedAt ? 'PUBLISHED' : 'DRAFT', isPublic: !!publishedAt, publishedAt: publishedAt ?? undefined });
    await app.sql(
      `update disclosure_item set title = $1::text, pub_title = case when is_public then $1::text end, pub_body = case when is_public then $2::text end,
              pub_category_id = case when is_public then (select id from catalogue_category where code = $3) end,
              category_id = (select id from catalogue_category where code = $3)
        where id = (select max(id) from disclosure_item)`,
      [title, body, category],
    );
  };
  await item('XN-GEM', '格尔木海关通关指南', '2026-03-02T09:00:00+08:00', 'C2', '第一段 <script>alert(1)</script>\n\n第二段 & 其他');
  await item('XN-GEM', '格尔木海关咨询电话', '2026-04-01T09:00:00+08:00');
  await item('XN-GEM', '未发布的草稿', null);
  await item('XN', '西宁海关机构设置', '2026-02-01T09:00:00+08:00');
});
afterAll(async () => {
  await server?.close();
  await app.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${server.url}${path}`, { headers });
const ITEMS = `query($unitId: ID!, $categoryId: ID) { disclosureItems(unitId: $unitId, includeSubunits: true, categoryId: $categoryId, first: 50) { nodes { id title publishedAt } } }`;

describe('feeds', () => {
  it('serves the Atom feed of a unit subtree: the published items the public list shows, newest first, with their publication dates', async () => {
    const res = await get('/feeds/XN-GEM.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    const list = await app.gql(ITEMS, { unitId: await unitId(app, 'XN-GEM') });
    const nodes = list.data!.disclosureItems.nodes as { id: string; title: string; publishedAt: string }[];
    expect(nodes.map((n) => n.title)).toEqual(['格尔木海关咨询电话', '格尔木海关通关指南']);
    const ids = [...xml.matchAll(/<id>urn:disclosure-item:([^<]+)<\/id>/g)].map((m) => m[1]);
    expect(ids).toEqual(nodes.map((n) => n.id));
    expect(xml).not.toContain('未发布的草稿');
    // The feed's updated date is the newest entry's publication.
    expect(xml).toContain(`<updated>${new Date('2026-04-01T01:00:00Z').toISOString()}</updated>`);
    expect(xml).toContain(`<link href="https://portal.example.cn/items/${encodeURIComponent(nodes[0].id)}"/>`);
    expect(xml).toContain('<title>格尔木海关：政务公开</title>');
    // Entry titles and summaries are HTML in Atom: a body's markup arrives escaped there too.
    expect(xml).toContain('<summary type="html"><![CDATA[第一段 &lt;script&gt;alert(1)&lt;/script&gt; 第二段 &amp; 其他]]></summary>');
    // A body's markup is text: escaped before it becomes the entry's HTML.
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(xml).not.toContain('<script>');
    expect(res.headers.get('last-modified')).toBe(new Date('2026-04-01T01:00:00Z').toUTCString());
  });

  it('serves the JSON Feed, and narrows to a category and its sub-categories', async () => {
    const res = await get('/feeds/XN-GEM.json?category=C2');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = (await res.json()) as { version: string; title: string; items: { id: string; title: string; date_published: string; content_html: string }[] };
    expect(feed.version).toMatch(/^https:\/\/jsonfeed\.org\/version\/1/);
    expect(feed.items.map((i) => i.title)).toEqual(['格尔木海关通关指南']);
    expect(feed.items[0].date_published).toBe('2026-03-02T01:00:00.000Z');
    expect(feed.items[0].content_html).toBe('<p>第一段 &lt;script&gt;alert(1)&lt;/script&gt;</p><p>第二段 &amp; 其他</p>');
    const c2 = (await app.sql(`select id from catalogue_category where code = 'C2'`))[0].id;
    const list = await app.gql(ITEMS, { unitId: await unitId(app, 'XN-GEM'), categoryId: Buffer.from(`CatalogueCategory:${c2}`).toString('base64url') });
    if (!list.errors) expect(list.data!.disclosureItems.nodes.map((n: { title: string }) => n.title)).toEqual(['格尔木海关通关指南']);
  });

  it('includes the subtree: a district’s feed carries its subordinate offices’ items among its own', async () => {
    const xml = await (await get('/feeds/XN.atom')).text();
    for (const title of ['格尔木海关咨询电话', '格尔木海关通关指南', '西宁海关机构设置']) expect(xml).toContain(title);
    expect(xml.indexOf('格尔木海关咨询电话')).toBeLessThan(xml.indexOf('格尔木海关通关指南'));
  });

  it('answers 304 to a request whose ETag or date still match, and a new body once an item is published', async () => {
    const first = await get('/feeds/XN.atom');
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect((await get('/feeds/XN.atom', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/feeds/XN.atom', { 'if-modified-since': lastModified })).status).toBe(304);
    await make.item(app, { unit: 'XN-CJB', status: 'PUBLISHED', isPublic: true, publishedAt: '2030-01-01T00:00:00Z' });
    const after = await get('/feeds/XN.atom', { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(new Date(after.headers.get('last-modified')!).getTime()).toBeGreaterThan(new Date(lastModified).getTime());
    // Retiring an item changes the feed too (its date may not move, its ETag does).
    const etag2 = after.headers.get('etag')!;
    await app.sql(`update disclosure_item set is_public = false, status = 'RETIRED' where pub_title = '格尔木海关咨询电话'`);
    expect((await get('/feeds/XN.atom', { 'if-none-match': etag2 })).status).toBe(200);
  });

  it.each(['/feeds/NOPE.atom', '/feeds/XN.rss', '/feeds/XN.json?category=NOPE'])('answers 404 to %s', async (path) => {
    expect((await get(path)).status).toBe(404);
  });
});

const REPORTS = `query($unitId: ID, $year: Int, $first: Int, $after: String) {
  annualReports(unitId: $unitId, year: $year, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } nodes { id year status revision url unit { code } }
  }
}`;

describe('report index', () => {
  it('lists current publications for everyone, newest year first, filtered by unit subtree and year, paged', async () => {
    const all = await app.gql(REPORTS, {});
    expect(all.errors).toBeUndefined();
    const current = await app.sql(
      `select u.code, p.year from annual_report_publication p join org_unit u on u.id = p.unit_id where p.superseded_at is null order by p.year desc, u.path`,
    );
    expect(all.data!.annualReports.nodes.map((n: { unit: { code: string }; year: number }) => [n.unit.code, n.year])).toEqual(
      current.map((r) => [r.code, r.year]),
    );
    expect(all.data!.annualReports.nodes.every((n: { status: string }) => n.status === 'PUBLISHED')).toBe(true);
    expect(all.data!.annualReports.nodes.map((n: { unit: { code: string } }) => n.unit.code)).toEqual(expect.arrayContaining(['HP', 'TJ']));

    const hp = await app.gql(REPORTS, { unitId: await unitId(app, 'HP') });
    expect(hp.data!.annualReports.nodes).toEqual([expect.objectContaining({ year: 2009, url: '/reports/HP/2009.html', unit: { code: 'HP' } })]);
    const y2017 = await app.gql(REPORTS, { year: 2017 });
    expect(y2017.data!.annualReports.nodes.map((n: { unit: { code: string } }) => n.unit.code)).toEqual(['TJ']);

    const page1 = await app.gql(REPORTS, { first: 1 });
    expect(page1.data!.annualReports).toMatchObject({ totalCount: current.length, pageInfo: { hasNextPage: current.length > 1 } });
    const page2 = await app.gql(REPORTS, { first: 1, after: page1.data!.annualReports.pageInfo.endCursor });
    expect(page2.data!.annualReports.nodes[0].year).toBe(current[1].year);
  });

  it('names bad arguments', async () => {
    const res = await app.gql(REPORTS, { year: 1066, first: 1000 });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('serves the same list as /reports/index.json, with conditional GET', async () => {
    const res = await get('/reports/index.json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      reports: { unit: { code: string; name: string }; year: number; html: string; markdown: string; publishedAt: string }[];
    };
    const gql = await app.gql(REPORTS, {});
    expect(body.reports.map((r) => [r.unit.code, r.year, r.html])).toEqual(
      gql.data!.annualReports.nodes.map((n: { unit: { code: string }; year: number; url: string }) => [n.unit.code, n.year, n.url]),
    );
    expect(body.reports.find((r) => r.unit.code === 'HP')).toMatchObject({ unit: { name: '黄埔海关' }, markdown: '/reports/HP/2009.md' });
    expect((await get('/reports/index.json', { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
    const hp = (await (await get('/reports/index.json?unit=HP')).json()) as { reports: unknown[] };
    expect(hp.reports).toHaveLength(1);
    expect((await get('/reports/index.json?year=abc')).status).toBe(400);
    expect((await get('/reports/index.json?unit=NOPE')).status).toBe(404);
    // The published page the index points at is there.
    expect((await get(body.reports[0].html)).status).toBe(200);
  });
});
