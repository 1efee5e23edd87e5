import { itemMaintenanceDueSql, itemOverdueSql, itemWithholdingPendingSql } from './catalogue.queries';
import type { EntityManager } from '@mikro-orm/postgresql';
import { rowJsonSql } from '../../db/read-model';
import { join, sql, type Sql } from '../../db/sql';
import { DisclosureItem } from './disclosure-item.entity';

/**
 * Every hand-written statement over disclosure items: the list page (one statement answering the
 * page, its total and the units and categories it reaches), its count fallback, and one visible item.
 * Items are aliased `i`, their owner unit `u`.
 */

/**
 * The columns anonymous readers can reach: every public field reads the published snapshot, and
 * every other field is redacted for them before it is resolved.
 */
const PUBLIC_COLUMNS = new Set([
  'id',
  'category_id',
  'owner_unit_id',
  'level',
  'is_public',
  'published_at',
  'pub_title',
  'pub_category_id',
  'pub_legal_basis',
  'pub_channels',
]);

/** Columns a list row leaves out: the bodies, and the search vectors (never read back). */
const LIST_OMITS = new Set(['body', 'pub_body', 'search_vector', 'pub_search_vector']);

const listRowSql = new Map<boolean, Sql>();
/**
 * A page row as one jsonb value of every column but the bodies (a list rarely shows them and they
 * are most of a row's bytes; the `body` field loads them in one batch when asked for). One JSON
 * document per row parses far faster in Node than forty text columns through pg's type parsers.
 * Anonymous readers get only the public columns. Built once per kind of reader.
 */
function listRow(em: EntityManager, anonymous: boolean): Sql {
  let row = listRowSql.get(anonymous);
  if (!row) {
    row = rowJsonSql(em, DisclosureItem, 'i', (c) => !LIST_OMITS.has(c) && (!anonymous || PUBLIC_COLUMNS.has(c)), { owner_path: sql`u.path` });
    listRowSql.set(anonymous, row);
  }
  return row;
}

/** Filters of the item list, decoded and checked by the service. */
export interface ItemListFilter {
  /** The caller's staff scope over `u.path` (`false` for anonymous callers). */
  inScope: Sql;
  unitId?: number | null;
  includeSubunits?: boolean | null;
  categoryId?: number | null;
  includeSubcategories?: boolean | null;
  level?: string | null;
  channel?: string | null;
  mode?: string | null;
  statuses?: readonly string[] | null;
  publishedFrom?: string | null;
  publishedTo?: string | null;
  /** The search condition (item-search.queries.ts): words of title, body and legal basis, or a substring for codes. */
  searchMatch?: Sql | null;
  /** Only rows in the caller's staff scope (a staff-only field orders or filters the list). */
  staffOnly?: boolean;
  /**
   * The dashboard's drill-downs, with the overview counters' own definitions (catalogue.queries.ts)
   * as of `asOf`: true keeps the items that meet it, false those that do not (staff scope only).
   */
  overdue?: boolean | null;
  maintenanceDue?: boolean | null;
  withholdingPending?: boolean | null;
  asOf?: string;
}

/** The ids of a category and, unless `includeSubcategories` is false, of every category below it (a parenthesised subquery). */
export function categorySetSql(categoryId: number, includeSubcategories?: boolean | null): Sql {
  return includeSubcategories === false
    ? sql`(select ${categoryId}::int)`
    : sql`(with recursive t as (select id from catalogue_category where id = ${categoryId} union all select c.id from catalogue_category c join t on c.parent_id = t.id) select id from t)`;
}

