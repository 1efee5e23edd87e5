import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, msg, ProblemList, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { decodeIntId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { levelOfKind, OrgUnit, PublishingLevel } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { CADENCE_MONTHS, DisclosureMode, ItemStatus, ReviewDecision, ReviewKind, WithholdingStatus } from './catalogue.enums';
import {
  CreateDisclosureItemInput,
  createItemSchema,
  ReviewDisclosureItemInput,
  reviewSchema,
  UpdateDisclosureItemInput,
  updateItemSchema,
} from './catalogue.inputs';
import { canAuthor, reviewKindsOf } from './catalogue.policy';
import { readOneItemActionFacts } from './item-actions';
import { canPublishItem, canRetireItem, canReviewItem, canSubmitItem, canUpdateItem } from './item-actions.policy';
import { loadCalendarFrom } from './calendar/holiday-calendar.service';
import { addMonths, addWorkingDays, todayInChina } from './calendar/working-days';
import { DisclosureItem } from './disclosure-item.entity';
import { itemSnapshot, ItemWrites } from './disclosure-item.writes';
import { DisclosureReview } from './disclosure-review.entity';

/** Working days within which an item must be published after its formed (or changed) date. */
export const PUBLISH_WITHIN_WORKING_DAYS = 20;

/**
 * The catalogue workflow of an item: drafted, edited, submitted, reviewed, published and retired
 * (DRAFT → IN_REVIEW → APPROVED → PUBLISHED → RETIRED; RETURNED to its authors by a review).
 * Withholding is withholding.service.ts; reading and listing disclosure-item.service.ts.
 */
export class DisclosureWorkflowService {
  private readonly writes: ItemWrites;
  constructor(private readonly ctx: ServiceContext) {
    this.writes = new ItemWrites(ctx);
  }

  /** Drafts a new item for a unit where the caller is LIAISON or publisher. */
  async create(raw: CreateDisclosureItemInput): Promise<DisclosureItem> {
    const input = parseInput(createItemSchema, raw);
    const em = this.ctx.em;
    const problems = new ProblemList();
    const unit = await em.findOne(OrgUnit, { id: decodeIntId(input.ownerUnitId, 'OrgUnit', 'input.ownerUnitId') });
    if (!unit) throw ValidationError.field('input.ownerUnitId', 'is not an existing unit');
    if (!canAuthor(this.ctx.auth, unit.path)) throw new ForbiddenError(msg('catalogue.actions.notAuthor', { unit: unit.name }));
    problems.check(unit.active, 'input.ownerUnitId', 'is deactivated');
    const level = levelOfKind(unit.kind);
    const category = await this.checkCategory(em, input.categoryId, 'input.categoryId', unit, level, problems);
    const mode = input.mode ?? category?.defaultMode ?? DisclosureMode.AD_HOC;
    this.checkModeAndDates(mode, input.cadence ?? null, input.formedDate, problems, 'input');
    problems.throwIfAny();
    return inTransaction(em, async (tem) => {
      const item = tem.create(DisclosureItem, {
        category: category!.id,
        ownerUnit: unit.id,
        level,
        mode,
        cadence: input.cadence ?? null,
        channels: input.channels,
        title: input.title,
        body: input.body,
        legalBasis: input.legalBasis ?? null,
        formedDate: input.formedDate,
        publishDeadline: input.formedDate,
        internalNotes: input.internalNotes ?? null,
        createdBy: this.ctx.auth.userId,
      });
      item.ownerPath = unit.path;
      await this.computeDates(tem, item, category!);
      await tem.flush();
      await this.writes.record(tem, item, 'create', null);
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
      const { item, unit } = await this.writes.loadForWrite(em, input.id, 'input.id');
      enforce(canUpdateItem(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
      const problems = new ProblemList();
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
      await this.writes.record(em, item, 'update', before);
      return item;
    });
  }

  /** DRAFT or RETURNED → IN_REVIEW, by a LIAISON or publisher of the owner unit. */
  async submit(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item } = await this.writes.loadForWrite(em, globalId);
      enforce(canSubmitItem(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
      assertVersion(item.version, expectedVersion, 'The item');
      const before = itemSnapshot(item);
      item.status = ItemStatus.IN_REVIEW;
      item.reviewRound += 1;
      await em.flush();
      await this.writes.record(em, item, 'submit', before);
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
      const { item, unit } = await this.writes.loadForWrite(em, input.itemId, 'input.itemId');
      const kinds = reviewKindsOf(this.ctx.auth, unit.path);
      if (!input.kind && kinds.length > 1) throw ValidationError.field('input.kind', msg('catalogue.reviewKindRequired'));
      const kind = input.kind ?? kinds[0] ?? ReviewKind.LEGAL;
      const facts = await readOneItemActionFacts(em, item.id, this.ctx.auth);
      enforce(canReviewItem(this.ctx.auth, facts, kind));
      const reviews = facts.roundReviews;
      const before = itemSnapshot(item);
      const review = em.create(DisclosureReview, {
        item: item.id,
        round: item.reviewRound,
        kind,
        decision: input.decision,
        comment: input.comment,
        reviewer: this.ctx.auth.userId!,
        reviewerUsername: this.ctx.auth.username!,
      });
      if (input.decision === ReviewDecision.RETURN) item.status = ItemStatus.RETURNED;
      else if (reviews.some((r) => r.kind !== kind && r.decision === ReviewDecision.PASS)) item.status = ItemStatus.APPROVED;
      // The review is a change of the item too: bump its version so stale editors notice.
      item.updatedAt = new Date();
      await em.flush();
      await this.writes.record(em, item, `review.${kind}.${review.decision}`, before);
      return item;
    });
  }

  /** APPROVED → PUBLISHED by the right publisher: the working copy becomes the live snapshot. */
  async publish(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item } = await this.writes.loadForWrite(em, globalId);
      // Both reviews passed, by two people other than the publisher (four eyes): item-actions.policy.ts.
      enforce(canPublishItem(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
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
      await this.writes.record(em, item, 'publish', before);
      return item;
    });
  }

  /** Takes a live item off the public catalogue (RETIRED), by a publisher who could publish it. */
  async retire(globalId: string, expectedVersion?: number | null): Promise<DisclosureItem> {
    return inTransaction(this.ctx.em, async (em) => {
      const { item } = await this.writes.loadForWrite(em, globalId);
      enforce(canRetireItem(this.ctx.auth, await readOneItemActionFacts(em, item.id, this.ctx.auth)));
      assertVersion(item.version, expectedVersion, 'The item');
      const before = itemSnapshot(item);
      item.status = ItemStatus.RETIRED;
      item.isPublic = false;
      await em.flush();
      await this.writes.record(em, item, 'retire', before);
      return item;
    });
  }

  // ---------------------------------------------------------------- helpers

  /** Checks that a category exists, is usable by the unit (standard, or local to its district) and allows its level. */
  private async checkCategory(
    em: EntityManager,
    globalId: string,
    field: string,
    unit: OrgUnit,
    level: PublishingLevel,
    problems: ProblemList,
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
}
