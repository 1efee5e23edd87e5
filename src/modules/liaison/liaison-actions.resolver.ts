import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { OrgUnitViewerCan } from '../organisation';
import { canAppointLiaisonOver } from './liaison.policy';

@Resolver(() => OrgUnitViewerCan)
export class OrgUnitLiaisonActionsResolver {
  @FieldResolver(() => Boolean, { description: 'appointLiaison for this unit' })
  appointLiaison(@Root() can: OrgUnitViewerCan, @Ctx() ctx: Context): boolean {
    return canAppointLiaisonOver(ctx.auth, can.unit) === null;
  }
}
