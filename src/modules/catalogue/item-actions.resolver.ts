import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import { isItemStaff } from './catalogue.policy';
import { DisclosureItem } from './disclosure-item.entity';
import { itemActionFactsLoader, itemViewerCan, NOTHING_ALLOWED, type ItemViewerCan } from './item-actions';

@ObjectType({
  description:
    'What the caller may do with the item now: each field is true exactly when the mutation would pass its rules (valid input and the current version assumed).',
})
export class DisclosureItemViewerCan implements ItemViewerCan {
  @Field(() => Boolean, { description: 'updateDisclosureItem' }) update!: boolean;
  @Field(() => Boolean, { description: 'submitDisclosureItem' }) submit!: boolean;
  @Field(() => Boolean, { description: 'reviewDisclosureItem with kind LEGAL' }) reviewLegal!: boolean;
  @Field(() => Boolean, { description: 'reviewDisclosureItem with kind SECRECY' }) reviewSecrecy!: boolean;
  @Field(() => Boolean, { description: 'publishDisclosureItem' }) publish!: boolean;
  @Field(() => Boolean, { description: 'retireDisclosureItem' }) retire!: boolean;
  @Field(() => Boolean, { description: 'requestWithholding' }) requestWithholding!: boolean;
  @Field(() => Boolean, { description: 'ruleOnWithholding' }) ruleOnWithholding!: boolean;
}

@Resolver(() => DisclosureItem)
export class DisclosureItemActionsResolver {
  @FieldResolver(() => DisclosureItemViewerCan, {
    description: 'Allowed actions, from the same rules that guard the mutations (item-actions.policy.ts). All false for anyone but staff of the owner unit.',
  })
  async viewerCan(@Root() item: DisclosureItem, @Ctx() ctx: Context): Promise<ItemViewerCan> {
    if (!ctx.auth.isAuthenticated) return NOTHING_ALLOWED;
    const unit = await organisationLoaders(ctx).unit(item.ownerUnit.id);
    if (!unit || !isItemStaff(ctx.auth, unit.path)) return NOTHING_ALLOWED;
    const facts = await itemActionFactsLoader(ctx).load(item.id);
    return facts ? itemViewerCan(ctx.auth, facts) : NOTHING_ALLOWED;
  }
}
