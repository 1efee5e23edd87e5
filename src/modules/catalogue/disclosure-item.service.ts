import { todayInChina } from '../../common/dates';
import { readModel } from '../../db/read-model';
import { runSql, runSqlOne, sql, type Sql } from '../../db/sql';
import { escapeLike } from '../../common/sql';
import { NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { checkPageArgs, Connection, decodeOffsetCursor, encodeOffsetCursor, toConnection } from '../../common/relay';
import type { ServiceContext } from '../../common/context';
import { DisclosureItemSort } from './catalogue.enums';
import { DisclosureItemsArgs } from './catalogue.inputs';
import { itemStaffScopeSql } from './catalogue.policy';
import { DisclosureItem } from './disclosure-item.entity';
import { ItemListFilter, itemCountSql, itemListWhere, itemPageSql, ItemPageRow, ItemPageSpec, unitExistsSql, visibleItemSql } from './disclosure-item.queries';
import { itemCounterTotal } from './item-counters';
import { decodeItemCursor, encodeItemCursor } from './item-cursor';
import { itemKeysetAfterSql, itemKeysetOrderSql, itemKeysetTextSql } from './item-keyset.queries';
import { itemSearchCountSql, itemSearchMatchSql, itemSearchOrderSql, itemSearchRecentPageSql } from './item-search.queries';
import { parseSearchTerm } from './search/segmenter';

/**
 * A public search counts its matches up to this many (`totalCountIsCapped` says when there are
 * more) and, above it, ranks the newest SEARCH_RANKED matches by relevance, older ones following
 * by date: the work no longer grows with the number of matches (bench/README.md, operation S).
 */
export const SEARCH_COUNT_CAP = 1000;
export const SEARCH_RANKED = 100;

/** A page of the item list, and the raw rows of the owner units (with their parents) and categories it reaches. */
export interface ItemPage {
  connection: Connection<DisclosureItem> & { totalCountIsCapped: boolean };
  units: unknown[];
  categories: unknown[];
}

/**
 * Reading disclosure items: the filtered list and single items, as far as the caller may see them
 * (published ones, plus every item of units where it is staff). Changes are
 * disclosure-workflow.service.ts and withholding.service.ts.
 */
export class DisclosureItemService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Items the caller may see (published ones, plus every item of units where it is staff),
   * filtered, sorted and paged in one SQL statement, with the rows of the units and categories the
   * page reaches (the resolver primes its loaders with them). Sorted by a field, a page is the rows
   * after the cursor's (key, id) (keyset); a search's relevance order pages by offset. The total,
   * when `withTotal`, comes in the same statement: from the maintained counters when the filter
   * allows (units, category, level, status), else by counting the matches.
   */
  async list(args: DisclosureItemsArgs, withTotal = true): Promise<ItemPage> {
    const { first } = checkPageArgs({ first: args.first }, 0);
    const problems = new ProblemList();
    const auth = this.ctx.auth;
    const em = this.ctx.em;
    const unitId = args.unitId ? decodeIntId(args.unitId, 'OrgUnit', 'unitId') : null;
    // Existence is checked only when nothing matched.
    const unitMissing = async () => unitId !== null && !(await runSql(em, unitExistsSql(unitId))).length;
    const categoryId = args.categoryId ? decodeIntId(args.categoryId, 'CatalogueCategory', 'categoryId') : null;
    if (args.publishedFrom && args.publishedTo && args.publishedFrom > args.publishedTo) problems.add('publishedTo', 'must not be before publishedFrom');
    const term = args.search?.trim();
    if (term && term.length > 100) problems.add('search', 'must be at most 100 characters');
    const search = term ? parseSearchTerm(term) : null;
    if (args.sort === DisclosureItemSort.RELEVANCE && !search) problems.add('sort', 'RELEVANCE orders the results of a search: give a search term');
    // Sorting by a field is reading it: the deadline is a staff field, so sorting by it keeps the
    // items whose deadline the caller may read, and anonymous callers are told so.
    const deadlineSort = args.sort === DisclosureItemSort.DEADLINE_ASC;
    if (deadlineSort && !auth.isAuthenticated)
      problems.add('sort', 'DEADLINE_ASC sorts by the publish deadline, which only staff may read: log in, or sort by publication date');
    if (problems.problems.length && (await unitMissing())) problems.add('unitId', 'is not an existing unit');
    problems.throwIfAny();
    const sort = args.sort ?? (search ? DisclosureItemSort.RELEVANCE : DisclosureItemSort.PUBLISHED_DESC);
    const keyset = sort === DisclosureItemSort.RELEVANCE ? null : sort;
    const offset = keyset ? 0 : decodeOffsetCursor(args.after);
    const cursor = keyset && args.after != null ? decodeItemCursor(keyset, args.after) : null;
    // `viaIndex` false: the search's words as a row filter for a date-ordered scan (item-search.queries.ts).
    const filterOf = (viaIndex: boolean): ItemListFilter => ({
      inScope: this.staffScope(),
      unitId,
      includeSubunits: args.includeSubunits,
      categoryId,
      includeSubcategories: args.includeSubcategories,
      level: args.level,
      channel: args.channel,
      mode: args.mode,
      statuses: args.status,
      publishedFrom: args.publishedFrom,
      publishedTo: args.publishedTo,
      searchMatch: search ? itemSearchMatchSql(this.staffScope(), search.tsquery, search.substring ? `%${escapeLike(term!)}%` : null, viaIndex) : null,
      staffOnly: deadlineSort,
      overdue: args.overdue,
      maintenanceDue: args.maintenanceDue,
      withholdingPending: args.withholdingPending,
      asOf: todayInChina(),
    });
    const filter = filterOf(true);
    const where = itemListWhere(filter);
    const anonymous = !auth.isAuthenticated;
    // A public search counts its matches up to the cap first; over the cap it ranks the newest
    // matches only (RELEVANCE) or walks the date order with the words as a row filter (PUBLISHED_DESC).
    let counted: number | null = null;
    let capped = false;
    let pageRows: Sql | undefined;
    let pageWhere = where;
    if (search?.tsquery && anonymous && (sort === DisclosureItemSort.RELEVANCE || sort === DisclosureItemSort.PUBLISHED_DESC)) {
      counted = (await runSql<{ n: number }>(em, itemSearchCountSql(where, search.tsquery, SEARCH_COUNT_CAP), { prepare: true }))[0].n;
      capped = counted > SEARCH_COUNT_CAP;
      if (capped) {
        pageWhere = itemListWhere(filterOf(false));
        if (!keyset) pageRows = itemSearchRecentPageSql(pageWhere, search.tsquery, SEARCH_RANKED, first + 1, offset);
      }
    }
    const needTotal = withTotal && counted === null;
    const spec: ItemPageSpec = keyset
      ? {
          where: pageWhere,
          order: itemKeysetOrderSql(keyset),
          limit: first + 1,
          after: cursor ? itemKeysetAfterSql(keyset, cursor.key, cursor.id) : null,
          keyText: itemKeysetTextSql(keyset),
          total: needTotal ? (itemCounterTotal(filter, auth) ?? itemCountSql(where)) : null,
        }
      : {
          where,
          order: itemSearchOrderSql(this.staffScope(), search!.tsquery),
          limit: first + 1,
          offset,
          pageRows,
          total: needTotal ? 'window' : null,
        };
    const [page] = await runSql<ItemPageRow>(em, itemPageSql(em, anonymous, spec), { prepare: true });
    const rows = page.items ?? [];
    if (!rows.length && (await unitMissing())) throw ValidationError.field('unitId', 'is not an existing unit');
    let total = counted !== null ? Math.min(counted, SEARCH_COUNT_CAP) : Number(page.total_count ?? 0);
    // A relevance page past the end has no row to carry the window count.
    if (needTotal && !keyset && !rows.length && offset > 0) total = (await runSql<{ n: number }>(em, itemCountSql(where)))[0].n;
    const items = rows.slice(0, first).map((row) => this.mapRow(row));
    if (search) {
      const terms = search.substring ? [...search.terms, term!] : search.terms;
      for (const item of items) item.searchTerms = terms;
    }
    const keys = page.keys ?? [];
    const cursorOf = keyset
      ? (item: DisclosureItem, i: number) => encodeItemCursor(keyset, { key: keys[i][0], id: item.id })
      : (_item: DisclosureItem, i: number) => encodeOffsetCursor(offset + i + 1);
    // Assigned, not spread: spreading would read the connection's lazy edges.
    const connection: ItemPage['connection'] = Object.assign(toConnection(items, total, rows.length > first, keyset ? cursor !== null : offset > 0, cursorOf), {
      totalCountIsCapped: capped,
    });
    return {
      connection,
      units: page.units ?? [],
      categories: page.categories ?? [],
    };
  }

  /** The caller's staff scope over the owner unit's path `u.path` (`false` for anonymous callers). */
  private staffScope(): Sql {
    return itemStaffScopeSql(this.ctx.auth, sql`u.path`);
  }

  private mapRow(row: Record<string, unknown>): DisclosureItem {
    // A read model, not a managed entity: mapping 50 rows with em.map cost more than the query.
    // It takes the entity's columns only (owner_path is the owner unit's, read with the row).
    const item = readModel(this.ctx.em, DisclosureItem, row);
    item.ownerPath = row.owner_path as string;
    return item;
  }

  /** One item if the caller may see it (published, or staff in scope); otherwise null. */
  async findVisible(id: number): Promise<DisclosureItem | null> {
    const row = await runSqlOne(this.ctx.em, visibleItemSql(id, this.staffScope()));
    return row ? this.mapRow(row) : null;
  }

  /** One item by global id, or NOT_FOUND (also outside the caller's scope). */
  async get(globalId: string, field = 'id'): Promise<DisclosureItem> {
    const item = await this.findVisible(decodeIntId(globalId, 'DisclosureItem', field));
    if (!item) throw new NotFoundError('Disclosure item');
    return item;
  }
}
