import { toGlobalId } from '../../src/common/global-id';
import { Role } from '../../src/auth/roles';
import { Client } from 'pg';
import { Principal } from '../../src/auth/principal';
import { todayInChina } from '../../src/modules/catalogue';
import { catalogueTaskProviders } from '../../src/modules/catalogue/catalogue.tasks';
import { codes, TestApp, unitId } from '../helpers/app';
import { categoryId, ok } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

async function itemWhere(where: string): Promise<string> {
  const [row] = await app.sql(`select i.id from disclosure_item i join org_unit u on u.id = i.owner_unit_id where ${where} order by i.id limit 1`);
  if (!row) throw new Error(`no item where ${where}`);
  return toGlobalId('DisclosureItem', row.id);
}

describe('categories and the catalogue tree', () => {
  it('lists the six standard contents with their numbered sub-items', async () => {
    const res = ok(await app.gql(`{ catalogueCategories { code name mandatory defaultMode allowedLevels standard parent { code } children { code } } }`));
    const cats = res.catalogueCategories;
    expect(cats.filter((c: any) => !c.parent).map((c: any) => c.code)).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'C6']);
    expect(cats.find((c: any) => c.code === 'C2').children).toHaveLength(9);
    expect(cats.find((c: any) => c.code === 'C4').children).toHaveLength(6);
    expect(cats.find((c: any) => c.code === 'C4.4')).toMatchObject({ name: '行政许可', mandatory: true, standard: true, parent: { code: 'C4' } });
    expect(cats.find((c: any) => c.code === 'C6').allowedLevels).toEqual(['OFFICE']);
  });

  it('lets a district add local sub-categories but only the centre change standard ones', async () => {
    const CREATE = `mutation($input: CreateCatalogueCategoryInput!) { createCatalogueCategory(input: $input) { id code standard ownerUnit { code } parent { code } allowedLevels } }`;
    const UPDATE = `mutation($input: UpdateCatalogueCategoryInput!) { updateCatalogueCategory(input: $input) { name version } }`;
    const c31 = await categoryId(app, 'C3.1');
    const local = ok(
      await app.gql(CREATE, { input: { parentId: c31, districtId: await unitId(app, 'TJ'), code: 'TJ-C3.1-01', name: '天津港通关指南' } }, 'tj-admin'),
    ).createCatalogueCategory;
    expect(local).toMatchObject({ standard: false, ownerUnit: { code: 'TJ' }, parent: { code: 'C3.1' }, allowedLevels: ['OFFICE', 'DIVISION'] });
    expect(codes(await app.gql(CREATE, { input: { parentId: c31, districtId: await unitId(app, 'TJ'), code: 'HP-X', name: 'x' } }, 'hp-admin'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(codes(await app.gql(CREATE, { input: { parentId: c31, code: 'TJ-STD', name: 'x' } }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    expect(
      codes(await app.gql(CREATE, { input: { parentId: local.id, districtId: await unitId(app, 'TJ'), code: 'TJ-C3.1-02', name: 'x' } }, 'tj-admin')),
    ).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql(UPDATE, { input: { id: c31, expectedVersion: 1, name: '改名' } }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    expect(ok(await app.gql(UPDATE, { input: { id: local.id, expectedVersion: 1, name: '天津港口岸通关指南' } }, 'tj-admin')).updateCatalogueCategory).toEqual({
      name: '天津港口岸通关指南',
      version: 2,
    });
    const [{ version }] = await app.sql(`select version from catalogue_category where code = 'C3.1'`);
    expect(
      ok(await app.gql(UPDATE, { input: { id: c31, expectedVersion: version, description: '通关作业程序' } }, 'admin')).updateCatalogueCategory.version,
    ).toBe(version + 1);
    // Another district's items cannot use Tianjin's local category.
    const res = await app.gql(
      `mutation($input: CreateDisclosureItemInput!) { createDisclosureItem(input: $input) { id } }`,
      {
        input: { categoryId: local.id, ownerUnitId: await unitId(app, 'HP-DG'), title: 't', body: 'b', channels: ['PORTAL'], formedDate: '2025-01-02' },
      },
      'dg-liaison',
    );
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'input.categoryId', message: 'is a local category of 天津海关' }]);
  });

  it('counts published items per category of a unit in one statement', async () => {
    const tj = await unitId(app, 'TJ');
    const { result, statements } = await app.countStatements(() =>
      app.gql(`query($u: ID!) { catalogueTree(unitId: $u) { category { code parent { code } } publishedCount totalPublishedCount } }`, { u: tj }),
    );
    const rows = ok(result).catalogueTree;
    expect(statements).toBe(1);
    const expected = await app.sql(`select c.code, count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id
      join catalogue_category c on c.id = i.pub_category_id where i.is_public and u.path like (select path from org_unit where code = 'TJ') || '%' group by c.code`);
    for (const e of expected) expect(rows.find((r: any) => r.category.code === e.code).publishedCount).toBe(e.n);
    const c2 = rows.find((r: any) => r.category.code === 'C2');
    const c2Children = rows.filter((r: any) => r.category.parent?.code === 'C2').reduce((s: number, r: any) => s + r.publishedCount, 0);
    expect(c2.totalPublishedCount).toBe(c2.publishedCount + c2Children);
    expect(rows.reduce((s: number, r: any) => s + r.publishedCount, 0)).toBe(expected.reduce((s: number, e: any) => s + e.n, 0));
    expect(expected.length).toBeGreaterThan(5);
  });
});

describe('field rules', () => {
  const Q = `query($id: ID!) { disclosureItem(id: $id) { title level channels status formedDate publishDeadline internalNotes version reviews { kind } revisions { version } } }`;

  it('shows public fields to everyone and staff fields only in scope, with redactions', async () => {
    const id = await itemWhere(`i.is_public and u.code = 'TJ-FGC'`);
    const anon = await app.gql(Q, { id });
    expect(anon.errors).toBeUndefined();
    expect(anon.data!.disclosureItem).toMatchObject({
      level: 'DIVISION',
      status: null,
      formedDate: null,
      publishDeadline: null,
      internalNotes: null,
      version: null,
      reviews: null,
      revisions: null,
    });
    expect(anon.data!.disclosureItem.title).toBeTruthy();
    const redacted = anon.extensions!.redactions.map((r: any) => r.path.join('.'));
    expect(redacted).toEqual(
      expect.arrayContaining(['disclosureItem.status', 'disclosureItem.formedDate', 'disclosureItem.reviews', 'disclosureItem.revisions']),
    );

    const hp = await app.gql(Q, { id }, 'hp-admin'); // staff, but of another district
    expect(hp.data!.disclosureItem.status).toBeNull();

    const inspector = await app.gql(Q, { id }, 'tj-inspector'); // staff in scope, neither reviewer nor publisher
    expect(inspector.data!.disclosureItem).toMatchObject({ status: 'PUBLISHED', reviews: null });
    expect(inspector.data!.disclosureItem.revisions.length).toBeGreaterThan(0);
    expect(inspector.extensions!.redactions).toEqual([
      { path: ['disclosureItem', 'reviews'], reason: 'Visible only to reviewers, liaisons and publishers of the owner unit' },
    ]);

    for (const who of ['tj-legal', 'tj-publisher']) {
      const r = await app.gql(Q, { id }, who);
      expect(r.extensions?.redactions).toBeUndefined();
      expect(r.data!.disclosureItem.reviews.map((x: any) => x.kind)).toEqual(['LEGAL', 'SECRECY']);
    }
  });

  it('reads unpublished items outside your scope as NOT_FOUND, through node(id:) too', async () => {
    const draft = await itemWhere(`i.status = 'DRAFT' and not i.is_public and u.path like (select path from org_unit where code = 'TJ') || '%'`);
    for (const who of [null, 'hp-admin', 'dg-liaison']) {
      expect(codes(await app.gql(`query($id: ID!) { disclosureItem(id: $id) { title } }`, { id: draft }, who))).toEqual(['NOT_FOUND']);
      expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id ... on DisclosureItem { title } } }`, { id: draft }, who))).toEqual(['NOT_FOUND']);
    }
    const mine = ok(await app.gql(`query($id: ID!) { node(id: $id) { id ... on DisclosureItem { status } } }`, { id: draft }, 'tj-admin'));
    expect(mine.node.status).toBe('DRAFT');
    // Lists never show them either.
    const all = ok(await app.gql(`{ disclosureItems(first: 100) { totalCount nodes { id } } }`, {}, 'hp-admin')).disclosureItems;
    expect(all.nodes.map((n: any) => n.id)).not.toContain(draft);
  });

  it('narrows status filters to the caller’s scope', async () => {
    const q = `{ disclosureItems(status: [DRAFT, RETURNED, IN_REVIEW, APPROVED], first: 100) { totalCount nodes { status ownerUnit { code } } } }`;
    expect(ok(await app.gql(q)).disclosureItems.totalCount).toBe(0);
    const tj = ok(await app.gql(q, {}, 'tj-admin')).disclosureItems;
    expect(tj.totalCount).toBeGreaterThan(0);
    expect(tj.nodes.every((n: any) => n.ownerUnit.code.startsWith('TJ'))).toBe(true);
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id
      where u.code like 'TJ%' and i.status in ('DRAFT','RETURNED','IN_REVIEW','APPROVED')`);
    expect(tj.totalCount).toBe(n);
  });
});

