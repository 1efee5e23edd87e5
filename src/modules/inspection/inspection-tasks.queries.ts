import { sql, type Sql } from '../../db/sql';

/** Statements behind the inspection module's tasks (inspection.tasks.ts); inspections `x`, inspected units `u`, schemes `s`. */

/**
 * Open inspections of units in the caller's INSPECTOR reach (`inspector`: a condition on u.path),
 * except units at or above one of the caller's own grants (`ownPaths`), which it may not score.
 */
export function inspectionScoringPendingSql(inspector: Sql, ownPaths: readonly string[]): Sql {
  return sql`select x.id, x.unit_id, u.name as unit_name, s.name as scheme_name, s.year, null::text as since
      from inspection x join org_unit u on u.id = x.unit_id join inspection_scheme s on s.id = x.scheme_id
     where x.status = 'OPEN' and ${inspector}
       and not exists (select 1 from unnest(${[...ownPaths]}::text[]) as g(path) where g.path like u.path || '%')
     order by x.id`;
}

/** Submitted inspections of units in the caller's OFFICE_ADMIN reach (`admin`: a condition on u.path) that have no response yet, with the day of submission. */
export function inspectionResponsePendingSql(admin: Sql): Sql {
  return sql`select x.id, x.unit_id, u.name as unit_name, s.name as scheme_name, s.year,
        to_char(x.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as since
      from inspection x join org_unit u on u.id = x.unit_id join inspection_scheme s on s.id = x.scheme_id
     where x.status = 'SUBMITTED' and x.response is null and ${admin}
     order by x.id`;
}
