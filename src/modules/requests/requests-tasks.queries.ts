import { sql, type Sql } from '../../db/sql';

/**
 * Requests for disclosure running (OPEN: a paused clock, awaiting correction or a third party, does
 * not run) whose statutory date `due_on` falls on or before `until`, of bodies in the caller's
 * handler reach (`handler`: a condition on the body's path b.path).
 */
export function requestDeadlinePendingSql(handler: Sql, until: string): Sql {
  return sql`select r.id, r.body_unit_id, r.tracking_number, left(r.description, 40) as description, to_char(r.due_on, 'YYYY-MM-DD') as due
      from disclosure_request r join org_unit b on b.id = r.body_unit_id
     where r.status = 'OPEN' and r.due_on <= ${until}::date and ${handler}
     order by r.due_on, r.id`;
}
