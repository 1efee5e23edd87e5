import { readModel } from '../../db/read-model';
import { runSql, runSqlOne, sql, type Sql } from '../../db/sql';
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
import type { Context, ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { levelOfKind, organisationLoaders, OrgUnit, parentPathOf, PublishingLevel } from '../organisation';
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
import { itemCountSql, itemListWhere, itemPageSql, ItemPageRow, unitExistsSql, visibleItemSql } from './disclosure-item.queries';
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

/** May the caller publish (and retire) an item of this level owned by the unit at `path`? */
export function canPublish(auth: ServiceContext['auth'], level: PublishingLevel, path: string): boolean {
  if (auth.hasRoleOver(Role.OFFICE_PUBLISHER, path)) return true;
  return level === PublishingLevel.DIVISION && auth.hasRoleOver(Role.DIVISION_PUBLISHER, path);
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
    const em = this.ctx.em;
    const unitId = args.unitId ? decodeIntId(args.unitId, 'OrgUnit', 'unitId') : null;
    // Existence is checked only when nothing matched.
    const unitMissing = async () => unitId !== null && !(await runSql(em, unitExistsSql(unitId))).length;
    const categoryId = args.categoryId ? decodeIntId(args.categoryId, 'CatalogueCategory', 'categoryId') : null;
    if (args.publishedFrom && args.publishedTo && args.publishedFrom > args.publishedTo) problems.add('publishedTo', 'must not be before publishedFrom');
    const term = args.search?.trim();
    if (term && term.length > 100) problems.add('search', 'must be at most 100 characters');
    // Sorting by a field is reading it: the deadline is a staff field, so sorting by it keeps the
    // items whose deadline the caller may read, and anonymous callers are told so.
    const deadlineSort = args.sort === DisclosureItemSort.DEADLINE_ASC;
    if (deadlineSort && !auth.isAuthenticated) problems.add('sort', 'DEADLINE_ASC sorts by the publish deadline, which only staff may read: log in, or sort by publication date');
    if (problems.problems.length && (await unitMissing())) problems.add('unitId', 'is not an existing unit');
    problems.throwIfAny();
    const where = itemListWhere({
      inScope: this.staffScope(), unitId, includeSubunits: args.includeSubunits, categoryId, includeSubcategories: args.includeSubcategories,
      level: args.level, channel: args.channel, mode: args.mode, statuses: args.status, publishedFrom: args.publishedFrom,
      publishedTo: args.publishedTo, searchPattern: term ? `%${escapeLike(term)}%` : null, staffOnly: deadlineSort,
    });
    const anonymous = !auth.isAuthenticated;
    const sort = args.sort ?? DisclosureItemSort.PUBLISHED_DESC;
    const [page] = await runSql<ItemPageRow>(em, itemPageSql(em, where, sort, anonymous, first + 1, offset), { prepare: true });
    const rows = page.items ?? [];
    if (!rows.length && (await unitMissing())) throw ValidationError.field('unitId', 'is not an existing unit');
    const total = rows.length ? Number(page.total_count) : offset > 0 ? (await runSql<{ n: number }>(em, itemCountSql(where)))[0].n : 0;
    // Called from a resolver the context is the request's; then its loaders get primed.
    const request = 'cache' in this.ctx ? (this.ctx as Context) : null;
    if (request) {
      organisationLoaders(request).primeRows(page.units ?? []);
      catalogueLoaders(request).primeRows(page.categories ?? []);
    }
    const items = rows.slice(0, first).map((row) => this.mapRow(row));
    return toConnection(items, total, rows.length > first, offset > 0, (item) => encodeOffsetCursor(offset + items.indexOf(item) + 1));
  }

  /** The caller's staff scope over the owner unit's path `u.path` (`false` for anonymous callers). */
  private staffScope(): Sql {
    return this.ctx.auth.isAuthenticated ? pathScopeSql(this.ctx.auth, STAFF_ROLES, sql`u.path`) : sql`false`;
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
