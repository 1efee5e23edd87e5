import DataLoader from 'dataloader';
import { runSql } from '../../db/sql';
import { Context, perRequest } from '../../common/context';
import { inspectionRanksSql } from './inspection.queries';
import { InspectionScore } from './inspection.entity';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';

/** Per-request batch loaders of the inspection module: one SQL statement per batch. */
export class InspectionLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  readonly schemeById = new DataLoader<number, InspectionScheme | null>(async (ids) => {
    const rows = await this.ctx.em.find(InspectionScheme, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly indicatorsByScheme = new DataLoader<number, InspectionIndicator[]>(async (ids) => {
    const rows = await this.ctx.em.find(InspectionIndicator, { scheme: { $in: [...ids] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.scheme.id === id));
  });

  readonly indicatorById = new DataLoader<number, InspectionIndicator | null>(async (ids) => {
    const rows = await this.ctx.em.find(InspectionIndicator, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly scoresByInspection = new DataLoader<number, InspectionScore[]>(async (ids) => {
    const rows = await this.ctx.em.find(InspectionScore, { inspection: { $in: [...ids] } }, { orderBy: { indicator: { sortOrder: 'asc' }, id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.inspection.id === id));
  });

  /** Rank of finalised, uncorrected inspections among their scheme's (RANK(): 1, 1, 3); null otherwise. */
  readonly rankByInspection = new DataLoader<number, number | null>(async (ids) => {
    const rows = await runSql<{ id: number; rank: number }>(this.ctx.em, inspectionRanksSql(ids));
    const byId = new Map(rows.map((r) => [r.id, r.rank]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The request's inspection loaders. */
export function inspectionLoaders(ctx: Context): InspectionLoaders {
  return perRequest(ctx, InspectionLoaders, () => new InspectionLoaders(ctx));
}
