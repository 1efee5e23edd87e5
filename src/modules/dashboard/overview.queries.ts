import { ident, join, nameLiteral, sql, type Sql } from '../../db/sql';
import { addDays } from '../../common/dates';
import { ItemStatus, TASK_LOOKAHEAD_DAYS } from '../catalogue';
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

/**
 * Item counters per direct child of the unit (null: the unit's own items, its subtree less its
 * children's), as of `asOf` for `year`, from the maintained counters (item_status_count per status ×
 * level, Migration20261201001900_item_status_count; item_due per deadline or due day and per year of publication; kept by triggers, see
 * Migration20261201000500_aggregates). Reads the unit's and its direct children's rows only: the
 * cost does not grow with the subtree. The day conditions match the catalogue's item predicates
 * (itemOverdueSql, itemMaintenanceDueSql, itemPeriodicDueSql), which the triggers apply when counting.
 */
export function itemCountersSql(unitId: number, year: number, asOf: string): Sql {
  const cells = STATUSES.flatMap((status) =>
    LEVELS.map(
      (level) => sql`sum(c.n) filter (where c.status = ${nameLiteral(status)} and c.level = ${nameLiteral(level)}) as ${ident(cellColumn(status, level))}`,
    ),
  );
  const due: [string, Sql][] = [
    ['overdue', sql`d.kind = 'OVERDUE' and d.day < ${asOf}::date`],
    ['maintenance_due', sql`d.kind = 'MAINTENANCE' and d.day <= ${asOf}::date`],
    ['maintenance_due_soon', sql`d.kind = 'MAINTENANCE' and d.day > ${asOf}::date and d.day <= ${addDays(asOf, TASK_LOOKAHEAD_DAYS)}::date`],
    ['periodic_due', sql`d.kind = 'PERIODIC' and d.day <= ${asOf}::date`],
    ['published_in_year', sql`d.kind = 'PUBLISHED' and d.day = ${`${year}-01-01`}::date`],
    ['published_in_previous_year', sql`d.kind = 'PUBLISHED' and d.day = ${`${year - 1}-01-01`}::date`],
  ];
  const names = [...STATUSES.flatMap((status) => LEVELS.map((level) => cellColumn(status, level))), 'withholding_pending', ...due.map(([n]) => n)];
  // Each child's rows are read once: the unit's own counters are its subtree's less its children's
  // (the windowed sums), and the folded row of past days (day '-infinity', see fold_item_due) counts
  // for every day condition below, all of which compare with asOf or later.
  const value = (n: string) => sql`coalesce(${ident(n)}, 0)`;
  return sql`with g as (select ${unitId}::int as unit_id, 0 as child_key
                   union all select id, id from org_unit where parent_id = ${unitId}),
           counts as (select g.child_key, ${join(cells, ',\n                             ')},
                             sum(c.n) filter (where c.withholding_pending) as withholding_pending
                        from g join item_status_count c on c.unit_id = g.unit_id group by g.child_key),
           dues as (select g.child_key, ${join(
             due.map(([name, cond]) => sql`sum(d.n) filter (where ${cond}) as ${ident(name)}`),
             ',\n                           ',
           )}
                      from g join item_due d on d.unit_id = g.unit_id
                     -- Only rows some counter counts: maintenance days beyond the look-ahead (most of
                     -- a unit's rows, up to a year ahead) count for none.
                     where ${join(
                       due.map(([, cond]) => sql`(${cond})`),
                       ' or ',
                     )}
                     group by g.child_key),
           rows as (select coalesce(counts.child_key, dues.child_key) as k, ${join(
             names.map((n) => sql`${value(n)} as ${ident(n)}`),
             ', ',
           )}
                      from counts full join dues on dues.child_key = counts.child_key)
      select nullif(k, 0) as child_id,
             ${join(
               names.map(
                 (n) =>
                   sql`(case when k = 0 then ${ident(n)} - coalesce(sum(${ident(n)}) filter (where k <> 0) over (), 0) else ${ident(n)} end)::int as ${ident(n)}`,
               ),
               ',\n             ',
             )},
             (select folded_before::text from item_due_fold) as folded_before
        from rows`;
}
