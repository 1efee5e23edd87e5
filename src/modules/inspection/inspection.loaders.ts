import DataLoader from 'dataloader';
import { Context, perRequest } from '../../graphql/context';
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
    const rows = await this.ctx.em.getConnection().execute<{ id: number; rank: number }[]>(
      `select r.id, r.rank from (
         select i.id, rank() over (partition by i.scheme_id order by i.total desc)::int as rank
           from inspection i
          where i.status = 'FINALIZED'
            and i.scheme_id in (select scheme_id from inspection where id in (select jsonb_array_elements_text(?::jsonb)::int))
            and not exists (select 1 from inspection c where c.corrects_id = i.id and c.status = 'FINALIZED')) r
        where r.id in (select jsonb_array_elements_text(?::jsonb)::int)`,
      [JSON.stringify(ids), JSON.stringify(ids)],
    );
    const byId = new Map(rows.map((r) => [r.id, r.rank]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The request's inspection loaders. */
export function inspectionLoaders(ctx: Context): InspectionLoaders {
  return perRequest(ctx, InspectionLoaders, () => new InspectionLoaders(ctx));
}
