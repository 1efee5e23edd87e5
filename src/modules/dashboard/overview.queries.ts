import { ident, join, nameLiteral, sql, type Sql } from '../../db/sql';
import { addDays } from '../../common/dates';
import { ItemStatus, itemMaintenanceDueSql, itemOverdueSql, itemPeriodicDueSql, itemWithholdingPendingSql, TASK_LOOKAHEAD_DAYS } from '../catalogue';
import { PublishingLevel } from '../organisation';

/**
 * The dashboard's own statements. Each aggregates over a subtree (`path like <pattern>`) with GROUP
 * BY: the statement count does not grow with the tree. The statistics and liaison sections run
 * those modules' statements, through their services.
 */

export const STATUSES = Object.values(ItemStatus);
export const LEVELS = Object.values(PublishingLevel);

/** Name of the counter column of items in `status` at `level`. */
export function cellColumn(status: ItemStatus, level: PublishingLevel): string {
  return `c_${STATUSES.indexOf(status)}_${LEVELS.indexOf(level)}`;
}

/** Midnight in China of a 'YYYY-MM-DD' day, as an SQL timestamptz expression. */
function chinaDayStart(day: string): Sql {
  return sql`(${day}::date)::timestamp at time zone 'Asia/Shanghai'`;
}

/**
 * Item counters per direct child of the unit at `unitPath` (null: the unit itself), as of `asOf`
 * for `year`. The only group key is the child, and status × level are filtered counts: with a
 * single grouping expression the planner expects few groups and hash-aggregates (a three-key
 * GROUP BY made it sort a million rows on the national tree). Counted per owner unit first (an
 * index-only scan per unit, or one pass over the table for the whole tree), then summed per direct
 * child: the path arithmetic runs once per unit, not per item.
 */
export function itemCountersSql(unitPath: string, subtree: string, year: number, asOf: string): Sql {
  const counters: [string, Sql][] = [
    ...STATUSES.flatMap((status) =>
      LEVELS.map((level): [string, Sql] => [cellColumn(status, level), sql`i.status = ${nameLiteral(status)} and i.level = ${nameLiteral(level)}`]),
    ),
    ['overdue', itemOverdueSql(asOf)],
    ['maintenance_due', itemMaintenanceDueSql(asOf)],
    [
      'maintenance_due_soon',
      sql`i.mode = 'STANDING' and i.is_public and i.next_maintenance_date > ${asOf}::date and i.next_maintenance_date <= ${addDays(asOf, TASK_LOOKAHEAD_DAYS)}::date`,
    ],
    ['periodic_due', itemPeriodicDueSql(asOf)],
    ['withholding_pending', itemWithholdingPendingSql()],
    ['published_in_year', sql`i.published_at >= ${chinaDayStart(`${year}-01-01`)} and i.published_at < ${chinaDayStart(`${year + 1}-01-01`)}`],
    ['published_in_previous_year', sql`i.published_at >= ${chinaDayStart(`${year - 1}-01-01`)} and i.published_at < ${chinaDayStart(`${year}-01-01`)}`],
  ];
  return sql`select nullif(split_part(substr(u.path, ${unitPath.length + 1}::int), '/', 1), '')::int as child_id,
                ${join(
                  counters.map(([name]) => sql`sum(x.${ident(name)})::int as ${ident(name)}`),
                  ', ',
                )}
           from (select i.owner_unit_id,
                        ${join(
                          counters.map(([name, cond]) => sql`count(*) filter (where ${cond}) as ${ident(name)}`),
                          ',\n                        ',
                        )}
                   from disclosure_item i
                  where i.owner_unit_id in (select id from org_unit where path like ${subtree})
                  group by i.owner_unit_id) x
           join org_unit u on u.id = x.owner_unit_id
          group by 1`;
}
