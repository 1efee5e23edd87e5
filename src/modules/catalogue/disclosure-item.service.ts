import { executePrepared } from '../../db/prepared';
import { readModel, rowJsonSql } from '../../db/read-model';
import { escapeLike } from '../../common/sql';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { pathScopeSql } from '../../auth/scope';
import { ForbiddenError, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { checkPageArgs, Connection, toConnection } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { Context, ServiceContext } from '../../graphql/context';
import { AuditService } from '../audit';
import { levelOfKind, organisationLoaders, OrgUnit, PublishingLevel } from '../organisation';
import { catalogueLoaders } from './catalogue.loaders';
import { CatalogueCategory } from './catalogue-category.entity';
import {
  CADENCE_MONTHS, DisclosureItemSort, DisclosureMode, ItemStatus, ReviewDecision, ReviewKind, WithholdingRuling, WithholdingStatus,
} from './catalogue.enums';
import {
  CreateDisclosureItemInput, createItemSchema, DisclosureItemsArgs, ReviewDisclosureItemInput, reviewSchema, RuleOnWithholdingInput, ruleSchema,
  UpdateDisclosureItemInput, updateItemSchema,
} from './catalogue.inputs';
import { loadCalendarFrom } from './catalogue.service';
import { DisclosureItem } from './disclosure-item.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';
import { addMonths, addWorkingDays, todayInChina } from './working-days';

/** Working days within which an item must be published after its formed (or changed) date. */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/** Roles that may draft, edit and submit items of a unit. */
export const AUTHOR_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER];
/**
 * Roles that may read review records (comments included) of a unit's items: the reviewers, and
 * whoever drafts and fixes them (a returned item's author needs the comment, in `reviews` as in `myTasks`).
 */
export const REVIEW_READER_ROLES: readonly Role[] = [Role.LEGAL_REVIEWER, Role.SECRECY_REVIEWER, ...AUTHOR_ROLES];

/** Roles that may ask the superior unit to withhold a unit's items (with the publishers who may publish the item). */
export const WITHHOLDING_REQUESTER_ROLES: readonly Role[] = [...AUTHOR_ROLES, Role.OFFICE_ADMIN];

const REVIEWER_ROLE: Record<ReviewKind, Role> = { LEGAL: Role.LEGAL_REVIEWER, SECRECY: Role.SECRECY_REVIEWER };

/** Full snapshot of an item's state, kept in revisions and audit records. */
export function itemSnapshot(i: DisclosureItem): Record<string, unknown> {
  return {
    title: i.title, body: i.body, categoryId: i.category.id, ownerUnitId: i.ownerUnit.id, level: i.level, mode: i.mode, cadence: i.cadence ?? null,
    channels: [...i.channels], legalBasis: i.legalBasis ?? null, formedDate: i.formedDate, publishDeadline: i.publishDeadline,
    nextMaintenanceDate: i.nextMaintenanceDate ?? null, nextDueDate: i.nextDueDate ?? null, status: i.status, internalNotes: i.internalNotes ?? null,
    reviewRound: i.reviewRound, publishedVersion: i.publishedVersion ?? null, isPublic: i.isPublic, withholdingStatus: i.withholdingStatus ?? null,
  };
}

/** Parent path of a materialised path ('/1/4/5/' → '/1/4/'); null at the root. */
export function parentPathOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : null;
}

/** May the caller publish (and retire) an item of this level owned by the unit at `path`? */
export function canPublish(auth: ServiceContext['auth'], level: PublishingLevel, path: string): boolean {
  if (auth.hasRoleOver(Role.OFFICE_PUBLISHER, path)) return true;
  return level === PublishingLevel.DIVISION && auth.hasRoleOver(Role.DIVISION_PUBLISHER, path);
}


const listRowSql = new Map<boolean, string>();
/**
 * The columns anonymous readers can reach: every public field reads the published snapshot, and
 * every other field is redacted for them before it is resolved.
 */
const PUBLIC_COLUMNS = new Set([
  'id', 'category_id', 'owner_unit_id', 'level', 'is_public', 'published_at',
  'pub_title', 'pub_category_id', 'pub_legal_basis', 'pub_channels',
]);
/**
 * A page row as one jsonb value of every column but the bodies (a list rarely shows them and they
 * are most of a row's bytes; the `body` field loads them in one batch when asked for). One JSON
 * document per row parses far faster in Node than forty text columns through pg's type parsers.
 * Anonymous readers get only the public columns.
 */
