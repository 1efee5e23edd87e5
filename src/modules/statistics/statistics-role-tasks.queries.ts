import { sql, type Sql } from '../../db/sql';

/** Statements behind the statistics module's tasks for admins and publishers (statistics-role-tasks.ts); units `u`. */

/** The path of a unit's parent, in SQL ('/1/5/12/' → '/1/5/'). */
const PARENT_PATH = sql`regexp_replace(u.path, '[0-9]+/$', '')`;

/** Statistics submitted by units whose parent is in the caller's OFFICE_ADMIN reach (`reviewer`: a condition on the parent's path), with the day of submission. */
export function statisticsAcceptancePendingSql(reviewer: (parentPath: Sql) => Sql): Sql {
  return sql`select s.id, s.unit_id, u.name as unit_name, s.year, to_char(s.submitted_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as since
      from annual_statistics s join org_unit u on u.id = s.unit_id
     where s.status = 'SUBMITTED' and ${reviewer(PARENT_PATH)}
     order by s.id`;
}

/** Annual reports approved by both reviews, of units in the caller's publisher reach (`publisher`: a condition on u.path), with the day of the last review. */
export function reportPublicationPendingSql(publisher: Sql): Sql {
  return sql`select r.id, r.unit_id, u.name as unit_name, r.year,
        to_char(coalesce((select max(v.created_at) from annual_report_review v where v.report_id = r.id), r.updated_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as since
      from annual_report r join org_unit u on u.id = r.unit_id
     where r.status = 'APPROVED' and ${publisher}
     order by r.id`;
}
