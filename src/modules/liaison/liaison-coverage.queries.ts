import { sql, type Sql } from '../../db/sql';
import { OrgUnitKind } from '../organisation';
import { LiaisonKind } from './liaison-appointment.entity';

/**
 * Liaison coverage in SQL: the rule (DESIGN.md §4: every active DIVISION / SUBORDINATE_OFFICE
 * unit has a DEPARTMENT liaison in office that day) lives here once; the coverage service and the
 * dashboard both run these statements.
 */

/** Units that must have at least one active DEPARTMENT liaison (DESIGN.md §4). */
export const COVERED_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.DIVISION, OrgUnitKind.SUBORDINATE_OFFICE];

/** On `day`: how many units of the subtree need a liaison, how many have one, and the ids of the others (by path). */
export function coverageOnDaySql(subtree: string, day: string): Sql {
  return sql`select count(*)::int as required,
              count(*) filter (where c.covered)::int as covered,
              coalesce(array_agg(c.id order by c.path) filter (where not c.covered), '{}') as gap_ids
         from (select u.id, u.path,
                      -- IN, not a correlated EXISTS: PostgreSQL hashes the appointments in force once
                      -- instead of probing an index per unit (10,000 probes on the national tree).
                      u.id in (select a.unit_id from liaison_appointment a
                                where a.kind = ${LiaisonKind.DEPARTMENT} and a.start_date <= ${day}::date
                                  and (a.end_date is null or a.end_date >= ${day}::date)) as covered
                 from org_unit u
                where u.path like ${subtree} and u.active and u.kind = any(${[...COVERED_KINDS]}::text[])) c`;
}

/**
 * For each of `days`: how many units of the subtree need a liaison and how many have one.
 * Joins rather than a per-unit EXISTS: on the national tree that was 20,000 index probes.
 */
export function coverageOnDaysSql(subtree: string, days: readonly string[]): Sql {
  return sql`with units as materialized (
                select u.id from org_unit u where u.path like ${subtree} and u.active and u.kind = any(${[...COVERED_KINDS]}::text[])),
              days (day) as (select unnest(${[...days]}::date[]))
         select to_char(d.day, 'YYYY-MM-DD') as day,
                (select count(*) from units)::int as required,
                (select count(distinct a.unit_id) from liaison_appointment a join units on units.id = a.unit_id
                  where a.kind = ${LiaisonKind.DEPARTMENT} and a.start_date <= d.day and (a.end_date is null or a.end_date >= d.day))::int as covered
           from days d`;
}

/** DEPARTMENT appointments of active units in the subtree in force on `day` and ending by `until`, soonest first. */
export function appointmentsEndingSql(subtree: string, day: string, until: string): Sql {
  return sql`select a.id from liaison_appointment a join org_unit u on u.id = a.unit_id
        where u.path like ${subtree} and u.active and a.kind = ${LiaisonKind.DEPARTMENT} and a.start_date <= ${day}::date
          and a.end_date between ${day}::date and ${until}::date
        order by a.end_date, a.id`;
}
