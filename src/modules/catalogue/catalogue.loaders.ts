import DataLoader from 'dataloader';
import { Context, perRequest } from '../../graphql/context';
import { CatalogueCategory } from './catalogue-category.entity';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';

/** Per-request batch loaders of the catalogue module: one SQL statement per batch. */
export class CatalogueLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  readonly categoryById = new DataLoader<number, CatalogueCategory | null>(async (ids) => {
    const rows = await this.ctx.em.find(CatalogueCategory, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly childrenByParent = new DataLoader<number, CatalogueCategory[]>(async (ids) => {
    const rows = await this.ctx.em.find(CatalogueCategory, { parent: { $in: [...ids] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.parent?.id === id));
  });

  readonly reviewsByItem = new DataLoader<number, DisclosureReview[]>(async (ids) => {
    const rows = await this.ctx.em.find(DisclosureReview, { item: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.item.id === id));
  });

  readonly revisionsByItem = new DataLoader<number, DisclosureRevision[]>(async (ids) => {
    const rows = await this.ctx.em.find(DisclosureRevision, { item: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.item.id === id));
  });
}

/** The request's catalogue loaders. */
export function catalogueLoaders(ctx: Context): CatalogueLoaders {
  return perRequest(ctx, CatalogueLoaders, () => new CatalogueLoaders(ctx));
}
