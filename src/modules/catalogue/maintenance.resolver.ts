import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { ItemStatus, ReviewKind } from './catalogue.enums';
import { catalogueLoaders } from './catalogue.loaders';
import { DisclosureItem } from './disclosure-item.entity';
import { MaintenanceService } from './maintenance.service';

/** Maintenance confirmation and the state of an item's current review round. */
@Resolver(() => DisclosureItem)
export class ItemMaintenanceResolver {
  @Mutation(() => DisclosureItem, {
    description:
      'Checked, still valid (定期检查维护): moves a live STANDING item’s next maintenance date one review cycle on from today, without a new review round; recorded as a revision (LIAISON or publisher of the owner unit).',
  })
  confirmMaintenance(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new MaintenanceService(ctx).confirmMaintenance(id, expectedVersion);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'The current review round (1 for the first submission; 0 before it).' })
  currentReviewRound(@Root() item: DisclosureItem): number {
    return item.reviewRound;
  }

  @FieldResolver(() => [ReviewKind], {
    nullable: true,
    description: 'Reviews of the current round still missing while the item is IN_REVIEW (empty otherwise).',
  })
  async missingReviews(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<ReviewKind[]> {
    if (item.status !== ItemStatus.IN_REVIEW) return [];
    const done = new Set((await catalogueLoaders(ctx).reviewsByItem.load(item.id)).filter((r) => r.round === item.reviewRound).map((r) => r.kind));
    return [ReviewKind.LEGAL, ReviewKind.SECRECY].filter((k) => !done.has(k));
  }
}
