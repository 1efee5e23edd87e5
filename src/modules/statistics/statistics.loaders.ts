import DataLoader from 'dataloader';
import { Context, perRequest } from '../../graphql/context';
import { StatisticsTemplate } from './statistics-template.entity';

/** Per-request batch loaders of the statistics module: one SQL statement per batch. */
export class StatisticsLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  readonly templateById = new DataLoader<number, StatisticsTemplate | null>(async (ids) => {
    const rows = await this.ctx.em.find(StatisticsTemplate, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The request's statistics loaders. */
export function statisticsLoaders(ctx: Context): StatisticsLoaders {
  return perRequest(ctx, StatisticsLoaders, () => new StatisticsLoaders(ctx));
}
