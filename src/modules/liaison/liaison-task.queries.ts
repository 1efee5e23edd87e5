import { sql, type Sql } from '../../db/sql';
import { LiaisonKind } from './liaison-appointment.entity';

/** Statements behind a liaison's task list. */

/** Active units where the user holds a DEPARTMENT liaison appointment in force on `day`. */
export function appointedUnitsSql(userId: number, day: string): Sql {
  return sql`select distinct u.id, u.path from liaison_appointment a join org_unit u on u.id = a.unit_id
        where a.user_id = ${userId} and a.kind = ${LiaisonKind.DEPARTMENT} and u.active and a.start_date <= ${day}::date and (a.end_date is null or a.end_date >= ${day}::date)`;
}

/** Paths of org units by id. */
export function unitPathsSql(ids: readonly number[]): Sql {
  return sql`select id, path from org_unit where id = any(${[...ids]}::int[])`;
}
