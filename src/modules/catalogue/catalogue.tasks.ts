import { TaskKind, TaskProvider, TaskRecord } from '../../common/tasks';
import { toGlobalId } from '../../common/global-id';
import { REVIEW_READER_ROLES } from './disclosure-item.service';
import { addDays } from './working-days';

/** Days ahead that maintenance and periodic due dates are announced as tasks. */
export const TASK_LOOKAHEAD_DAYS = 14;

interface TaskRow {
  id: number;
  owner_unit_id: number;
  title: string;
  due: string | null;
  detail: string | null;
}

/**
 * Builds a provider running one SQL statement over the given units' items. A task shows no more
 * than the caller may read elsewhere: only items of units where it is staff (a DEPARTMENT
 * appointment alone reads no unpublished item), and a review comment only where it may read
 * the item's `reviews` (`withComment`).
 */
function itemTaskProvider(kind: TaskKind, select: string, condition: (today: string) => { sql: string; params: unknown[] }, withComment = false): TaskProvider {
  return async (ctx, allUnits, today) => {
    const units = allUnits.filter((u) => ctx.auth.isStaffOf(u.path));
    if (!units.length) return [];
    const commentUnits = new Set(units.filter((u) => withComment && ctx.auth.hasRoleOver(REVIEW_READER_ROLES, u.path)).map((u) => u.id));
    const cond = condition(today);
    const rows = await ctx.em.getConnection().execute<TaskRow[]>(
      `select i.id, i.owner_unit_id, i.title, ${select}
         from disclosure_item i
        where i.owner_unit_id in (${units.map(() => '?').join(', ')}) and ${cond.sql}
        order by due nulls last, i.id`,
      [...units.map((u) => u.id), ...cond.params],
    );
    return rows.map((r): TaskRecord => ({
      kind, unitId: r.owner_unit_id, title: r.title, dueDate: r.due, targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', r.id), detail: !withComment || commentUnits.has(r.owner_unit_id) ? r.detail : null,
    }));
  };
}

const NOT_WITHHELD = `coalesce(i.withholding_status, '') not in ('PENDING', 'WITHHOLD')`;

// Conditions on an item aliased `i`, each with one date parameter; shared with the dashboard so a
// task and a dashboard figure never disagree on what "overdue" or "due" means.
/** SQL: the item is overdue on the date (not published within its deadline, no withholding pending or upheld). */
export const ITEM_OVERDUE_SQL = `i.status not in ('PUBLISHED', 'RETIRED') and i.publish_deadline < ? and ${NOT_WITHHELD}`;
/** SQL: the live STANDING item's maintenance check falls on or before the date. */
export const ITEM_MAINTENANCE_DUE_SQL = `i.mode = 'STANDING' and i.is_public and i.next_maintenance_date <= ?`;
/** SQL: the PERIODIC item's next update falls on or before the date. */
export const ITEM_PERIODIC_DUE_SQL = `i.mode = 'PERIODIC' and i.status <> 'RETIRED' and i.next_due_date <= ? and ${NOT_WITHHELD}`;

/** Liaison tasks contributed by the catalogue: overdue, returned, maintenance-due and periodic-due items. */
export const catalogueTaskProviders: TaskProvider[] = [
  itemTaskProvider(
    TaskKind.ITEM_OVERDUE,
    `to_char(i.publish_deadline, 'YYYY-MM-DD') as due, '逾期未公开' as detail`,
    (today) => ({ sql: ITEM_OVERDUE_SQL, params: [today] }),
  ),
  itemTaskProvider(
    TaskKind.ITEM_RETURNED,
    `to_char(i.publish_deadline, 'YYYY-MM-DD') as due,
     (select r.comment from disclosure_review r where r.item_id = i.id and r.round = i.review_round and r.decision = 'RETURN' order by r.id desc limit 1) as detail`,
    () => ({ sql: `i.status = 'RETURNED'`, params: [] }),
    true,
  ),
  itemTaskProvider(
    TaskKind.ITEM_MAINTENANCE_DUE,
    `to_char(i.next_maintenance_date, 'YYYY-MM-DD') as due, '长期公开内容定期检查维护' as detail`,
    (today) => ({ sql: ITEM_MAINTENANCE_DUE_SQL, params: [addDays(today, TASK_LOOKAHEAD_DAYS)] }),
  ),
  itemTaskProvider(
    TaskKind.ITEM_PERIODIC_DUE,
    `to_char(i.next_due_date, 'YYYY-MM-DD') as due, '定期公开内容到期更新' as detail`,
    (today) => ({ sql: ITEM_PERIODIC_DUE_SQL, params: [addDays(today, TASK_LOOKAHEAD_DAYS)] }),
  ),
];
