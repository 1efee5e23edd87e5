import DataLoader from 'dataloader';
import { Context, perRequest } from '../../common/context';
import { LiaisonAppointment } from './liaison-appointment.entity';

/** Per-request batch loaders of the liaison module: one SQL statement per batch. */
export class LiaisonLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  /** Appointments by id, unscoped: only for ids a scoped query already produced. */
  readonly appointmentById = new DataLoader<number, LiaisonAppointment | null>(async (ids) => {
    const rows = await this.ctx.em.find(LiaisonAppointment, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The request's liaison loaders. */
export function liaisonLoaders(ctx: Context): LiaisonLoaders {
  return perRequest(ctx, LiaisonLoaders, () => new LiaisonLoaders(ctx));
}