function listRow(em: EntityManager, anonymous: boolean): string {
  let sql = listRowSql.get(anonymous);
  if (!sql) {
    sql = rowJsonSql(em, DisclosureItem, 'i', (c) => c !== 'body' && c !== 'pub_body' && (!anonymous || PUBLIC_COLUMNS.has(c)), { owner_path: 'u.path' });
    listRowSql.set(anonymous, sql);
  }
  return sql;
}

/** The disclosure items and their workflow (DRAFT → IN_REVIEW → APPROVED → PUBLISHED → RETIRED, RETURNED). */
export class DisclosureItemService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  // ---------------------------------------------------------------- reads

  /**
   * Items the caller may see (published ones, plus every item of units where it is staff),
   * filtered, sorted and paged in one SQL statement (the total comes from a window count).
   */
  async list(args: DisclosureItemsArgs): Promise<Connection<DisclosureItem>> {
    const { first } = checkPageArgs({ first: args.first }, 0);
    const offset = decodeOffsetCursor(args.after);
    const problems = new ProblemList();
    const auth = this.ctx.auth;
    const scope = pathScopeSql(auth, STAFF_ROLES, 'u.path');
    const inScope = auth.isAuthenticated ? scope.sql : 'false';
    const inScopeParams = auth.isAuthenticated ? scope.params : [];
    const where: string[] = [`(i.is_public or ${inScope})`];
    const params: unknown[] = [...inScopeParams];
    const addScoped = (sql: string, ...p: unknown[]) => {
      where.push(sql.replaceAll('$SCOPE', inScope));
      // $SCOPE occurrences come first in each fragment, then the fragment's own parameters.
      const n = (sql.match(/\$SCOPE/g) ?? []).length;
      for (let k = 0; k < n; k++) params.push(...inScopeParams);
      params.push(...p);
    };
    // The unit's subtree is resolved inside the page statement (no lookup round trip): the range
    // [path, path || '~') with text_pattern_ops operators is a `like 'path%'` the path index serves
    // even though the path is only known at run time. Existence is checked only when nothing matched.
    const unitId = args.unitId ? decodeIntId(args.unitId, 'OrgUnit', 'unitId') : null;
    if (unitId !== null) {
      if (args.includeSubunits === false) addScoped('u.id = ?', unitId);
      else addScoped(`u.path ~>=~ (select path from org_unit where id = ?) and u.path ~<~ (select path || '~' from org_unit where id = ?)`, unitId, unitId);
    }
    const unitMissing = async () => unitId !== null
      && !(await this.ctx.em.getConnection().execute<unknown[]>('select 1 from org_unit where id = ?', [unitId])).length;
    if (args.categoryId) {
      const categoryId = decodeIntId(args.categoryId, 'CatalogueCategory', 'categoryId');
      const cats = args.includeSubcategories === false
        ? '(select ?::int)'
        : `(with recursive t as (select id from catalogue_category where id = ? union all select c.id from catalogue_category c join t on c.parent_id = t.id) select id from t)`;
      addScoped(`(case when $SCOPE then i.category_id else i.pub_category_id end) in ${cats}`, categoryId);
    }
    if (args.level) addScoped('i.level = ?', args.level);
    if (args.channel) addScoped('? = any(case when $SCOPE then i.channels else i.pub_channels end)', args.channel);
    // Mode and status are staff fields: filtering on them narrows to items in the caller's scope.
    if (args.mode) addScoped('($SCOPE and i.mode = ?)', args.mode);
    if (args.status?.length) addScoped(`($SCOPE and i.status in (${args.status.map(() => '?').join(', ')}))`, ...args.status);
    if (args.publishedFrom && args.publishedTo && args.publishedFrom > args.publishedTo) problems.add('publishedTo', 'must not be before publishedFrom');
    if (args.publishedFrom) addScoped(`i.published_at >= (?::date)::timestamp at time zone 'Asia/Shanghai'`, args.publishedFrom);
    if (args.publishedTo) addScoped(`i.published_at < (?::date + 1)::timestamp at time zone 'Asia/Shanghai'`, args.publishedTo);
    const term = args.search?.trim();
    if (term) {
      if (term.length > 100) problems.add('search', 'must be at most 100 characters');
      const like = `%${escapeLike(term)}%`;
      // Two disjuncts, each served by its own trigram index.
      addScoped(
        `(($SCOPE and (i.title || ' ' || i.body) ilike ?) or (i.is_public and (coalesce(i.pub_title, '') || ' ' || coalesce(i.pub_body, '')) ilike ?))`,
        like, like,
      );
    }
    // Sorting by a field is reading it: the deadline is a staff field, so sorting by it keeps the
    // items whose deadline the caller may read, and anonymous callers are told so.
    if (args.sort === DisclosureItemSort.DEADLINE_ASC) {
      if (!auth.isAuthenticated) problems.add('sort', 'DEADLINE_ASC sorts by the publish deadline, which only staff may read: log in, or sort by publication date');
      else addScoped('$SCOPE');
    }
    if (problems.problems.length && (await unitMissing())) problems.add('unitId', 'is not an existing unit');
    problems.throwIfAny();
    const order = {
      [DisclosureItemSort.PUBLISHED_DESC]: 'i.published_at desc nulls last, i.id desc',
      [DisclosureItemSort.PUBLISHED_ASC]: 'i.published_at asc nulls last, i.id asc',
      [DisclosureItemSort.DEADLINE_ASC]: 'i.publish_deadline asc, i.id asc',
    }[args.sort ?? DisclosureItemSort.PUBLISHED_DESC];
    // One statement for the page, answering one row. First which rows, in which order, and how
    // many (narrow: ids and sort keys, an index-only scan for public pages); then the page's rows as
    // one JSON array, and the owner units, their parents and the categories those rows reach as two
    // more, each unit and category once. They prime the per-request loaders, so the usual selection
    // (category, ownerUnit { parent }) needs no further round trip. Three JSON documents parse far
    // faster in Node than fifty rows of separate columns, and carry each unit once.
    const anonymous = !auth.isAuthenticated;
    const [page] = await executePrepared<{ items: Record<string, unknown>[] | null; total_count: string | null; units: unknown[] | null; categories: unknown[] | null }>(this.ctx.em,
      `with page as (
         select i.id, count(*) over () as total_count
           from disclosure_item i join org_unit u on u.id = i.owner_unit_id
          where ${where.join(' and ')}
          order by ${order}
          limit ? offset ?),
       picked as (
         select ${listRow(this.ctx.em, anonymous)} as item, row_number() over (order by ${order}) as ord, page.total_count,
                i.owner_unit_id, u.parent_id, i.category_id, i.pub_category_id
           from page
           join disclosure_item i on i.id = page.id
           join org_unit u on u.id = i.owner_unit_id)
       select (select json_agg(item order by ord) from picked) as items,
              (select max(total_count) from picked) as total_count,
              -- = any(array(…)): looked up by primary key. With "in (select …)" the planner, which cannot
              -- know how many rows the page has, hash-joined the whole unit table (5 ms of 13 at 1M items).
              (select json_agg(u) from org_unit u where u.id = any(array(select owner_unit_id from picked union select parent_id from picked))) as units,
              (select json_agg(c) from catalogue_category c
                where c.id = any(array(select pub_category_id from picked${anonymous ? '' : ' union select category_id from picked'}))) as categories`,
      [...params, first + 1, offset],
    );
    const rows = page.items ?? [];
    if (!rows.length && (await unitMissing())) throw ValidationError.field('unitId', 'is not an existing unit');
    const total = rows.length ? Number(page.total_count) : offset > 0 ? await this.countOnly(where, params) : 0;
    // Called from a resolver the context is the request's; then its loaders get primed.
    const request = 'cache' in this.ctx ? (this.ctx as Context) : null;
    if (request) {
      organisationLoaders(request).primeRows(page.units ?? []);
      catalogueLoaders(request).primeRows(page.categories ?? []);
    }
    const items = rows.slice(0, first).map((row) => this.mapRow(row));
    return toConnection(items, total, rows.length > first, offset > 0, (item) => encodeOffsetCursor(offset + items.indexOf(item) + 1));
  }

  private async countOnly(where: string[], params: unknown[]): Promise<number> {
    const [row] = await this.ctx.em.getConnection().execute<{ n: number }[]>(
      `select count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id where ${where.join(' and ')}`, params,
    );
    return row.n;
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
    const auth = this.ctx.auth;
    const scope = pathScopeSql(auth, STAFF_ROLES, 'u.path');
    const [row] = await this.ctx.em.getConnection().execute<Record<string, unknown>[]>(
      `select i.*, u.path as owner_path from disclosure_item i join org_unit u on u.id = i.owner_unit_id
        where i.id = ? and (i.is_public or ${auth.isAuthenticated ? scope.sql : 'false'})`,
      [id, ...(auth.isAuthenticated ? scope.params : [])],
    );
    return row ? this.mapRow(row) : null;
  }

  /** One item by global id, or NOT_FOUND (also outside the caller's scope). */
  async get(globalId: string, field = 'id'): Promise<DisclosureItem> {
    const item = await this.findVisible(decodeIntId(globalId, 'DisclosureItem', field));
    if (!item) throw new NotFoundError('Disclosure item');
    return item;
  }

  // ---------------------------------------------------------------- writes

  /** Drafts a new item for a unit where the caller is LIAISON or publisher. */
  async create(raw: CreateDisclosureItemInput): Promise<DisclosureItem> {
    const input = parseInput(createItemSchema, raw);
    const em = this.ctx.em;
    const problems = new ProblemList();
    const unit = await em.findOne(OrgUnit, { id: decodeIntId(input.ownerUnitId, 'OrgUnit', 'input.ownerUnitId') });
    if (!unit) throw ValidationError.field('input.ownerUnitId', 'is not an existing unit');
    if (!this.ctx.auth.hasRoleOver(AUTHOR_ROLES, unit.path)) throw new ForbiddenError(`Only a LIAISON or publisher of ${unit.name} may draft its items`);
    problems.check(unit.active, 'input.ownerUnitId', 'is deactivated');
    const level = levelOfKind(unit.kind);
    const category = await this.checkCategory(em, input.categoryId, 'input.categoryId', unit, level, problems);
    const mode = input.mode ?? category?.defaultMode ?? DisclosureMode.AD_HOC;
    this.checkModeAndDates(mode, input.cadence ?? null, input.formedDate, problems, 'input');
    problems.throwIfAny();
    return inTransaction(em, async (tem) => {
      const item = tem.create(DisclosureItem, {
        category: category!.id, ownerUnit: unit.id, level, mode, cadence: input.cadence ?? null, channels: input.channels,
        title: input.title, body: input.body, legalBasis: input.legalBasis ?? null, formedDate: input.formedDate,
        publishDeadline: input.formedDate, internalNotes: input.internalNotes ?? null, createdBy: this.ctx.auth.userId,
      });
      item.ownerPath = unit.path;
      await this.computeDates(tem, item, category!);
      await tem.flush();
      this.record(tem, item, 'create', null);
      return item;
    });
  }

  /**
   * Saves changes to a working copy (DRAFT, RETURNED, APPROVED or PUBLISHED). Editing an approved
   * or published item starts a new draft; a published snapshot stays live until the next publication.
   */
  async update(raw: UpdateDisclosureItemInput): Promise<DisclosureItem> {
    const input = parseInput(updateItemSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, input.id, 'input.id');
      this.assertAuthor(unit);
      const problems = new ProblemList();
      if (item.status === ItemStatus.IN_REVIEW) problems.add('input.id', 'is in review: wait for the reviewers or have it returned');
      if (item.status === ItemStatus.RETIRED) problems.add('input.id', 'is retired and can no longer be edited');
      problems.throwIfAny();
      assertVersion(item.version, input.expectedVersion, 'The item');
      const before = itemSnapshot(item);
      const category = input.categoryId
        ? await this.checkCategory(em, input.categoryId, 'input.categoryId', unit, item.level, problems)
        : await em.findOneOrFail(CatalogueCategory, { id: item.category.id });
      const withholdingActive = item.withholdingStatus === WithholdingStatus.PENDING || item.withholdingStatus === WithholdingStatus.WITHHOLD;
      if (input.mode && withholdingActive) problems.add('input.mode', 'cannot change while a withholding request is pending or upheld');
      const newMode = input.mode ?? item.mode;
      // A withheld item keeps the mode it had before, to return to it if the superior rules to disclose.
      const effectiveMode = newMode === DisclosureMode.WITHHELD && !input.mode ? (item.modeBeforeWithholding ?? DisclosureMode.AD_HOC) : newMode;
      const cadence = input.cadence ?? (effectiveMode === DisclosureMode.PERIODIC ? (item.cadence ?? null) : null);
      this.checkModeAndDates(effectiveMode, cadence, input.formedDate ?? item.formedDate, problems, 'input');
      problems.throwIfAny();
      if (input.title != null) item.title = input.title;
      if (input.body != null) item.body = input.body;
      if (category) item.category = em.getReference(CatalogueCategory, category.id) as never;
      item.mode = newMode;
      item.cadence = cadence;
      if (input.channels) item.channels = input.channels;
      if (input.legalBasis !== undefined && input.legalBasis !== null) item.legalBasis = input.legalBasis || null;
      if (input.formedDate) item.formedDate = input.formedDate;
      // A change to live content is due 20 working days after the change, not after the original formation.
      else if (item.status === ItemStatus.PUBLISHED) item.formedDate = todayInChina();
      if (input.internalNotes !== undefined && input.internalNotes !== null) item.internalNotes = input.internalNotes || null;
      // Any saved change needs a fresh review: the text reviewers passed is no longer the text.
      if (item.status === ItemStatus.APPROVED || item.status === ItemStatus.PUBLISHED) item.status = ItemStatus.DRAFT;
      await this.computeDates(em, item, category!);
      await em.flush();
      this.record(em, item, 'update', before);
      return item;
    });
  }

  /** DRAFT or RETURNED → IN_REVIEW, by a LIAISON or publisher of the owner unit. */
  async submit(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, globalId);
      this.assertAuthor(unit);
      this.assertStatus(item, [ItemStatus.DRAFT, ItemStatus.RETURNED], 'submitted for review');
      this.assertNotWithheld(item);
      assertVersion(item.version, expectedVersion, 'The item');
      const before = itemSnapshot(item);
      item.status = ItemStatus.IN_REVIEW;
      item.reviewRound += 1;
      await em.flush();
      this.record(em, item, 'submit', before);
      return item;
    });
  }

  /**
   * Records a legal or secrecy review decision on an item in review. A RETURN sends it back to the
   * author; when both reviews of the round have passed it is APPROVED.
   */
  async review(raw: ReviewDisclosureItemInput): Promise<DisclosureItem> {
    const input = parseInput(reviewSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, input.itemId, 'input.itemId');
      const kinds = (Object.keys(REVIEWER_ROLE) as ReviewKind[]).filter((k) => this.ctx.auth.hasRoleOver(REVIEWER_ROLE[k], unit.path));
      if (!kinds.length) throw new ForbiddenError(`Only a LEGAL_REVIEWER or SECRECY_REVIEWER over ${unit.name} may review its items`);
      if (input.kind && !kinds.includes(input.kind)) throw new ForbiddenError(`You may not record the ${input.kind} review of items of ${unit.name}`);
      if (!input.kind && kinds.length > 1) throw ValidationError.field('input.kind', 'you hold both reviewer roles: name the review you record');
      const kind = input.kind ?? kinds[0];
      this.assertStatus(item, [ItemStatus.IN_REVIEW], 'reviewed', 'input.itemId');
      const reviews = await em.find(DisclosureReview, { item: item.id, round: item.reviewRound });
      if (reviews.some((r) => r.kind === kind)) throw ValidationError.field('input.kind', `the ${kind} review of this round is already recorded`);
      await this.assertIndependentReviewer(em, item, reviews);
      const before = itemSnapshot(item);
      const review = em.create(DisclosureReview, {
        item: item.id, round: item.reviewRound, kind, decision: input.decision, comment: input.comment,
        reviewer: this.ctx.auth.userId!, reviewerUsername: this.ctx.auth.username!,
      });
      if (input.decision === ReviewDecision.RETURN) item.status = ItemStatus.RETURNED;
      else if (reviews.some((r) => r.kind !== kind && r.decision === ReviewDecision.PASS)) item.status = ItemStatus.APPROVED;
      // The review is a change of the item too: bump its version so stale editors notice.
      item.updatedAt = new Date();
      await em.flush();
      this.record(em, item, `review.${kind}.${review.decision}`, before);
      return item;
    });
  }

  /** APPROVED → PUBLISHED by the right publisher: the working copy becomes the live snapshot. */
  async publish(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, globalId);
      this.assertPublisher(item, unit, 'publish');
      this.assertStatus(item, [ItemStatus.APPROVED], 'published');
      this.assertNotWithheld(item);
      const reviews = await em.find(DisclosureReview, { item: item.id, round: item.reviewRound });
      const passed = (k: ReviewKind) => reviews.some((r) => r.kind === k && r.decision === ReviewDecision.PASS);
      if (!passed(ReviewKind.LEGAL) || !passed(ReviewKind.SECRECY)) {
        throw ValidationError.field('id', 'needs a passed legal review (法规处审核) and a passed secrecy review (保密审查) first');
      }
      // Four eyes: whoever reviewed this round does not also publish it (and one person's two
      // passes, should an older row hold them, never count as two reviews).
      const me = this.ctx.auth.userId;
      if (reviews.some((r) => r.reviewer.id === me)) {
        throw new ForbiddenError('You reviewed this round of the item: a reviewer may not also publish it (four eyes); another publisher must');
      }
      if (new Set(reviews.filter((r) => r.decision === ReviewDecision.PASS).map((r) => r.reviewer.id)).size < 2) {
        throw new ForbiddenError('Both reviews of this round were passed by the same person: it needs a second reviewer (four eyes) before it is published');
      }
      assertVersion(item.version, expectedVersion, 'The item');
      const category = await em.findOneOrFail(CatalogueCategory, { id: item.category.id });
      const before = itemSnapshot(item);
      item.status = ItemStatus.PUBLISHED;
      item.isPublic = true;
      item.publishedAt = new Date();
      item.pubTitle = item.title;
      item.pubBody = item.body;
      item.pubCategory = em.getReference(CatalogueCategory, item.category.id) as never;
      item.pubLegalBasis = item.legalBasis ?? null;
      item.pubChannels = [...item.channels];
      await this.computeDates(em, item, category);
      await em.flush();
      item.publishedVersion = item.version + 1;
      await em.flush();
      this.record(em, item, 'publish', before);
      return item;
    });
  }

  /** Takes a live item off the public catalogue (RETIRED), by a publisher who could publish it. */
  async retire(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, globalId);
      this.assertPublisher(item, unit, 'retire');
      if (item.status === ItemStatus.RETIRED) throw ValidationError.field('id', 'is already retired');
      if (item.publishedVersion == null) throw ValidationError.field('id', `is ${item.status} and was never published: nothing to retire`);
      assertVersion(item.version, expectedVersion, 'The item');
      const before = itemSnapshot(item);
      item.status = ItemStatus.RETIRED;
      item.isPublic = false;
      await em.flush();
      this.record(em, item, 'retire', before);
      return item;
    });
  }

  /**
   * Files an item as not fit for disclosure now (暂不宜公开) with the superior unit: for whoever may
   * draft or publish it (its LIAISON, its publishers) and its OFFICE_ADMINs, not every staff role.
   * A live item stays public while the request is pending; it only stops the next publication.
   */
  async requestWithholding(globalId: string, reason: string): Promise<DisclosureItem> {
    const trimmed = reason?.trim() ?? '';
    if (!trimmed) throw ValidationError.field('reason', 'must not be empty');
    if (trimmed.length > 4000) throw ValidationError.field('reason', 'must be at most 4000 characters');
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, globalId, 'itemId');
      if (!this.ctx.auth.hasRoleOver(WITHHOLDING_REQUESTER_ROLES, unit.path) && !canPublish(this.ctx.auth, item.level, unit.path)) {
        throw new ForbiddenError(`Only a LIAISON, publisher or OFFICE_ADMIN of ${unit.name} may ask to withhold its items`);
      }
      if (item.status === ItemStatus.RETIRED) throw ValidationError.field('itemId', 'is retired');
      if (item.withholdingStatus === WithholdingStatus.PENDING) throw ValidationError.field('itemId', 'already has a pending withholding request');
      if (item.withholdingStatus === WithholdingStatus.WITHHOLD) throw ValidationError.field('itemId', 'is already withheld by ruling');
      const before = itemSnapshot(item);
      item.modeBeforeWithholding = item.mode;
      item.mode = DisclosureMode.WITHHELD;
      item.withholdingStatus = WithholdingStatus.PENDING;
      item.withholdingReason = trimmed;
      item.withholdingRequestedAt = new Date();
      item.withholdingRequestedBy = this.ctx.auth.userId as never;
      item.withholdingRulingReason = null;
      item.withholdingRuledAt = null;
      item.withholdingRuledBy = null;
      // Pending: a live item stays public (the superior has not ruled yet); publication is blocked.
      await em.flush();
      this.record(em, item, 'requestWithholding', before);
      return item;
    });
  }

  /** The superior unit's OFFICE_ADMIN rules on a pending withholding request. */
  async ruleOnWithholding(raw: RuleOnWithholdingInput): Promise<DisclosureItem> {
    const input = parseInput(ruleSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { item, unit } = await this.loadForWrite(em, input.itemId, 'input.itemId');
      const parentPath = parentPathOf(unit.path);
      const mayRule = parentPath ? this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, parentPath) : this.ctx.auth.isCentralAdmin;
      if (!mayRule) throw new ForbiddenError(`Only an OFFICE_ADMIN of the unit above ${unit.name} may rule on its withholding requests`);
      if (item.withholdingStatus !== WithholdingStatus.PENDING) throw ValidationError.field('input.itemId', 'has no pending withholding request');
      const before = itemSnapshot(item);
      item.withholdingStatus = input.ruling === WithholdingRuling.DISCLOSE ? WithholdingStatus.DISCLOSE : WithholdingStatus.WITHHOLD;
      item.withholdingRulingReason = input.reasons;
      item.withholdingRuledAt = new Date();
      item.withholdingRuledBy = this.ctx.auth.userId as never;
      if (input.ruling === WithholdingRuling.DISCLOSE) {
        item.mode = item.modeBeforeWithholding && item.modeBeforeWithholding !== DisclosureMode.WITHHELD ? item.modeBeforeWithholding : DisclosureMode.AD_HOC;
        item.isPublic = item.publishedVersion != null && item.status !== ItemStatus.RETIRED;
      } else {
        // Upheld: only now does a live item leave the public catalogue.
        item.isPublic = false;
      }
      await em.flush();
      this.record(em, item, `ruleOnWithholding.${input.ruling}`, before);
      return item;
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Loads and locks an item for a change; NOT_FOUND outside the caller's scope (FORBIDDEN if it is public). */
  private async loadForWrite(em: EntityManager, globalId: string, field = 'id'): Promise<{ item: DisclosureItem; unit: OrgUnit }> {
    const id = decodeIntId(globalId, 'DisclosureItem', field);
    const item = await em.findOne(DisclosureItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!item) throw new NotFoundError('Disclosure item');
    const unit = await em.findOneOrFail(OrgUnit, { id: item.ownerUnit.id });
    item.ownerPath = unit.path;
    if (!this.ctx.auth.isStaffOf(unit.path)) {
      if (item.isPublic) throw new ForbiddenError(`Items of ${unit.name} can only be changed by its staff`);
      throw new NotFoundError('Disclosure item');
    }
    return { item, unit };
  }

  /**
   * Four eyes on a review: neither whoever wrote or submitted the text under review (the item's
   * creator, and every create, update or submit since its last publication) nor whoever recorded
   * the other review of this round may record this one.
   */
  private async assertIndependentReviewer(em: EntityManager, item: DisclosureItem, roundReviews: DisclosureReview[]): Promise<void> {
    const me = this.ctx.auth.userId;
    if (roundReviews.some((r) => r.reviewer.id === me)) {
      throw new ForbiddenError('You recorded the other review of this round: the legal and the secrecy review must be passed by two different people (four eyes)');
    }
    if (item.createdBy?.id === me) throw new ForbiddenError('You created this item: its author may not review it (four eyes)');
    const revisions = await em.find(DisclosureRevision, { item: item.id, action: { $in: ['create', 'update', 'submit', 'publish'] } }, { orderBy: { version: 'asc' } });
    const lastPublished = revisions.filter((r) => r.action === 'publish').at(-1)?.version ?? 0;
    const wrote = revisions.find((r) => r.version > lastPublished && r.action !== 'publish' && r.changedById === me);
    if (wrote) {
      throw new ForbiddenError(wrote.action === 'submit'
        ? 'You submitted this item for review: its submitter may not review it (four eyes)'
        : 'You wrote part of the text under review: its author may not review it (four eyes)');
    }
  }

  private assertAuthor(unit: OrgUnit): void {
    if (!this.ctx.auth.hasRoleOver(AUTHOR_ROLES, unit.path)) throw new ForbiddenError(`Only a LIAISON or publisher of ${unit.name} may edit or submit its items`);
  }

  private assertPublisher(item: DisclosureItem, unit: OrgUnit, action: string): void {
    if (canPublish(this.ctx.auth, item.level, unit.path)) return;
    throw new ForbiddenError(
      item.level === PublishingLevel.OFFICE
        ? `Only an OFFICE_PUBLISHER over ${unit.name} may ${action} its office-level (关级) items`
        : `Only an OFFICE_PUBLISHER over ${unit.name}, or its DIVISION_PUBLISHER, may ${action} its division-level (处级) items`,
    );
  }

  private assertStatus(item: DisclosureItem, allowed: ItemStatus[], what: string, field = 'id'): void {
    if (!allowed.includes(item.status)) {
      throw ValidationError.field(field, `is ${item.status}: only ${allowed.join(' or ')} items can be ${what}`);
    }
  }

  private assertNotWithheld(item: DisclosureItem): void {
    if (item.withholdingStatus === WithholdingStatus.PENDING) throw ValidationError.field('id', 'has a pending withholding request (暂不宜公开): the superior unit must rule first');
    if (item.withholdingStatus === WithholdingStatus.WITHHOLD) throw ValidationError.field('id', 'was ruled to be withheld');
  }

  /** Checks that a category exists, is usable by the unit (standard, or local to its district) and allows its level. */
  private async checkCategory(
    em: EntityManager, globalId: string, field: string, unit: OrgUnit, level: PublishingLevel, problems: ProblemList,
  ): Promise<CatalogueCategory | null> {
    const category = await em.findOne(CatalogueCategory, { id: decodeIntId(globalId, 'CatalogueCategory', field) });
    if (!category) {
      problems.add(field, 'is not an existing category');
      return null;
    }
    if (category.ownerUnit) {
      const owner = await em.findOneOrFail(OrgUnit, { id: category.ownerUnit.id });
      if (!unit.path.startsWith(owner.path)) problems.add(field, `is a local category of ${owner.name}`);
    }
    if (!category.allowedLevels.includes(level)) {
      problems.add(field, `does not take ${level === PublishingLevel.OFFICE ? 'office-level (关级)' : 'division-level (处级)'} items`);
    }
    return category;
  }

  private checkModeAndDates(mode: DisclosureMode, cadence: string | null, formedDate: string, problems: ProblemList, prefix: string): void {
    if (mode === DisclosureMode.WITHHELD) problems.add(`${prefix}.mode`, 'use requestWithholding to file an item as not fit for disclosure');
    if (mode === DisclosureMode.PERIODIC && !cadence) problems.add(`${prefix}.cadence`, 'is required for PERIODIC items');
    if (mode !== DisclosureMode.PERIODIC && cadence) problems.add(`${prefix}.cadence`, 'only PERIODIC items have a cadence');
    if (formedDate > todayInChina()) problems.add(`${prefix}.formedDate`, 'must not be in the future');
  }

  /** Publish deadline (20 working days after the formed date), next maintenance and next due dates. */
  private async computeDates(em: EntityManager, item: DisclosureItem, category: CatalogueCategory): Promise<void> {
    const calendar = await loadCalendarFrom(em, item.formedDate, PUBLISH_WITHIN_WORKING_DAYS);
    item.publishDeadline = addWorkingDays(item.formedDate, PUBLISH_WITHIN_WORKING_DAYS, calendar);
    const base = item.publishedAt ? todayInChina(item.publishedAt) : item.formedDate;
    const mode = item.mode === DisclosureMode.WITHHELD ? item.modeBeforeWithholding : item.mode;
    item.nextMaintenanceDate = mode === DisclosureMode.STANDING ? addMonths(base, category.reviewCycleMonths) : null;
    item.nextDueDate = mode === DisclosureMode.PERIODIC && item.cadence ? addMonths(base, CADENCE_MONTHS[item.cadence]) : null;
  }

  /** Keeps a revision (snapshot, who, when) and writes the audit record, in the mutation's transaction. */
  private record(em: EntityManager, item: DisclosureItem, action: string, before: Record<string, unknown> | null): void {
    const after = itemSnapshot(item);
    em.persist(em.create(DisclosureRevision, {
      item: item.id, version: item.version, action, snapshot: after,
      changedById: this.ctx.auth.userId, changedByUsername: this.ctx.auth.username,
    }));
    this.audit.record(em, {
      action: `catalogue.${action.split('.')[0]}DisclosureItem`, targetType: 'DisclosureItem', targetId: toGlobalId('DisclosureItem', item.id),
      scopePath: item.ownerPath!, before, after,
    });
  }
}

/** Offset cursors: `o:<n>`, base64url. */
function encodeOffsetCursor(n: number): string {
  return Buffer.from(`o:${n}`).toString('base64url');
}

function decodeOffsetCursor(cursor?: string | null): number {
  if (cursor == null) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw ValidationError.field('after', 'is not a valid cursor');
  return Number(m[1]);
}
