import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { CreateCatalogueCategoryInput, UpdateCatalogueCategoryInput } from './catalogue.inputs';
import { catalogueLoaders } from './catalogue.loaders';
import { CatalogueService } from './catalogue.service';
import { CatalogueTreeNode } from './catalogue.types';

@Resolver(() => CatalogueCategory)
export class CatalogueCategoryResolver {
  @Query(() => [CatalogueCategory], { description: 'Standard categories plus local ones (of one district when given). Public.' })
  catalogueCategories(@Ctx() ctx: Context, @Arg('districtId', () => ID, { nullable: true }) districtId?: string) {
    return new CatalogueService(ctx).categories(districtId);
  }

  @Query(() => [CatalogueTreeNode], { description: 'A unit’s catalogue: its categories with published item counts, in one round trip. Public.' })
  async catalogueTree(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('includeSubunits', () => Boolean, { nullable: true, description: 'Count items of the whole subtree (default true).' }) includeSubunits?: boolean,
  ): Promise<CatalogueTreeNode[]> {
    const rows = await new CatalogueService(ctx).tree(unitId, includeSubunits ?? true);
    for (const r of rows) catalogueLoaders(ctx).categoryById.prime(r.category.id, r.category);
    return rows;
  }

  @Mutation(() => CatalogueCategory, { description: 'Adds a local sub-category (district OFFICE_ADMIN) or a standard one (CENTRAL_ADMIN).' })
  createCatalogueCategory(@Ctx() ctx: Context, @Arg('input', () => CreateCatalogueCategoryInput) input: CreateCatalogueCategoryInput) {
    return new CatalogueService(ctx).createCategory(input);
  }

  @Mutation(() => CatalogueCategory, { description: 'Changes a category: standard ones only by CENTRAL_ADMIN.' })
  updateCatalogueCategory(@Ctx() ctx: Context, @Arg('input', () => UpdateCatalogueCategoryInput) input: UpdateCatalogueCategoryInput) {
    return new CatalogueService(ctx).updateCategory(input);
  }

  @FieldResolver(() => ID)
  id(@Root() c: CatalogueCategory): string {
    return toGlobalId('CatalogueCategory', c.id);
  }

  @FieldResolver(() => CatalogueCategory, { nullable: true })
  parent(@Root() c: CatalogueCategory, @Ctx() ctx: Context): CatalogueCategory | Promise<CatalogueCategory | null> | null {
    return c.parent ? catalogueLoaders(ctx).category(c.parent.id) : null;
  }

  @FieldResolver(() => [CatalogueCategory], { description: 'Direct sub-categories, standard and local.' })
  children(@Root() c: CatalogueCategory, @Ctx() ctx: Context): Promise<CatalogueCategory[]> {
    return catalogueLoaders(ctx).childrenByParent.load(c.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The district owning a local category; null for standard ones.' })
  ownerUnit(@Root() c: CatalogueCategory, @Ctx() ctx: Context): Promise<OrgUnit | null> | null {
    return c.ownerUnit ? organisationLoaders(ctx).unitById.load(c.ownerUnit.id) : null;
  }
}
