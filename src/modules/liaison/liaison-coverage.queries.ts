import { sql, type Sql } from '../../db/sql';
import { OrgUnitKind } from '../organisation';
import { LiaisonKind } from './liaison-appointment.entity';

/**
 * Liaison coverage in SQL (DESIGN.md §4: every active DIVISION / SUBORDINATE_OFFICE unit has a
 * DEPARTMENT liaison in office that day). The rule is applied when the aggregates are maintained
 * (liaison_refresh in Migration20261201001300_liaison_coverage, which names the same kinds as
 * COVERED_KINDS); the coverage service and the dashboard read them through these statements.
 */

/** Units that must have at least one active DEPARTMENT liaison (DESIGN.md §4). */
export const COVERED_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.DIVISION, OrgUnitKind.SUBORDINATE_OFFICE];

/**
 * On `day`: how many units of the subtree of `unitId` need a liaison, how many have one, and the
 * ids of the others (by path), from the maintained aggregates (liaison_required, liaison_cover,
 * liaison_gap; kept by triggers, see Migration20261201001300_liaison_coverage). Reads the root's
 * required count, its per-day coverage changes up to `day` and its gaps on `day`: the cost does not
 * grow with the number of units in the subtree.
 */
export function coverageOnDaySql(unitId: number, day: string): Sql {
  return sql`select coalesce((select n from liaison_required where unit_id = ${unitId}), 0)::int as required,
              coalesce((select sum(n) from liaison_cover where unit_id = ${unitId} and day <= ${day}::date), 0)::int as covered,
              coalesce((select array_agg(u.id order by u.path) from liaison_gap g join org_unit u on u.id = g.gap_unit_id
                         where g.unit_id = ${unitId} and g.during @> ${day}::date), '{}') as gap_ids`;
}

/** For each of `days`: how many units of the subtree of `unitId` need a liaison and how many have one, from the maintained aggregates. */
export function coverageOnDaysSql(unitId: number, days: readonly string[]): Sql {
  return sql`select to_char(d.day, 'YYYY-MM-DD') as day,
                coalesce((select n from liaison_required where unit_id = ${unitId}), 0)::int as required,
                coalesce((select sum(c.n) from liaison_cover c where c.unit_id = ${unitId} and c.day <= d.day), 0)::int as covered
           from unnest(${[...days]}::date[]) d(day)`;
}

/** Recomputes the maintained coverage aggregates from the appointments and units (blocks their writes, not reads, while it runs). */
export function rebuildLiaisonAggregatesSql(): Sql {
  return sql`select rebuild_liaison_aggregates()`;
}

/** DEPARTMENT appointments of active units in the subtree in force on `day` and ending by `until`, soonest first. */
export function appointmentsEndingSql(subtree: string, day: string, until: string): Sql {
  return sql`select a.id from liaison_appointment a join org_unit u on u.id = a.unit_id
        where u.path like ${subtree} and u.active and a.kind = ${LiaisonKind.DEPARTMENT} and a.start_date <= ${day}::date
          and a.end_date between ${day}::date and ${until}::date
        order by a.end_date, a.id`;
}
