import { LocalDateResolver, DateTimeResolver } from 'graphql-scalars';
import diff from 'microdiff';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../graphql/context';
import { OrgUnit, organisationLoaders, PublishingLevel } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { Cadence, DisclosureChannel, DisclosureMode, ItemStatus } from './catalogue.enums';
import {
  CreateDisclosureItemInput, DisclosureItemsArgs, ReviewDisclosureItemInput, RuleOnWithholdingInput, UpdateDisclosureItemInput,
} from './catalogue.inputs';
import { catalogueLoaders } from './catalogue.loaders';
import { DisclosureItemConnection, Withholding } from './catalogue.types';
import { DisclosureItem } from './disclosure-item.entity';
import { DisclosureItemService } from './disclosure-item.service';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';
import { FieldChange } from './field-change.type';
import { ownerPathOf } from './catalogue.rules';

/**
 * Staff in scope read the working copy; everyone else the live published snapshot (the row is
 * only visible to them while one is live).
 */
async function readsWorkingCopy(item: DisclosureItem, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const path = await ownerPathOf(item, ctx);
  return !!path && ctx.auth.isStaffOf(path);
}

@Resolver(() => DisclosureItem)
export class DisclosureItemResolver {
  @Query(() => DisclosureItemConnection, { description: 'Published items, plus every item of units where you are staff; filtered and paged.' })
  disclosureItems(@Ctx() ctx: Context, @Args(() => DisclosureItemsArgs) args: DisclosureItemsArgs) {
    return new DisclosureItemService(ctx).list(args);
  }

  @Query(() => DisclosureItem, { description: 'One item; NOT_FOUND when unpublished and outside your scope.' })
  disclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return new DisclosureItemService(ctx).get(id);
  }

  @Mutation(() => DisclosureItem, { description: 'Drafts an item (LIAISON or publisher of the owner unit).' })
  createDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => CreateDisclosureItemInput) input: CreateDisclosureItemInput) {
    return new DisclosureItemService(ctx).create(input);
  }

  @Mutation(() => DisclosureItem, { description: 'Saves a change; a published item gets a new draft revision while its published text stays live.' })
  updateDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => UpdateDisclosureItemInput) input: UpdateDisclosureItemInput) {
    return new DisclosureItemService(ctx).update(input);
  }

  @Mutation(() => DisclosureItem, { description: 'DRAFT / RETURNED → IN_REVIEW.' })
  submitForReview(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureItemService(ctx).submit(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Records a legal (法规处审核) or secrecy (保密审查) review decision.' })
  reviewDisclosureItem(@Ctx() ctx: Context, @Arg('input', () => ReviewDisclosureItemInput) input: ReviewDisclosureItemInput) {
    return new DisclosureItemService(ctx).review(input);
  }

  @Mutation(() => DisclosureItem, { description: 'APPROVED → PUBLISHED (两级公开: office publishers for 关级, division publishers for their 处级 items).' })
  publishDisclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureItemService(ctx).publish(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Takes a published item off the catalogue (RETIRED).' })
  retireDisclosureItem(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new DisclosureItemService(ctx).retire(id, expectedVersion);
  }

  @Mutation(() => DisclosureItem, { description: 'Files an item as not fit for disclosure now (暂不宜公开) with the superior unit.' })
  requestWithholding(@Ctx() ctx: Context, @Arg('itemId', () => ID) itemId: string, @Arg('reason', () => String) reason: string) {
    return new DisclosureItemService(ctx).requestWithholding(itemId, reason);
  }

  @Mutation(() => DisclosureItem, { description: 'The superior unit’s OFFICE_ADMIN rules: DISCLOSE or WITHHOLD.' })
  ruleOnWithholding(@Ctx() ctx: Context, @Arg('input', () => RuleOnWithholdingInput) input: RuleOnWithholdingInput) {
    return new DisclosureItemService(ctx).ruleOnWithholding(input);
  }

  // ------------------------------------------------------------ public fields

  @FieldResolver(() => ID)
  id(@Root() item: DisclosureItem): string {
    return toGlobalId('DisclosureItem', item.id);
  }

  @FieldResolver(() => String)
  async title(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<string> {
    return (await readsWorkingCopy(item, ctx)) ? item.title : (item.pubTitle ?? '');
  }

  @FieldResolver(() => String, { description: 'Markdown.' })
  async body(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<string> {
    // Lists read rows without their bodies; load them in one batch when asked for.
    const bodies = item.body === undefined ? await catalogueLoaders(ctx).bodiesByItem.load(item.id) : item;
    return (await readsWorkingCopy(item, ctx)) ? bodies.body : (bodies.pubBody ?? '');
  }

  @FieldResolver(() => CatalogueCategory)
  async category(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<CatalogueCategory> {
    const id = (await readsWorkingCopy(item, ctx)) ? item.category.id : (item.pubCategory?.id ?? item.category.id);
    return (await catalogueLoaders(ctx).categoryById.load(id))!;
  }

  @FieldResolver(() => OrgUnit)
  async ownerUnit(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(item.ownerUnit.id))!;
  }

  @FieldResolver(() => PublishingLevel, { description: '关级 or 处级, from the owner unit’s kind.' })
  level(@Root() item: DisclosureItem): PublishingLevel {
    return item.level;
  }

  @FieldResolver(() => [DisclosureChannel])
  async channels(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<DisclosureChannel[]> {
    return (await readsWorkingCopy(item, ctx)) ? item.channels : (item.pubChannels ?? []);
  }

  @FieldResolver(() => String, { nullable: true })
  async legalBasis(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<string | null> {
    return ((await readsWorkingCopy(item, ctx)) ? item.legalBasis : item.pubLegalBasis) ?? null;
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
      rev.changes = diff(previous, rev.snapshot).map((d) => ({
        path: d.path.join('.'), type: d.type,
        before: d.type === 'CREATE' ? null : d.oldValue, after: d.type === 'REMOVE' ? null : d.value,
      }) as FieldChange);
      previous = rev.snapshot;
    }
    return revisions;
  }

  @FieldResolver(() => [DisclosureReview], { nullable: true, description: 'Review records of every round; reviewers and publishers in scope only.' })
  reviews(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<DisclosureReview[]> {
    return catalogueLoaders(ctx).reviewsByItem.load(item.id);
  }

  @FieldResolver(() => Withholding, { nullable: true, description: 'The withholding request and ruling: the requesting unit’s staff and the ruling superior only.' })
  withholding(@Root() item: DisclosureItem): Withholding | null {
    if (!item.withholdingStatus) return null;
    return {
      status: item.withholdingStatus, reason: item.withholdingReason ?? '', requestedAt: item.withholdingRequestedAt ?? null,
      rulingReasons: item.withholdingRulingReason ?? null, ruledAt: item.withholdingRuledAt ?? null,
    };
  }
}
