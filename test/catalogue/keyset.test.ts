import { toGlobalId } from '../../src/common/global-id';
import { codes, TestApp, unitId } from '../helpers/app';
import { make, rawId } from '../helpers/factories';
import { categoryId, CREATE, ok, PUBLISH, RETIRE, REVIEW, SUBMIT, UPDATE } from './helpers';

/**
 * The item list pages by keyset cursors in every field order (every item exactly once and in
 * order, also when items are added or published between pages), refuses forged and foreign
 * cursors, and its totalCount, read from the maintained counters, equals what the list holds.
 */

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
  // A few items without a publication time in TJ (staff lists sort them last), two with the same time (ties broken by id).
  for (const status of ['DRAFT', 'DRAFT', 'RETURNED']) await make.item(app, { unit: 'TJ-BGS', status, deadline: '2026-03-10' });
  for (let i = 0; i < 2; i++) await make.item(app, { unit: 'TJ', status: 'PUBLISHED', isPublic: true, publishedAt: '2025-06-01T08:00:00.123456+08:00' });
});
afterAll(() => app.close());

const LIST = `query($first: Int, $after: String, $sort: DisclosureItemSort, $unitId: ID, $includeSubunits: Boolean, $categoryId: ID,
    $includeSubcategories: Boolean, $level: PublishingLevel, $status: [ItemStatus!], $channel: DisclosureChannel) {
  disclosureItems(first: $first, after: $after, sort: $sort, unitId: $unitId, includeSubunits: $includeSubunits, categoryId: $categoryId,
    includeSubcategories: $includeSubcategories, level: $level, status: $status, channel: $channel) {
    totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }`;

type Vars = Record<string, unknown>;

/** Every page of the list, `first` at a time; `between` runs after each page. Returns the ids in order and each page's totalCount. */
async function pageAll(vars: Vars, as?: string, first = 3, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let page = 0; page < 500; page++) {
    const list: any = ok(await app.gql(LIST, { ...vars, first, after }, as)).disclosureItems;
    ids.push(...list.edges.map((e: any) => e.node.id));
    totals.push(list.totalCount);
    expect(list.pageInfo.hasPreviousPage).toBe(after !== null);
    if (list.edges.length) expect(list.pageInfo.endCursor).toBe(list.edges[list.edges.length - 1].cursor);
    if (!list.pageInfo.hasNextPage) return { ids, totals };
    after = list.pageInfo.endCursor;
    await between?.(page);
  }
  throw new Error('no last page');
}

/** The same list straight from the tables, in the sort's order as it was defined with `nulls last`. */
async function expected(where: string, order: string, params: unknown[] = []): Promise<string[]> {
  const rows = await app.sql<{ id: number }>(
    `select i.id from disclosure_item i join org_unit u on u.id = i.owner_unit_id where ${where} order by ${order}`,
    params,
  );
  return rows.map((r) => toGlobalId('DisclosureItem', r.id));
}

const tjPath = async () => (await app.sql<{ path: string }>(`select path from org_unit where code = 'TJ'`))[0].path;

