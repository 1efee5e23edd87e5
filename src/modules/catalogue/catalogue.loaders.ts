import DataLoader from 'dataloader';
import { ReadModelLoader } from '../../db/read-model';
import { runSql } from '../../db/sql';
import { Context, perRequest } from '../../common/context';
import { CatalogueCategory } from './catalogue-category.entity';
import { categoriesWithAncestorsSql, itemBodiesSql } from './catalogue.queries';
import { DisclosureReview } from './disclosure-review.entity';
import { DisclosureRevision } from './disclosure-revision.entity';

/** Per-request batch loaders of the catalogue module: one SQL statement per batch. */
export class CatalogueLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  /** Categories by id; each batch brings their ancestors too, so `parent` costs no further statement. */
  private readonly categories = new ReadModelLoader(this.ctx, CatalogueCategory, (ids) => runSql(this.ctx.em, categoriesWithAncestorsSql(ids)));

  readonly categoryById = this.categories.loader;

  /** A category by id: itself when already read in this request, else a batched load. */
  category(id: number): CatalogueCategory | Promise<CatalogueCategory | null> {
    return this.categories.get(id);
  }

  /** Primes categoryById with raw catalogue_category rows read by another statement (nulls are skipped). */
  primeRows(rows: unknown[]): void {
    this.categories.primeRows(rows);
  }

  readonly childrenByParent = new DataLoader<number, CatalogueCategory[]>(async (ids) => {
    const rows = await this.ctx.em.find(CatalogueCategory, { parent: { $in: [...ids] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.parent?.id === id));
  });

  /** Working and published bodies of items read without them (lists leave the bodies out). */
  readonly bodiesByItem = new DataLoader<number, { body: string; pubBody: string | null }>(async (ids) => {
    const rows = await runSql<{ id: number; body: string; pub_body: string | null }>(this.ctx.em, itemBodiesSql(ids));
    const byId = new Map(rows.map((r) => [r.id, { body: r.body, pubBody: r.pub_body }]));
    return ids.map((id) => byId.get(id) ?? { body: '', pubBody: null });
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