/** The WHERE condition of the item list: items the caller may see (published, or staff in scope) that match the filters. */
export function itemListWhere(f: ItemListFilter): Sql {
  const scope = f.inScope;
  const where: Sql[] = [sql`(i.is_public or ${scope})`];
  // The unit's subtree is resolved inside the statement (no lookup round trip): the range
  // [path, path || '~') with text_pattern_ops operators is a `like 'path%'` the path index serves
  // even though the path is only known at run time.
  if (f.unitId != null) {
    if (f.includeSubunits === false) where.push(sql`u.id = ${f.unitId}`);
    else
      where.push(sql`u.path ~>=~ (select path from org_unit where id = ${f.unitId}) and u.path ~<~ (select path || '~' from org_unit where id = ${f.unitId})`);
  }
  if (f.categoryId != null) {
    const cats = categorySetSql(f.categoryId, f.includeSubcategories);
    where.push(sql`(case when ${scope} then i.category_id else i.pub_category_id end) in ${cats}`);
  }
  if (f.level) where.push(sql`i.level = ${f.level}`);
  if (f.channel) where.push(sql`${f.channel} = any(case when ${scope} then i.channels else i.pub_channels end)`);
  // Mode and status are staff fields: filtering on them narrows to items in the caller's scope.
  if (f.mode) where.push(sql`(${scope} and i.mode = ${f.mode})`);
  // One array parameter, however many statuses: the text does not grow with the list.
  if (f.statuses?.length) where.push(sql`(${scope} and i.status = any(${[...f.statuses]}::text[]))`);
  if (f.publishedFrom) where.push(sql`i.published_at >= (${f.publishedFrom}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.publishedTo) where.push(sql`i.published_at < (${f.publishedTo}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.searchMatch) where.push(f.searchMatch);
  // Sorting by a field is reading it: sorting by the staff-only deadline keeps the items whose
  // deadline the caller may read.
  if (f.staffOnly) where.push(scope);
  const drillDowns: [boolean | null | undefined, () => Sql][] = [
    [f.overdue, () => itemOverdueSql(f.asOf!)],
    [f.maintenanceDue, () => itemMaintenanceDueSql(f.asOf!)],
    [f.withholdingPending, () => itemWithholdingPendingSql()],
  ];
  for (const [wanted, condition] of drillDowns) {
    if (wanted != null) where.push(wanted ? sql`(${scope} and ${condition()})` : sql`(${scope} and not coalesce(${condition()}, false))`);
  }
  return join(where, ' and ');
}

/** What the page statement answers: one row. */
export interface ItemPageRow {
  items: Record<string, unknown>[] | null;
  /** Per row of `items`: [sort key text, id] (keyset pages only). */
  keys: [string | null, number][] | null;
  total_count: string | null;
  units: unknown[] | null;
  categories: unknown[] | null;
}

/** Which page of the list, and what total comes with it. */
export interface ItemPageSpec {
  where: Sql;
  /** ORDER BY (a keyset order from item-keyset.queries.ts, or the search's relevance order). */
  order: Sql;
  limit: number;
  /** Keyset paging: the rows after the cursor (null on the first page) and the sort key as cursor text. */
  after?: Sql | null;
  keyText?: Sql | null;
  /** Offset paging (the relevance order). */
  offset?: number;
  /** The page's `(id, ord)` rows, picked by the caller (a search over many matches); `where`, `order` and paging are then not used to pick rows. */
  pageRows?: Sql;
  /**
   * The list's total: 'window' counts the matches alongside the page (offset paging, where the
   * page reads every match anyway); a scalar statement (the counters, or `itemCountSql`) is
   * answered in the same statement; null when nobody asked for it.
   */
  total: 'window' | Sql | null;
}

/**
 * One statement for the page, answering one row. First which rows, in which order (narrow: ids
 * and sort keys; a keyset page is a range scan of the order's index after the cursor); then the
 * page's rows as one JSON array, their sort keys (for the cursors), the total, and the owner units,
 * their parents and the categories those rows reach as two more, each unit and category once.
 * They prime the per-request loaders, so the usual selection (category, ownerUnit { parent }) needs
 * no further round trip. A few JSON documents parse far faster in Node than fifty rows of separate
 * columns, and carry each unit once. `pageRows`, when given, picks the page instead: `(id, ord)`
 * rows in page order (a search over many matches, item-search.queries.ts).
 */
export function itemPageSql(em: EntityManager, anonymous: boolean, p: ItemPageSpec): Sql {
  const window = p.total === 'window';
  const total = p.total === null ? sql`null::int` : window ? sql`(select max(total_count) from picked)` : sql`(${p.total})`;
  const page = p.pageRows
    ? sql`select p.id, p.ord from (${p.pageRows}) p`
    : sql`select i.id${window ? sql`, count(*) over () as total_count` : sql``}
           from disclosure_item i join org_unit u on u.id = i.owner_unit_id
          where ${p.where}${p.after ? sql` and ${p.after}` : sql``}
          order by ${p.order}
          limit ${p.limit}${p.offset ? sql` offset ${p.offset}` : sql``}`;
  return sql`with page as (
         ${page}),
       picked as (
         select ${listRow(em, anonymous)} as item, ${p.pageRows ? sql`page.ord` : sql`row_number() over (order by ${p.order})`} as ord${window ? sql`, page.total_count` : sql``},
                ${p.keyText ?? sql`null::text`} as sort_key, i.id, i.owner_unit_id, u.parent_id, i.category_id, i.pub_category_id
           from page
           join disclosure_item i on i.id = page.id
           join org_unit u on u.id = i.owner_unit_id)
       select (select json_agg(item order by ord) from picked) as items,
              ${p.keyText ? sql`(select json_agg(json_build_array(sort_key, id) order by ord) from picked)` : sql`null::json`} as keys,
              ${total} as total_count,
              -- = any(array(…)): looked up by primary key. With "in (select …)" the planner, which cannot
              -- know how many rows the page has, hash-joined the whole unit table (5 ms of 13 at 1M items).
              (select json_agg(u) from org_unit u where u.id = any(array(select owner_unit_id from picked union select parent_id from picked))) as units,
              (select json_agg(c) from catalogue_category c
                where c.id = any(array(select pub_category_id from picked${anonymous ? sql`` : sql` union select category_id from picked`}))) as categories`;
}

/** The total of the list by counting its rows (filters the counters cannot answer). */
export function itemCountSql(where: Sql): Sql {
  return sql`select count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id where ${where}`;
}

/** Whether an org unit exists (the list tells a missing unit from an empty one only when nothing matched). */
export function unitExistsSql(unitId: number): Sql {
  return sql`select 1 from org_unit where id = ${unitId}`;
}

/** One item with its owner's path, if the caller may see it (published, or staff in scope). */
export function visibleItemSql(id: number, inScope: Sql): Sql {
  return sql`select i.*, u.path as owner_path from disclosure_item i join org_unit u on u.id = i.owner_unit_id
        where i.id = ${id} and (i.is_public or ${inScope})`;
}

/**
 * What the action rules (item-actions.policy.ts) read about items, for one caller: the item's
 * state and owner unit, the reviews of its current round, and the caller's first change of the text
 * since the item's last publication (`submit` or another write). One statement for a batch of
 * items: the `viewerCan` of a page and the check inside a mutation read the same definition.
 */
export function itemActionFactsSql(itemIds: readonly number[], userId: number | null): Sql {
  return sql`select i.id, i.status, i.level, i.withholding_status, i.published_version, i.created_by_id, u.path as owner_path, u.name as owner_name,
         coalesce((select json_agg(json_build_object('kind', r.kind, 'decision', r.decision, 'reviewerId', r.reviewer_id) order by r.id)
                     from disclosure_review r where r.item_id = i.id and r.round = i.review_round), '[]'::json) as round_reviews,
         (select v.action from disclosure_revision v
           where v.item_id = i.id and v.changed_by_id = ${userId}::int and v.action in ('create', 'update', 'submit')
             and v.version > coalesce((select max(p.version) from disclosure_revision p where p.item_id = i.id and p.action = 'publish'), 0)
           order by v.version limit 1) as caller_wrote
    from disclosure_item i join org_unit u on u.id = i.owner_unit_id where i.id = any(${[...itemIds]}::int[])`;
}
