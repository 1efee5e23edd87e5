import DataLoader from 'dataloader';
import { runSql } from '../../db/sql';
import { Context, perRequest } from '../../common/context';
import { acceptedFiguresSql } from './statistics.queries';
import type { Figures } from './statistics.checks';
import { StatisticsTemplate } from './statistics-template.entity';

/** Per-request batch loaders of the statistics module: one SQL statement per batch. */
export class StatisticsLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  readonly templateById = new DataLoader<number, StatisticsTemplate | null>(async (ids) => {
    const rows = await this.ctx.em.find(StatisticsTemplate, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  /** A unit's accepted figures of a year (null when none), by `unitId:year`. */
  readonly acceptedFigures = new DataLoader<string, Figures | null>(async (keys) => {
    const pairs = keys.map((k) => k.split(':').map(Number)).map(([unitId, year]) => ({ unitId, year }));
    const rows = await runSql<{ unit_id: number; year: number; figures: Figures }>(this.ctx.em, acceptedFiguresSql(pairs));
    const byKey = new Map(rows.map((r) => [`${r.unit_id}:${r.year}`, r.figures]));
    return keys.map((k) => byKey.get(k) ?? null);
  });
}

/** The request's statistics loaders. */
export function statisticsLoaders(ctx: Context): StatisticsLoaders {
  return perRequest(ctx, StatisticsLoaders, () => new StatisticsLoaders(ctx));
}
