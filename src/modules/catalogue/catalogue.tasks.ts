import { TaskKind, TaskProvider, TaskRecord } from '../../common/tasks';
import { toGlobalId } from '../../common/global-id';
import { runSql, type Sql } from '../../db/sql';
import {
  ITEM_TASK_COLUMNS,
  itemMaintenanceDueSql,
  itemOverdueSql,
  itemPeriodicDueSql,
  itemResubmitAfterDiscloseSql,
  itemReturnedSql,
  itemTasksSql,
} from './catalogue.queries';
import { catalogueRoleTaskProviders } from './role-tasks';
import { canReadReviews, isItemStaff } from './catalogue.policy';
import { addDays } from './calendar/working-days';
import { translatorOf } from '../../i18n';

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
function itemTaskProvider(kind: TaskKind, columns: Sql, condition: (today: string) => Sql, withComment = false, detailKey?: string): TaskProvider {
  return async (ctx, allUnits, today) => {
    const units = allUnits.filter((u) => isItemStaff(ctx.auth, u.path));
    if (!units.length) return [];
    const commentUnits = new Set(units.filter((u) => withComment && canReadReviews(ctx.auth, u.path)).map((u) => u.id));
    const rows = await runSql<TaskRow>(
      ctx.em,
      itemTasksSql(
        columns,
        units.map((u) => u.id),
        condition(today),
      ),
    );
    const t = translatorOf(ctx);
    return rows.map((r): TaskRecord => ({
      kind,
      unitId: r.owner_unit_id,
      title: r.title,
      dueDate: r.due,
      targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', r.id),
      // A fixed detail comes from the message catalogue (tasks.detail.*); a return comment is the reviewer's own words.
      detail: detailKey ? t(detailKey) : !withComment || commentUnits.has(r.owner_unit_id) ? r.detail : null,
    }));
  };
}

/** Liaison tasks contributed by the catalogue: overdue, returned, maintenance-due and periodic-due items. */
export const catalogueTaskProviders: TaskProvider[] = [
  itemTaskProvider(TaskKind.ITEM_OVERDUE, ITEM_TASK_COLUMNS.overdue, (today) => itemOverdueSql(today), false, 'tasks.detail.overdue'),
  itemTaskProvider(TaskKind.ITEM_RETURNED, ITEM_TASK_COLUMNS.returned, () => itemReturnedSql(), true),
  itemTaskProvider(
    TaskKind.ITEM_MAINTENANCE_DUE,
    ITEM_TASK_COLUMNS.maintenanceDue,
    (today) => itemMaintenanceDueSql(addDays(today, TASK_LOOKAHEAD_DAYS)),
    false,
    'tasks.detail.maintenanceDue',
  ),
  itemTaskProvider(
    TaskKind.ITEM_PERIODIC_DUE,
    ITEM_TASK_COLUMNS.periodicDue,
    (today) => itemPeriodicDueSql(addDays(today, TASK_LOOKAHEAD_DAYS)),
    false,
    'tasks.detail.periodicDue',
  ),
  itemTaskProvider(
    TaskKind.ITEM_RESUBMIT_AFTER_DISCLOSE,
    ITEM_TASK_COLUMNS.resubmitAfterDisclose,
    () => itemResubmitAfterDiscloseSql(),
    false,
    'tasks.detail.resubmitAfterDisclose',
  ),
  ...catalogueRoleTaskProviders,
];
