import { ForbiddenError, NotFoundError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../graphql/context';
import { OrgUnit, OrgUnitKind } from '../organisation';
import { LiaisonKind } from './liaison-appointment.entity';
import { addDays, todayInChina } from '../../common/dates';
import { LiaisonCoverage } from './liaison.types';

/** Units that must have at least one active DEPARTMENT liaison (DESIGN.md §4). */
export const COVERED_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.DIVISION, OrgUnitKind.SUBORDINATE_OFFICE];
/** How far ahead `endingSoon` looks. */
export const ENDING_WITHIN_DAYS = 30;

/** Liaison coverage of a subtree, computed in two SQL statements whatever the size of the tree. */
export class LiaisonCoverageService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Coverage of the subtree of `unitGlobalId` on `date` (default today); staff in scope only. */
  async coverage(unitGlobalId: string, date?: string | null): Promise<LiaisonCoverage> {
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(unitGlobalId, 'OrgUnit', 'unitId') });
    if (!unit) throw new NotFoundError('Org unit');
    if (!this.ctx.auth.isStaffOf(unit.path)) throw new ForbiddenError(`Only staff over ${unit.name} may read its liaison coverage`);
    const day = date ?? todayInChina();
    const conn = this.ctx.em; // its transaction when it has one
    const subtree = `${unit.path}%`;
    const [totals] = await conn.execute<{ required: number; covered: number; gap_ids: number[] }[]>(
      `select count(*)::int as required,
              count(*) filter (where c.covered)::int as covered,
              coalesce(array_agg(c.id order by c.path) filter (where not c.covered), '{}') as gap_ids
         from (select u.id, u.path,
                      -- IN, not a correlated EXISTS: PostgreSQL hashes the appointments in force once
                      -- instead of probing an index per unit (10,000 probes on the national tree).
                      u.id in (select a.unit_id from liaison_appointment a
                                where a.kind = ? and a.start_date <= ?::date
                                  and (a.end_date is null or a.end_date >= ?::date)) as covered
                 from org_unit u
                where u.path like ? and u.active and u.kind in (?)) c`,
      [LiaisonKind.DEPARTMENT, day, day, subtree, [...COVERED_KINDS]],
    );
    const ending = await conn.execute<{ id: number }[]>(
      `select a.id from liaison_appointment a join org_unit u on u.id = a.unit_id
        where u.path like ? and u.active and a.kind = ? and a.start_date <= ?::date
          and a.end_date between ?::date and ?::date
        order by a.end_date, a.id`,
      [subtree, LiaisonKind.DEPARTMENT, day, day, addDays(day, ENDING_WITHIN_DAYS)],
    );
    return Object.assign(new LiaisonCoverage(), {
      unitId: unit.id,
      date: day,
      requiredUnits: totals.required,
      coveredUnits: totals.covered,
      rate: totals.required ? totals.covered / totals.required : 1,
      gapIds: totals.gap_ids.map(Number),
      endingSoonIds: ending.map((r) => r.id),
      endingWithinDays: ENDING_WITHIN_DAYS,
    });
  }
}