describe('public catalogue queries', () => {
  it('finds items by Chinese substrings of title and body', async () => {
    const res = ok(await app.gql(`{ disclosureItems(search: "通关指南", first: 50) { totalCount nodes { title ownerUnit { name } } } }`)).disclosureItems;
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_item where is_public and (pub_title || ' ' || pub_body) like '%通关指南%'`);
    expect(res.totalCount).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect(res.nodes.every((x: any) => x.title.length > 0)).toBe(true);
    // A phrase of the body only (the commitment to 首问负责 of the 对外承诺 items).
    const body = ok(await app.gql(`{ disclosureItems(search: "首问负责") { nodes { title } } }`)).disclosureItems.nodes;
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((x: any) => x.title.endsWith('对外服务承诺'))).toBe(true);
    expect(ok(await app.gql(`{ disclosureItems(search: "不存在的词语") { totalCount } }`)).disclosureItems.totalCount).toBe(0);
    expect(ok(await app.gql(`{ disclosureItems(search: "100%") { totalCount } }`)).disclosureItems.totalCount).toBe(0);
  });

  it('serves substring search with the trigram indexes', async () => {
    const client = new Client({ connectionString: app.url });
    await client.connect();
    try {
      // The demo table is tiny: forbid sequential scans to see which index the planner can use.
      await client.query('set enable_seqscan = off');
      const planOf = async (where: string) =>
        (await client.query(`explain select id from disclosure_item i where ${where}`)).rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(await planOf(`(i.title || ' ' || i.body) ilike '%通关指南%'`)).toContain('disclosure_item_text_trgm');
      expect(await planOf(`(coalesce(i.pub_title, '') || ' ' || coalesce(i.pub_body, '')) ilike '%通关指南%'`)).toContain('disclosure_item_pub_text_trgm');
    } finally {
      await client.end();
    }
  });

  it('filters by unit subtree, category subtree, level, channel and date, and pages', async () => {
    const tj = await unitId(app, 'TJ');
    const all = ok(
      await app.gql(`query($u: ID!) { disclosureItems(unitId: $u, first: 100) { totalCount nodes { ownerUnit { code } } } }`, { u: tj }),
    ).disclosureItems;
    const own = ok(
      await app.gql(`query($u: ID!) { disclosureItems(unitId: $u, includeSubunits: false, first: 100) { totalCount nodes { ownerUnit { code } } } }`, {
        u: tj,
      }),
    ).disclosureItems;
    expect(own.nodes.every((n: any) => n.ownerUnit.code === 'TJ')).toBe(true);
    expect(all.totalCount).toBeGreaterThan(own.totalCount);
    const c2 = await categoryId(app, 'C2');
    const sub = ok(
      await app.gql(`query($c: ID!) { disclosureItems(categoryId: $c, first: 100) { totalCount nodes { category { parent { code } } } } }`, { c: c2 }),
    ).disclosureItems;
    expect(sub.totalCount).toBeGreaterThan(0);
    expect(sub.nodes.every((n: any) => n.category.parent.code === 'C2')).toBe(true);
    expect(
      ok(await app.gql(`query($c: ID!) { disclosureItems(categoryId: $c, includeSubcategories: false) { totalCount } }`, { c: c2 })).disclosureItems.totalCount,
    ).toBe(0);
    const office = ok(await app.gql(`{ disclosureItems(level: OFFICE, channel: TOUCH_SCREEN, first: 100) { nodes { level channels } } }`)).disclosureItems
      .nodes;
    expect(office.length).toBeGreaterThan(0);
    expect(office.every((n: any) => n.level === 'OFFICE' && n.channels.includes('TOUCH_SCREEN'))).toBe(true);
    expect(ok(await app.gql(`{ disclosureItems(publishedTo: "2000-01-01") { totalCount } }`)).disclosureItems.totalCount).toBe(0);

    const page1 = ok(
      await app.gql(`{ disclosureItems(first: 3, sort: PUBLISHED_ASC) { totalCount pageInfo { hasNextPage endCursor } nodes { id publishedAt } } }`),
    ).disclosureItems;
    const page2 = ok(
      await app.gql(
        `query($a: String) { disclosureItems(first: 3, after: $a, sort: PUBLISHED_ASC) { totalCount pageInfo { hasPreviousPage } nodes { id publishedAt } } }`,
        { a: page1.pageInfo.endCursor },
      ),
    ).disclosureItems;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page2.totalCount).toBe(page1.totalCount);
    expect(page2.pageInfo.hasPreviousPage).toBe(true);
    expect(page2.nodes[0].publishedAt >= page1.nodes[2].publishedAt).toBe(true);
    expect(page2.nodes.map((n: any) => n.id)).not.toContain(page1.nodes[0].id);
    expect(codes(await app.gql(`{ disclosureItems(first: 101) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql(`{ disclosureItems(after: "bad") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('names an unknown unit, also together with other bad arguments', async () => {
    const Q = `query($u: ID, $s: String) { disclosureItems(unitId: $u, search: $s) { totalCount } }`;
    const missing = toGlobalId('OrgUnit', 999999);
    const alone = await app.gql(Q, { u: missing });
    expect(codes(alone)).toEqual(['BAD_USER_INPUT']);
    expect(alone.errors![0].extensions!.fields).toEqual([{ field: 'unitId', message: 'is not an existing unit' }]);
    const both = await app.gql(Q, { u: missing, s: '长'.repeat(101) });
    expect(both.errors![0].extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(['search', 'unitId']);
    // An existing unit whose subtree holds nothing public is an empty page, not an error.
    const empty = await app.gql(Q, { u: await unitId(app, 'TJ-XG-TGK'), s: '没有这样的标题' });
    expect(ok(empty).disclosureItems.totalCount).toBe(0);
  });

  it('lists 50 items with category, owner unit and its parent in as few statements as 5 (one for the public page)', async () => {
    // Enough published rows for a page of 50, copied from the demo items.
    await app.sql(`insert into disclosure_item (category_id, owner_unit_id, level, mode, cadence, channels, title, body, legal_basis, formed_date,
        publish_deadline, status, is_public, published_at, published_version, pub_title, pub_body, pub_category_id, pub_legal_basis, pub_channels)
      select category_id, owner_unit_id, level, mode, cadence, channels, title || '（副本）', body, legal_basis, formed_date,
        publish_deadline, status, is_public, published_at, published_version, pub_title || '（副本）', pub_body, pub_category_id, pub_legal_basis, pub_channels
        from disclosure_item where is_public`);
    const Q = `query($n: Int) { disclosureItems(first: $n) { totalCount nodes { id title level publishedAt category { code name parent { code } } ownerUnit { name parent { name } } } } }`;
    const big = await app.countStatements(() => app.gql(Q, { n: 50 }));
    const small = await app.countStatements(() => app.gql(Q, { n: 5 }));
    expect(ok(big.result).disclosureItems.nodes).toHaveLength(50);
    expect(ok(small.result).disclosureItems.nodes).toHaveLength(5);
    // The page statement brings owner units, their parents and categories; a category's parent is one more.
    expect(big.statements).toBeLessThanOrEqual(2);
    expect(big.statements).toBe(small.statements);
    const PUBLIC_PAGE = `{ disclosureItems(first: 50) { totalCount nodes { id title channels category { name } ownerUnit { name parent { name } } } } }`;
    const page = await app.countStatements(() => app.gql(PUBLIC_PAGE));
    expect(ok(page.result).disclosureItems.nodes[0].ownerUnit.parent.name).toBeTruthy();
    expect(page.statements).toBe(1);
    // Bodies are left out of the page query and loaded in one batch when asked for.
    const withBodies = await app.countStatements(() => app.gql(`{ disclosureItems(first: 50) { nodes { id body } } }`));
    expect(withBodies.statements).toBe(2);
    const [expected] = await app.sql(`select pub_body from disclosure_item where is_public order by published_at desc nulls last, id desc limit 1`);
    expect(ok(withBodies.result).disclosureItems.nodes[0].body).toBe(expected.pub_body);
    // The same holds for staff, whose rows carry redaction checks (their grants are read once, then remembered).
    await app.gql('{ me { username } }', {}, 'tj-inspector');
    const staffBig = await app.countStatements(() => app.gql(Q.replace('publishedAt', 'publishedAt status reviews { kind }'), { n: 50 }, 'tj-inspector'));
    const staffSmall = await app.countStatements(() => app.gql(Q.replace('publishedAt', 'publishedAt status reviews { kind }'), { n: 5 }, 'tj-inspector'));
    expect(staffBig.statements).toBe(staffSmall.statements);
    expect(staffBig.statements).toBeLessThanOrEqual(6);
  });
});

describe('holiday calendar', () => {
  it('holds the official 2025 arrangement and is managed only by CENTRAL_ADMIN', async () => {
    const days = ok(await app.gql(`{ holidayCalendar(year: 2025) { date kind name } }`)).holidayCalendar;
    expect(days.filter((d: any) => d.name.startsWith('国庆') && d.kind === 'HOLIDAY').map((d: any) => d.date)).toEqual([
      '2025-10-01',
      '2025-10-02',
      '2025-10-03',
      '2025-10-04',
      '2025-10-05',
      '2025-10-06',
      '2025-10-07',
      '2025-10-08',
    ]);
    expect(days.filter((d: any) => d.kind === 'WORKDAY').map((d: any) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);

    const SET = `mutation($y: Int!, $d: [HolidayDayInput!]!) { setHolidayCalendar(year: $y, days: $d) { date kind } }`;
    const d2027 = [{ date: '2027-01-01', kind: 'HOLIDAY', name: '元旦' }];
    expect(codes(await app.gql(SET, { y: 2027, d: d2027 }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    const bad = await app.gql(
      SET,
      {
        y: 2027,
        d: [
          { date: '2026-12-31', kind: 'HOLIDAY', name: 'x' },
          { date: '2027-01-04', kind: 'WORKDAY', name: 'y' },
        ],
      },
      'admin',
    );
    expect(bad.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['days.0.date', 'days.1.kind']);
    expect(ok(await app.gql(SET, { y: 2027, d: d2027 }, 'admin')).setHolidayCalendar).toEqual([{ date: '2027-01-01', kind: 'HOLIDAY' }]);
    expect(ok(await app.gql(`{ holidayCalendar(year: 2027) { date } }`)).holidayCalendar).toHaveLength(1);
  });
});

describe('liaison tasks', () => {
  it('reports overdue, returned, maintenance-due, periodic-due and to-resubmit items, one statement per kind', async () => {
    const units = await app.sql(`select id, path from org_unit where path like (select path from org_unit where code = 'TJ') || '%'`);
    // Providers list only items of units where the caller is staff: a LIAISON over the whole district.
    const [tj] = await app.sql(`select id, path from org_unit where code = 'TJ'`);
    const ctx = {
      em: app.em(),
      auth: Principal.user(0, 'liaison', tj.id, [{ role: Role.LIAISON, unitId: tj.id, unitPath: tj.path, cascade: true }]),
      requestId: 't',
    };
    const { result, statements } = await app.countStatements(() => Promise.all(catalogueTaskProviders.map((p) => p(ctx, units, todayInChina()))));
    // Five item kinds of a liaison; the reviewers', publishers' and admins' providers ask nothing of a caller without those grants.
    expect(statements).toBe(5);
    const kinds = new Set(result.flat().map((t) => t.kind));
    expect([...kinds].sort()).toEqual(
      ['ITEM_MAINTENANCE_DUE', 'ITEM_OVERDUE', 'ITEM_PERIODIC_DUE', 'ITEM_RESUBMIT_AFTER_DISCLOSE', 'ITEM_RETURNED'].filter((k) => kinds.has(k as never)),
    );
    expect(kinds.has('ITEM_OVERDUE' as never)).toBe(true);
    expect(kinds.has('ITEM_RETURNED' as never)).toBe(true);
    const [{ n }] = await app.sql(
      `select count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id
      where u.code like 'TJ%' and i.status not in ('PUBLISHED','RETIRED') and i.publish_deadline < $1 and coalesce(i.withholding_status, '') not in ('PENDING','WITHHOLD')`,
      [todayInChina()],
    );
    expect(result.flat().filter((t) => t.kind === 'ITEM_OVERDUE')).toHaveLength(n);
  });
});
