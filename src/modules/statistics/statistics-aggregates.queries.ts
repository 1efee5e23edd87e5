import { ident, join, sql, type Sql } from '../../db/sql';
import type { MainFigure } from './template-definitions';

/**
 * Reads of the maintained statistics aggregates (stat_subtree_total, stat_subtree_accepted; kept by
 * triggers, see Migration20261201000500_aggregates) and their rebuild. A read touches the unit's
 * and its direct children's rows only, so its cost does not grow with the subtree.
 */

/**
 * Subtree totals per key of the unit and of each direct child, for the year and the template
 * versions of `templateCode`. A consolidated submission counts for its whole subtree.
 */
export function rollupTotalsSql(args: { unitId: number; year: number; templateCode: string }): Sql {
  const { unitId, year, templateCode } = args;
  // Every key of the year's rows: the caller keeps its template's summable ones. Filtering here by
  // a list of ~200 keys compared each row with the whole list; with the key columns and the sums
  // all in the primary key's index (include (total, units)) the read is an index-only scan.
  // (Shaping the ~10,000 totals of a whole country as JSON arrays per unit here, ordered by the
  // template, cost PostgreSQL 3-4 times the plain read: more than it saved Node.)
  return sql`select x.unit_id, x.key, sum(x.total)::float8 as total, sum(x.units)::int as units
         from stat_subtree_total x
        where x.year = ${year}
          and x.template_id in (select id from statistics_template where code = ${templateCode})
          -- = any(array(…)): one index search per unit; an OR with IN (subquery) read every unit's rows of the year.
          and x.unit_id = any(array(select ${unitId}::int union all select id from org_unit where parent_id = ${unitId}))
        group by x.unit_id, x.key
       having sum(x.units) > 0`;
}

/** Accepted submissions in the unit's subtree for the year. */
export function acceptedInSubtreeSql(unitId: number, year: number): Sql {
  return sql`select coalesce((select accepted from stat_subtree_accepted where unit_id = ${unitId} and year = ${year}), 0) as accepted`;
}

/**
 * Accepted submissions in the unit's subtree for each of `years` (years without any are absent),
 * with the main figures summed from the maintained totals. `figures`
 * tells, per figure, where it lives in each template family (a figure with several keys is their sum).
 */
export function mainFigureTotalsSql(unitId: number, years: readonly number[], figures: Record<MainFigure, Record<string, string[]>>): Sql {
  const sums = Object.entries(figures).map(([name, byTemplate]) => {
    const whens = Object.entries(byTemplate).map(([code, keys]) => sql`(t.code = ${code} and x.key = any(${keys}::text[]))`);
    return sql`sum(x.total) filter (where ${join(whens, ' or ')})::float8 as ${ident(name)}`;
  });
  return sql`select a.year, a.accepted, ${join(sums, ', ')}
         from stat_subtree_accepted a
         left join (stat_subtree_total x join statistics_template t on t.id = x.template_id)
                on x.unit_id = a.unit_id and x.year = a.year and x.units > 0
        where a.unit_id = ${unitId} and a.year = any(${[...years]}::int[]) and a.accepted > 0
        group by a.year, a.accepted`;
}

/** Recomputes the statistics aggregates from the accepted rows (blocks statistics writes, not reads, while it runs). */
export function rebuildStatAggregatesSql(): Sql {
  return sql`select rebuild_stat_aggregates()`;
}
