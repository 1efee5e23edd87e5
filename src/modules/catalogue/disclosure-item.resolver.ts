import { LocalDateResolver, DateTimeResolver } from 'graphql-scalars';
import diff from 'microdiff';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { selectsField } from '../../common/relay';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders, PublishingLevel } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { Cadence, DisclosureChannel, DisclosureMode, ItemStatus } from './catalogue.enums';
import {
  CreateDisclosureItemInput,
  DisclosureItemsArgs,
  ReviewDisclosureItemInput,
  RuleOnWithholdingInput,
  UpdateDisclosureItemInput,
} from './catalogue.inputs';
import { catalogueLoaders } from './catalogue.loaders';
import { DisclosureItemConnection, Withholding } from './catalogue.types';
import { DisclosureItem } from './disclosure-item.entity';
import { DisclosureItemService } from './disclosure-item.service';
import { DisclosureWorkflowService } from './disclosure-workflow.service';
import { WithholdingService } from './withholding.service';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';
import { FieldChange } from './field-change.type';
import { isItemStaff } from './catalogue.policy';
import { holidayCalendar, missingCalendarYears } from './calendar';
import { ownerPathOf } from './catalogue.rules';
import { highlightSnippet } from './search/segmenter';

/**
 * Staff in scope read the working copy; everyone else the live published snapshot (the row is
 * only visible to them while one is live). Answers without a promise when it can (anonymous
 * callers, rows read with their owner's path): a page of 50 rows then completes synchronously.
 */
function readsWorkingCopy(item: DisclosureItem, ctx: Context): boolean | Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  if (item.ownerPath) return isItemStaff(ctx.auth, item.ownerPath);
  return ownerPathOf(item, ctx).then((path) => !!path && isItemStaff(ctx.auth, path));
}

/** Applies `pick` to a value or a promise of it, staying synchronous for plain values. */
function whenKnown<T, R>(value: T | Promise<T>, pick: (v: T) => R): R | Promise<R> {
  return value instanceof Promise ? value.then(pick) : pick(value);
}

@Resolver(() => DisclosureItem)
export class DisclosureItemResolver {
  @Query(() => DisclosureItemConnection, { description: 'Published items, plus every item of units where you are staff; filtered and paged.' })
  async disclosureItems(@Ctx() ctx: Context, @Args(() => DisclosureItemsArgs) args: DisclosureItemsArgs, @Info() info: GraphQLResolveInfo) {
    const page = await new DisclosureItemService(ctx).list(args, selectsField(info, 'totalCount'));
    // The usual selection (category, ownerUnit { parent }) then needs no further round trip.
    organisationLoaders(ctx).primeRows(page.units);
    catalogueLoaders(ctx).primeRows(page.categories);
    return page.connection;
  }

