import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { OrgUnit } from './org-unit.entity';
import { canCreateChildUnit, canGrantRolesOver, canUpdateUnit } from './organisation.policy';

@ObjectType({
  description:
    'What the caller may do with the unit now: each field is true exactly when the mutation would pass its rules (valid input assumed). `appointLiaison` comes from the liaison module.',
})
export class OrgUnitViewerCan {
  /** The unit the verdicts are about (for fields other modules add). */
  unit!: OrgUnit;
  @Field(() => Boolean, { description: 'updateOrgUnit' }) update!: boolean;
  @Field(() => Boolean, { description: 'createOrgUnit under this unit' }) createChild!: boolean;
  @Field(() => Boolean, { description: 'assignRole over this unit (some role, to a user in your scope)' }) grantRoles!: boolean;
}

@Resolver(() => OrgUnit)
export class OrgUnitActionsResolver {
  @FieldResolver(() => OrgUnitViewerCan, { description: 'Allowed actions, from the rules that guard the mutations (organisation.policy.ts). No SQL.' })
  viewerCan(@Root() unit: OrgUnit, @Ctx() ctx: Context): OrgUnitViewerCan {
    const auth = ctx.auth;
    return Object.assign(new OrgUnitViewerCan(), {
      unit,
      update: canUpdateUnit(auth, unit) === null,
      createChild: canCreateChildUnit(auth, unit) === null,
      grantRoles: canGrantRolesOver(auth, unit) === null,
    });
  }
}
