import { ForbiddenError, msg, NotFoundError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, runSqlOne } from '../../db/sql';
import { readOrgUnit, subtreePattern } from '../organisation';
import { appointmentsEndingSql, COVERED_KINDS, coverageOnDaySql, coverageOnDaysSql, rebuildLiaisonAggregatesSql } from './liaison-coverage.queries';
import { addDays, todayInChina } from '../../common/dates';
import { LiaisonCoverage } from './liaison.types';

export { COVERED_KINDS };
/** How far ahead `endingSoon` looks. */
export const ENDING_WITHIN_DAYS = 30;

/** The share of units needing a liaison that have one; 1 when none needs one. */
function coverageRate(required: number, covered: number): number {
  return required ? covered / required : 1;
}

/** Liaison coverage of a subtree, read from the maintained aggregates in two SQL statements whatever the size of the tree. */
export class LiaisonCoverageService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Coverage of the subtree of `unitGlobalId` on `date` (default today); staff in scope only. */
  async coverage(unitGlobalId: string, date?: string | null): Promise<LiaisonCoverage> {
    const unit = await readOrgUnit(this.ctx.em, decodeIntId(unitGlobalId, 'OrgUnit', 'unitId'));
    if (!unit) throw new NotFoundError('OrgUnit');
    if (!this.ctx.auth.isStaffOf(unit.path)) throw new ForbiddenError(msg('appointments.notStaffCoverage', { unit: unit.name }));
    const day = date ?? todayInChina();
    // The subtree as a LIKE pattern taken literally (the caller's unit path is data, not a pattern).
    const subtree = subtreePattern(unit.path);
    const totals = (await runSqlOne<{ required: number; covered: number; gap_ids: number[] }>(this.ctx.em, coverageOnDaySql(unit.id, day)))!;
    const ending = await runSql<{ id: number }>(this.ctx.em, appointmentsEndingSql(subtree, day, addDays(day, ENDING_WITHIN_DAYS)));
    return Object.assign(new LiaisonCoverage(), {
      unitId: unit.id,
      date: day,
      requiredUnits: totals.required,
      coveredUnits: totals.covered,
      rate: coverageRate(totals.required, totals.covered),
      gapIds: totals.gap_ids.map(Number),
      endingSoonIds: ending.map((r) => r.id),
      endingWithinDays: ENDING_WITHIN_DAYS,
    });
  }

  /**
   * The coverage rate of the subtree of `unitId` on each of `days`, in order; one statement. No
   * scope check: for callers that checked theirs (the dashboard).
   */
  async ratesOnDays(unitId: number, days: readonly string[]): Promise<number[]> {
    const rows = await runSql<{ day: string; required: number; covered: number }>(this.ctx.em, coverageOnDaysSql(unitId, days));
    return days.map((day) => {
      const r = rows.find((x) => x.day === day);
      return r ? coverageRate(r.required, r.covered) : 1;
    });
  }
}

/** Recomputes the maintained liaison coverage aggregates from the appointments and units, in the caller's transaction. */
export async function rebuildLiaisonAggregates(em: EntityManager): Promise<void> {
  await runSql(em, rebuildLiaisonAggregatesSql());
}
