import type { ServiceContext } from '../../common/context';
import { addWorkingDays } from '../catalogue';
import { workCalendar } from './request.service';
import { RequestOutcome } from './requests.enums';
import { selectConcludedByOutcome, selectOnTimeReplies, selectRequestOverview } from './requests.queries';
import { OverviewRequests } from './requests.types';

/** Working days ahead that count as "due soon" on the dashboard. */
export const DUE_SOON_WORKING_DAYS = 5;

/** The dashboard's requests section of a subtree (two statements), counting only what the caller may see. */
export async function requestOverview(ctx: ServiceContext, subtreePath: string, year: number, asOf: string): Promise<OverviewRequests> {
  const soonUntil = addWorkingDays(asOf, DUE_SOON_WORKING_DAYS, await workCalendar(ctx.em));
  const counts = await selectRequestOverview(ctx.em, ctx.auth, subtreePath, asOf, soonUntil);
  const byOutcome = await selectConcludedByOutcome(ctx.em, ctx.auth, subtreePath, year);
  return {
    open: counts.open,
    dueSoon: counts.due_soon,
    overdue: counts.overdue,
    concludedByOutcome: byOutcome.map((r) => ({ outcome: r.outcome as RequestOutcome, count: r.n })),
  };
}

/** On-time replies (答复及时率) of the bodies in a subtree for a year, for the inspection module's AUTOMATIC indicator. */
export async function requestOnTimeRate(em: ServiceContext['em'], subtreePath: string, year: number, asOf: string): Promise<{ due: number; onTime: number }> {
  const r = await selectOnTimeReplies(em, subtreePath, year, asOf);
  return { due: r.due, onTime: r.on_time };
}
