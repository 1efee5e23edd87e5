import { sql, type Sql } from '../../db/sql';

/** Every hand-written statement of the exports. Units are aliased `u`. */

/** One unit's row of a statistics export. */
export interface StatisticsExportRow {
  code: string;
  name: string;
  path: string;
  status: string | null;
  revision: number | null;
  template_code: string | null;
  figures: Record<string, number | string> | null;
}

/**
 * One batch of a statistics export: the units of a subtree the caller is staff of (`inScope`
 * over `u.path`), in path order after `afterPath` (keyset: each batch is an index range scan, however
 * deep into a national export), each with its current revision for the year (the working copy if
 * any, else the accepted one; superseded revisions never), or none.
 */
export function statisticsExportBatchSql(subtreePath: string, inScope: Sql, year: number, afterPath: string, limit: number): Sql {
  return sql`select u.code, u.name, u.path, s.status, s.revision, t.code as template_code, s.figures
       from org_unit u
       left join lateral (select a.status, a.revision, a.template_id, a.figures from annual_statistics a
                           where a.unit_id = u.id and a.year = ${year} and a.status <> 'SUPERSEDED'
                           order by a.revision desc limit 1) s on true
       left join statistics_template t on t.id = s.template_id
      where u.path ~>=~ ${subtreePath} and u.path ~<~ ${subtreePath + '~'} and u.path ~>~ ${afterPath} and ${inScope}
      order by u.path using ~<~
      limit ${limit}`;
}