describe('keyset cursors', () => {
  it('page through a subtree in every order, each item exactly once and in order, for readers and staff', async () => {
    const tj = await unitId(app, 'TJ');
    const path = await tjPath();
    const cases: [string | undefined, string, string, string][] = [
      [undefined, 'PUBLISHED_DESC', 'i.is_public', 'i.published_at desc nulls last, i.id desc'],
      [undefined, 'PUBLISHED_ASC', 'i.is_public', 'i.published_at asc nulls last, i.id asc'],
      ['tj-admin', 'PUBLISHED_DESC', 'true', 'i.published_at desc nulls last, i.id desc'],
      ['tj-admin', 'PUBLISHED_ASC', 'true', 'i.published_at asc nulls last, i.id asc'],
      ['tj-admin', 'DEADLINE_ASC', 'true', 'i.publish_deadline asc, i.id asc'],
    ];
    for (const [as, sort, visible, order] of cases) {
      const want = await expected(`${visible} and u.path like $1`, order, [`${path}%`]);
      expect(want.length).toBeGreaterThan(6);
      const { ids, totals } = await pageAll({ unitId: tj, sort }, as);
      expect([as, sort, ids]).toEqual([as, sort, want]);
      expect(new Set(totals)).toEqual(new Set([want.length]));
    }
  });

  it('keep their place when items are added or published between pages', async () => {
    const tj = await unitId(app, 'TJ');
    const path = await tjPath();
    const before = await expected(`i.is_public and u.path like $1`, 'i.published_at desc nulls last, i.id desc', [`${path}%`]);
    const [draft] = await app.sql<{ id: number }>(
      `select i.id from disclosure_item i join org_unit u on u.id = i.owner_unit_id where not i.is_public and u.path like $1 and i.status = 'DRAFT' order by i.id limit 1`,
      [`${path}%`],
    );
    const added: string[] = [];
    const { ids } = await pageAll({ unitId: tj }, undefined, 2, async (page) => {
      if (page === 0) {
        // Newer than the page read: it sorts before the cursor, so a later page must not repeat what shifts down.
        await make.item(app, { unit: 'TJ-BGS', status: 'PUBLISHED', isPublic: true, publishedAt: new Date().toISOString() });
        await app.sql(
          `update disclosure_item set is_public = true, status = 'PUBLISHED', published_at = now(), pub_title = title,
                       pub_category_id = category_id where id = $1`,
          [draft.id],
        );
        // Older than everything: it sorts after the cursor, so it is on a later page.
        await make.item(app, { unit: 'TJ', status: 'PUBLISHED', isPublic: true, publishedAt: '2001-01-01T00:00:00Z' });
        const [{ id }] = await app.sql<{ id: number }>(`select max(id)::int as id from disclosure_item`);
        added.push(toGlobalId('DisclosureItem', id));
      }
    });
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...before, ...added]);
  });

  it('refuse a forged, truncated or foreign cursor as BAD_USER_INPUT on `after`, and a cursor of another sort order', async () => {
    const first: any = ok(await app.gql(LIST, { first: 2, sort: 'PUBLISHED_DESC' })).disclosureItems;
    const good = first.pageInfo.endCursor as string;
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const [, , key, id] = JSON.parse(Buffer.from(good, 'base64url').toString()) as [string, string, string, number];
    const bad = [
      'bad',
      '',
      good.slice(0, -3),
      Buffer.from('o:20').toString('base64url'), // an offset cursor
      enc({ id: 5 }),
      enc(['di', 'pd', key]),
      enc(['xx', 'pd', key, id]),
      enc(['di', 'pd', key, 0]),
      enc(['di', 'pd', key, 2 ** 31]),
      enc(['di', 'pd', key, 1.5]),
      enc(['di', 'pd', '2026-02-30T00:00:00.000000Z', id]),
      enc(['di', 'pd', "2026-01-01'; drop table disclosure_item; --", id]),
      enc(['di', 'pd', 12, id]),
      enc(['di', 'pd', 'infinity', id]),
    ];
    for (const after of bad) {
      const res = await app.gql(LIST, { first: 2, after, sort: 'PUBLISHED_DESC' });
      expect([after, codes(res)]).toEqual([after, ['BAD_USER_INPUT']]);
      expect(res.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'after', messageKey: 'keyset.invalidCursor' })]);
    }
    const foreign = await app.gql(LIST, { first: 2, after: good, sort: 'PUBLISHED_ASC' });
    expect(foreign.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'after', messageKey: 'keyset.foreignCursor' })]);
    const staffForeign = await app.gql(LIST, { first: 2, after: good, sort: 'DEADLINE_ASC' }, 'tj-admin');
    expect(staffForeign.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'after' })]);
    // A keyset cursor is no offset for a search ranked by relevance, and another list's cursor is none of ours.
    const search = await app.gql(`query($a: String) { disclosureItems(search: "海关", after: $a) { totalCount } }`, { a: good });
    expect(search.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'after' })]);
    const notes: any = ok(await app.gql(`{ notifications(first: 1) { pageInfo { endCursor } } }`, {}, 'tj-admin')).notifications;
    if (notes.pageInfo.endCursor) expect(codes(await app.gql(LIST, { after: notes.pageInfo.endCursor }))).toEqual(['BAD_USER_INPUT']);
    // A null key (an unpublished row) is a valid position in the staff's publication orders.
    const nullKey = ok(await app.gql(LIST, { first: 2, after: enc(['di', 'pa', null, 2 ** 31 - 1]), sort: 'PUBLISHED_ASC' }, 'tj-admin'));
    expect(nullKey.disclosureItems.edges).toEqual([]);
  });
});

