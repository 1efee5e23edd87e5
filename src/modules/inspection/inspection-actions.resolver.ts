import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { Inspection } from './inspection.entity';
import { inspectionActionFactsLoader, inspectionViewerCan, NO_INSPECTION_ACTIONS, type InspectionViewerCan } from './inspection-actions';

@ObjectType('InspectionViewerCan', {
  description:
    'What the caller may do with the inspection now: each field is true exactly when the mutation would pass its rules (valid input and the current version assumed).',
})
export class InspectionViewerCanType implements InspectionViewerCan {
  @Field(() => Boolean, { description: 'scoreIndicator (some MANUAL indicator)' }) score!: boolean;
  @Field(() => Boolean, { description: 'submitInspection' }) submit!: boolean;
  @Field(() => Boolean, { description: 'respondToInspection' }) respond!: boolean;
  @Field(() => Boolean, { description: 'finalizeInspection' }) finalize!: boolean;
  @Field(() => Boolean, { description: 'openInspection with correctsId: a correction of this finalised inspection' }) correct!: boolean;
}

@Resolver(() => Inspection)
export class InspectionActionsResolver {
  @FieldResolver(() => InspectionViewerCanType, {
    description: 'Allowed actions, from the same rules that guard the mutations (inspection-actions.policy.ts). All false for anonymous callers.',
  })
  async viewerCan(@Root() i: Inspection, @Ctx() ctx: Context): Promise<InspectionViewerCan> {
    // Inspections reach callers only within their visibility scope, so every caller here is staff.
    if (!ctx.auth.isAuthenticated) return NO_INSPECTION_ACTIONS;
    const facts = await inspectionActionFactsLoader(ctx).load(i.id);
    return facts ? inspectionViewerCan(ctx.auth, facts) : NO_INSPECTION_ACTIONS;
  }
}
