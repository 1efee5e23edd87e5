import { sql, type Sql } from '../../db/sql';

/**
 * The catalogue's hand-written statements other than the item list (disclosure-item.queries.ts)
 * and the holiday calendar (calendar/holiday-calendar.queries.ts): the category tree with counts,
 * the loaders' batches and the item tasks.
 */

/**
 * The categories a unit uses (standard plus its district's local ones), each with the count of
 * published items of the unit (and its subtree when `includeSubunits`) in it; GROUP BY.
 */
export function catalogueTreeSql(unitId: number, includeSubunits: boolean): Sql {
  return sql`with unit as (select id, path from org_unit where id = ${unitId}),
            counts as (
              select i.pub_category_id as category_id, count(*)::int as n
                from disclosure_item i join org_unit u on u.id = i.owner_unit_id, unit
               where i.is_public and (case when ${includeSubunits} then u.path like unit.path || '%' else u.id = unit.id end)
               group by i.pub_category_id)
       select c.*, coalesce(counts.n, 0) as published_count
         from unit, catalogue_category c
         left join counts on counts.category_id = c.id
         left join org_unit ou on ou.id = c.owner_unit_id
        where c.owner_unit_id is null or unit.path like ou.path || '%' or (${includeSubunits} and ou.path like unit.path || '%')
        order by c.sort_order, c.id`;
}

/** Categories by id and all their ancestors (one batch of the category loader). */
export function categoriesWithAncestorsSql(ids: readonly number[]): Sql {
  return sql`with recursive t as (
       select * from catalogue_category where id = any(${[...ids]}::int[])
       union
       select c.* from catalogue_category c join t on c.id = t.parent_id)
     select * from t`;
}

/** Working and published bodies of items (lists leave them out). */
export function itemBodiesSql(ids: readonly number[]): Sql {
  return sql`select id, body, pub_body from disclosure_item where id = any(${[...ids]}::int[])`;
}

const NOT_WITHHELD = sql`coalesce(i.withholding_status, '') not in ('PENDING', 'WITHHOLD')`;

// Conditions on an item aliased `i` as of a date; shared with the dashboard so a task and a
// dashboard figure never disagree on what "overdue" or "due" means.
/** SQL: the item is overdue on `day` (not published within its deadline, no withholding pending or upheld). */
export function itemOverdueSql(day: string): Sql {
  return sql`i.status not in ('PUBLISHED', 'RETIRED') and i.publish_deadline < ${day} and ${NOT_WITHHELD}`;
}
/** SQL: the live STANDING item's maintenance check falls on or before `day`. */
export function itemMaintenanceDueSql(day: string): Sql {
  return sql`i.mode = 'STANDING' and i.is_public and i.next_maintenance_date <= ${day}`;
}
/** SQL: the PERIODIC item's next update falls on or before `day`. */
export function itemPeriodicDueSql(day: string): Sql {
  return sql`i.mode = 'PERIODIC' and i.status <> 'RETIRED' and i.next_due_date <= ${day} and ${NOT_WITHHELD}`;
}
/** SQL: the item has a withholding request its superior unit has not ruled on yet. */
export function itemWithholdingPendingSql(): Sql {
  return sql`i.withholding_status = 'PENDING'`;
}
/** SQL: the superior ruled to disclose an item held back: its authors submit it again. */
export function itemResubmitAfterDiscloseSql(): Sql {
  return sql`i.withholding_status = 'DISCLOSE' and i.status in ('DRAFT', 'RETURNED')`;
}
/** SQL: the item was returned to its authors. */
export function itemReturnedSql(): Sql {
  return sql`i.status = 'RETURNED'`;
}

/** The columns a task needs besides id, unit and title: its due date and detail, per kind of task. */
export const ITEM_TASK_COLUMNS = {
  overdue: sql`to_char(i.publish_deadline, 'YYYY-MM-DD') as due, '逾期未公开' as detail`,
  returned: sql`to_char(i.publish_deadline, 'YYYY-MM-DD') as due,
     (select r.comment from disclosure_review r where r.item_id = i.id and r.round = i.review_round and r.decision = 'RETURN' order by r.id desc limit 1) as detail`,
  maintenanceDue: sql`to_char(i.next_maintenance_date, 'YYYY-MM-DD') as due, '长期公开内容定期检查维护' as detail`,
  periodicDue: sql`to_char(i.next_due_date, 'YYYY-MM-DD') as due, '定期公开内容到期更新' as detail`,
  resubmitAfterDisclose: sql`to_char(i.publish_deadline, 'YYYY-MM-DD') as due, '暂不公开申请已裁定予以公开，请重新提交审核' as detail`,
} satisfies Record<string, Sql>;

/** Items of the given units meeting `condition`, as task rows (`columns`: due and detail). */
export function itemTasksSql(columns: Sql, unitIds: readonly number[], condition: Sql): Sql {
  return sql`select i.id, i.owner_unit_id, i.title, ${columns}
         from disclosure_item i
        where i.owner_unit_id = any(${[...unitIds]}::int[]) and ${condition}
        order by due nulls last, i.id`;
}
