import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitService } from './org-unit.service';
import { CreateOrgUnitInput, MoveOrgUnitInput, OrgUnitsArgs, UpdateOrgUnitInput } from './organisation.inputs';
import { organisationLoaders } from './organisation.loaders';
import { OrgUnitConnection } from './organisation.types';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @Query(() => OrgUnit, { nullable: true, description: 'One unit by global id or by code (public).' })
  async orgUnit(
    @Ctx() ctx: Context,
    @Arg('id', () => ID, { nullable: true }) id?: string,
    @Arg('code', () => String, { nullable: true }) code?: string,
  ): Promise<OrgUnit | null> {
    const service = new OrgUnitService(ctx);
    if (id) return service.get(id);
    return code ? service.findByCode(code) : null;
  }

  @Query(() => OrgUnitConnection, { description: 'Units of the tree (public), filtered and paginated.' })
  orgUnits(@Ctx() ctx: Context, @Args(() => OrgUnitsArgs) args: OrgUnitsArgs) {
    return new OrgUnitService(ctx).list(args);
  }

  @Mutation(() => OrgUnit, { description: 'Creates a unit under a parent you administer.' })
  createOrgUnit(@Ctx() ctx: Context, @Arg('input', () => CreateOrgUnitInput) input: CreateOrgUnitInput) {
    return new OrgUnitService(ctx).create(input);
  }

  @Mutation(() => OrgUnit)
  updateOrgUnit(@Ctx() ctx: Context, @Arg('input', () => UpdateOrgUnitInput) input: UpdateOrgUnitInput) {
    return new OrgUnitService(ctx).update(input);
  }

  @Mutation(() => OrgUnit, { description: 'Moves a unit with its subtree; never under itself or a descendant.' })
  moveOrgUnit(@Ctx() ctx: Context, @Arg('input', () => MoveOrgUnitInput) input: MoveOrgUnitInput) {
    return new OrgUnitService(ctx).move(input);
  }

  @Mutation(() => OrgUnit, { description: 'Deactivates a unit without active sub-units.' })
  deactivateOrgUnit(@Ctx() ctx: Context, @Arg('id', () => ID) id: string, @Arg('expectedVersion', () => Int, { nullable: true }) expectedVersion?: number) {
    return new OrgUnitService(ctx).deactivate(id, expectedVersion);
  }

  @FieldResolver(() => ID)
  id(@Root() unit: OrgUnit): string {
    return toGlobalId('OrgUnit', unit.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  parent(@Root() unit: OrgUnit, @Ctx() ctx: Context): OrgUnit | Promise<OrgUnit | null> | null {
    return unit.parent ? organisationLoaders(ctx).unit(unit.parent.id) : null;
  }

  @FieldResolver(() => [OrgUnit], { description: 'Direct sub-units, active and inactive, in display order.' })
  children(@Root() unit: OrgUnit, @Ctx() ctx: Context): Promise<OrgUnit[]> {
    return organisationLoaders(ctx).childrenByParent.load(unit.id);
  }

  @FieldResolver(() => [OrgUnit], { description: 'Ancestors from the administration down to the parent.' })
  ancestors(@Root() unit: OrgUnit, @Ctx() ctx: Context): Promise<OrgUnit[]> {
    return organisationLoaders(ctx).ancestorsOf(unit);
  }
}