  @Query(() => DisclosureItem, { description: 'One item; NOT_FOUND when unpublished and outside your scope.' })
  disclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return new DisclosureItemService(ctx).get(id);
  }

  @Mutation(() => DisclosureItem, { description: 'Drafts an item (LIAISON or publisher of the owner unit).' })
  createDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => CreateDisclosureItemInput) input: CreateDisclosureItemInput) {
    return new DisclosureWorkflowService(ctx).create(input);
  }

  @Mutation(() => DisclosureItem, { description: 'Saves a change; a published item gets a new draft revision while its published text stays live.' })
  updateDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => UpdateDisclosureItemInput) input: UpdateDisclosureItemInput) {
    return new DisclosureWorkflowService(ctx).update(input);
  }

  @Mutation(() => DisclosureItem, { description: 'DRAFT / RETURNED → IN_REVIEW.' })
  submitForReview(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureWorkflowService(ctx).submit(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Records a legal (法规处审核) or secrecy (保密审查) review decision.' })
  reviewDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => ReviewDisclosureItemInput) input: ReviewDisclosureItemInput) {
    return new DisclosureWorkflowService(ctx).review(input);
  }

  @Mutation(() => DisclosureItem, { description: 'APPROVED → PUBLISHED (两级公开: office publishers for 关级, division publishers for their 处级 items).' })
  publishDisclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureWorkflowService(ctx).publish(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Takes a published item off the catalogue (RETIRED).' })
  retireDisclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureWorkflowService(ctx).retire(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Files an item as not fit for disclosure now (暂不宜公开) with the superior unit.' })
  requestWithholding(@Ctx() ctx: Context, @Arg('itemId', () => ID) itemId: string, @Arg('reason', () => String) reason: string) {
    return new WithholdingService(ctx).requestWithholding(itemId, reason);
  }

  @Mutation(() => DisclosureItem, { description: 'The superior unit’s OFFICE_ADMIN rules: DISCLOSE or WITHHOLD.' })
  ruleOnWithholding(@Ctx() ctx: Context, @Arg('input', () => RuleOnWithholdingInput) input: RuleOnWithholdingInput) {
    return new WithholdingService(ctx).ruleOnWithholding(input);
  }

  // ------------------------------------------------------------ public fields

  @FieldResolver(() => ID)
  id(@Root() item: DisclosureItem): string {
    return toGlobalId('DisclosureItem', item.id);
  }

  @FieldResolver(() => String)
  title(@Root() item: DisclosureItem, @Ctx() ctx: Context): string | Promise<string> {
    return whenKnown(readsWorkingCopy(item, ctx), (working) => (working ? item.title : (item.pubTitle ?? '')));
  }

  @FieldResolver(() => String, { description: 'Markdown.' })
  async body(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<string> {
    // Lists read rows without their bodies; load them in one batch when asked for.
    const bodies = item.body === undefined ? await catalogueLoaders(ctx).bodiesByItem.load(item.id) : item;
    return (await readsWorkingCopy(item, ctx)) ? bodies.body : (bodies.pubBody ?? '');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'In a search result: a short extract of the body (or else the title or legal basis) around the words found, HTML-escaped, each occurrence in <em>…</em>. Null outside a search.',
  })
  async searchSnippet(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<string | null> {
    if (!item.searchTerms?.length) return null;
    const working = await readsWorkingCopy(item, ctx);
    const bodies = item.body === undefined ? await catalogueLoaders(ctx).bodiesByItem.load(item.id) : item;
    const texts = working ? [bodies.body, item.title, item.legalBasis] : [bodies.pubBody, item.pubTitle, item.pubLegalBasis];
    for (const text of texts) {
      const snippet = text ? highlightSnippet(text, item.searchTerms) : null;
      if (snippet) return snippet;
    }
    return null;
  }

  @FieldResolver(() => CatalogueCategory)
  category(@Root() item: DisclosureItem, @Ctx() ctx: Context): CatalogueCategory | Promise<CatalogueCategory | null> {
    const pick = (working: boolean) => catalogueLoaders(ctx).category(working ? item.category.id : (item.pubCategory?.id ?? item.category.id));
    const working = readsWorkingCopy(item, ctx);
    return working instanceof Promise ? working.then(pick) : pick(working);
  }

  @FieldResolver(() => OrgUnit)
  ownerUnit(@Root() item: DisclosureItem, @Ctx() ctx: Context): OrgUnit | Promise<OrgUnit | null> {
    return organisationLoaders(ctx).unit(item.ownerUnit.id);
  }

  @FieldResolver(() => PublishingLevel, { description: '关级 or 处级, from the owner unit’s kind.' })
  level(@Root() item: DisclosureItem): PublishingLevel {
    return item.level;
  }

  @FieldResolver(() => [DisclosureChannel])
  channels(@Root() item: DisclosureItem, @Ctx() ctx: Context): DisclosureChannel[] | Promise<DisclosureChannel[]> {
    return whenKnown(readsWorkingCopy(item, ctx), (working) => (working ? item.channels : (item.pubChannels ?? [])));
  }

  @FieldResolver(() => String, { nullable: true })
  legalBasis(@Root() item: DisclosureItem, @Ctx() ctx: Context): string | null | Promise<string | null> {
    return whenKnown(readsWorkingCopy(item, ctx), (working) => (working ? item.legalBasis : item.pubLegalBasis) ?? null);
  }

  @FieldResolver(() => DateTimeResolver, { nullable: true, description: 'When the live text was published.' })
  publishedAt(@Root() item: DisclosureItem): Date | null {
    return item.publishedAt ?? null;
  }

  // ------------------------------------------------------------ staff fields (redacted for others)

  @FieldResolver(() => ItemStatus, { nullable: true })
  status(@Root() item: DisclosureItem): ItemStatus {
    return item.status;
  }

  @FieldResolver(() => DisclosureMode, { nullable: true })
  mode(@Root() item: DisclosureItem): DisclosureMode {
    return item.mode;
  }

  @FieldResolver(() => Cadence, { nullable: true })
  cadence(@Root() item: DisclosureItem): Cadence | null {
    return item.cadence ?? null;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true })
  formedDate(@Root() item: DisclosureItem): string {
    return item.formedDate;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: '20 working days after the formed date.' })
  publishDeadline(@Root() item: DisclosureItem): string {
    return item.publishDeadline;
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: 'True when the publish deadline was counted across a year whose holiday calendar has not been entered (weekdays assumed).',
  })
  async calendarMissing(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<boolean> {
    return missingCalendarYears(item.formedDate, item.publishDeadline, await holidayCalendar(ctx.em)).length > 0;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: 'STANDING items: next maintenance check.' })
  nextMaintenanceDate(@Root() item: DisclosureItem): string | null {
    return item.nextMaintenanceDate ?? null;
  }

  @FieldResolver(() => LocalDateResolver, { nullable: true, description: 'PERIODIC items: next due date.' })
  nextDueDate(@Root() item: DisclosureItem): string | null {
    return item.nextDueDate ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Optimistic-lock version; send it back with updates.' })
  version(@Root() item: DisclosureItem): number {
    return item.version;
  }

  @FieldResolver(() => String, { nullable: true })
  internalNotes(@Root() item: DisclosureItem): string | null {
    return item.internalNotes ?? null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'A published item whose working copy differs from the live text.' })
  hasUnpublishedChanges(@Root() item: DisclosureItem): boolean {
    return item.isPublic && item.status !== ItemStatus.PUBLISHED;
  }

  @FieldResolver(() => [DisclosureRevision], { nullable: true, description: 'Every saved change, oldest first, with field-level diffs.' })
  async revisions(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<DisclosureRevision[]> {
    const revisions = await catalogueLoaders(ctx).revisionsByItem.load(item.id);
    let previous: Record<string, unknown> = {};
    for (const rev of revisions) {
      rev.changes = diff(previous, rev.snapshot).map(
        (d) =>
          ({
            path: d.path.join('.'),
            type: d.type,
            before: d.type === 'CREATE' ? null : d.oldValue,
            after: d.type === 'REMOVE' ? null : d.value,
          }) as FieldChange,
      );
      previous = rev.snapshot;
    }
    return revisions;
  }

  @FieldResolver(() => [DisclosureReview], { nullable: true, description: 'Review records of every round; reviewers and publishers in scope only.' })
  reviews(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<DisclosureReview[]> {
    return catalogueLoaders(ctx).reviewsByItem.load(item.id);
  }

  @FieldResolver(() => Withholding, {
    nullable: true,
    description: 'The withholding request and ruling: the requesting unit’s staff and the ruling superior only.',
  })
  withholding(@Root() item: DisclosureItem): Withholding | null {
    if (!item.withholdingStatus) return null;
    return {
      status: item.withholdingStatus,
      reason: item.withholdingReason ?? '',
      requestedAt: item.withholdingRequestedAt ?? null,
      rulingReasons: item.withholdingRulingReason ?? null,
      ruledAt: item.withholdingRuledAt ?? null,
    };
  }
}