describe('totalCount from the maintained counters', () => {
  /** For each caller and filter: the total equals the number of items paging yields. */
  async function checkTotals(label: string) {
    const [tj, tjBgs, c3] = [await unitId(app, 'TJ'), await unitId(app, 'TJ-BGS'), await categoryId(app, 'C3')];
    const filters: Vars[] = [
      {},
      { unitId: tj },
      { unitId: tjBgs, includeSubunits: false },
      { unitId: tj, includeSubunits: false },
      { categoryId: c3 },
      { categoryId: c3, includeSubcategories: false },
      { unitId: tj, level: 'OFFICE' },
      { status: ['DRAFT', 'IN_REVIEW', 'RETURNED'] },
      { unitId: tj, status: ['PUBLISHED'] },
      { unitId: tj, categoryId: c3 },
      { channel: 'PORTAL' }, // counted from the rows
    ];
    for (const as of [undefined, 'tj-admin', 'admin', 'tj-office-liaison', 'hp-admin', 'own-unit-liaison']) {
      for (const f of filters) {
        for (const sort of as ? ['PUBLISHED_DESC', 'DEADLINE_ASC'] : ['PUBLISHED_DESC']) {
          const { ids, totals } = await pageAll({ ...f, sort }, as, 100);
          expect([label, as, f, sort, totals[0]]).toEqual([label, as, f, sort, ids.length]);
        }
      }
    }
  }

  it('equals the list’s real count for several filters and callers, before and after item transitions', async () => {
    // A unit-only grant next to a subtree grant elsewhere: the scope is disjoint reaches.
    await make.user(app, {
      username: 'own-unit-liaison',
      unit: 'TJ-BGS',
      grants: [
        ['LIAISON', 'TJ-BGS', false],
        ['OFFICE_ADMIN', 'XN'],
      ],
    });
    await checkTotals('before');

    // Through the workflow: draft, submit, review, publish; retire another; a published item's draft moves to another category.
    const created = ok(
      await app.gql(
        CREATE,
        {
          input: {
            categoryId: await categoryId(app, 'C3'),
            ownerUnitId: await unitId(app, 'TJ-BGS'),
            title: '天津海关办公室通关咨询',
            body: '咨询电话。',
            channels: ['PORTAL'],
            formedDate: '2025-09-26',
          },
        },
        'tj-office-liaison',
      ),
    ).createDisclosureItem;
    await checkTotals('drafted');
    ok(await app.gql(SUBMIT, { id: created.id }, 'tj-office-liaison'));
    ok(await app.gql(REVIEW, { input: { itemId: created.id, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    ok(await app.gql(REVIEW, { input: { itemId: created.id, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy'));
    const published = ok(await app.gql(PUBLISH, { id: created.id }, 'tj-office-publisher')).publishDisclosureItem;
    expect(published.status).toBe('PUBLISHED');
    await checkTotals('published');
    const [live] = await app.sql<{ id: number; version: number }>(
      `select i.id, i.version from disclosure_item i join org_unit u on u.id = i.owner_unit_id
        where i.status = 'PUBLISHED' and u.code = 'TJ' and i.id <> $1 order by i.id limit 1`,
      [rawId(created.id)],
    );
    ok(await app.gql(RETIRE, { id: toGlobalId('DisclosureItem', live.id) }, 'tj-publisher'));
    const [c3] = await app.sql<{ version: number }>(`select version from disclosure_item where id = $1`, [rawId(created.id)]);
    ok(await app.gql(UPDATE, { input: { id: created.id, expectedVersion: c3.version, categoryId: await categoryId(app, 'C1') } }, 'tj-office-liaison'));
    await checkTotals('retired and recategorised');
  });

  it('is left out of the page statement when not selected, which stays one statement', async () => {
    const texts: string[] = [];
    const knex = app.orm.em.getConnection().getKnex();
    const listen = (q: { sql: string }) => texts.push(q.sql);
    knex.on('query', listen);
    try {
      // Each query twice: the second run goes through the compiled (graphql-jit) executor.
      for (let run = 0; run < 2; run++) {
        texts.length = 0;
        const without = await app.countStatements(() => app.gql(`{ disclosureItems(first: 5) { nodes { id } pageInfo { endCursor } } }`));
        const cursor = ok(without.result).disclosureItems.pageInfo.endCursor;
        const withTotal = await app.countStatements(() =>
          app.gql(`query($a: String) { disclosureItems(first: 5, after: $a) { ...T } } fragment T on DisclosureItemConnection { totalCount }`, { a: cursor }),
        );
        expect([run, without.statements, withTotal.statements]).toEqual([run, 1, 1]);
        expect([run, texts.map((t) => t.includes('item_public_count'))]).toEqual([run, [false, true]]);
        expect(ok(withTotal.result).disclosureItems.totalCount).toBeGreaterThan(5);
      }
    } finally {
      knex.removeListener('query', listen);
    }
  });
});
