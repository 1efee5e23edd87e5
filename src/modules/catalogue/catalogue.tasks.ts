import { TaskKind, TaskProvider, TaskRecord } from '../../common/tasks';
import { toGlobalId } from '../../common/global-id';
import { runSql, type Sql } from '../../db/sql';
import {
  ITEM_TASK_COLUMNS, itemMaintenanceDueSql, itemOverdueSql, itemPeriodicDueSql, itemReturnedSql, itemTasksSql,
} from './catalogue.queries';
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

/** Builds a provider running one SQL statement over the given units' items. */
function itemTaskProvider(kind: TaskKind, columns: Sql, condition: (today: string) => Sql): TaskProvider {
  return async (ctx, units, today) => {
    if (!units.length) return [];
    const rows = await runSql<TaskRow>(ctx.em, itemTasksSql(columns, units.map((u) => u.id), condition(today)));
    return rows.map((r): TaskRecord => ({
      kind, unitId: r.owner_unit_id, title: r.title, dueDate: r.due, targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', r.id), detail: r.detail,
    }));
  };
}

/** Liaison tasks contributed by the catalogue: overdue, returned, maintenance-due and periodic-due items. */
export const catalogueTaskProviders: TaskProvider[] = [
  itemTaskProvider(TaskKind.ITEM_OVERDUE, ITEM_TASK_COLUMNS.overdue, (today) => itemOverdueSql(today)),
  itemTaskProvider(TaskKind.ITEM_RETURNED, ITEM_TASK_COLUMNS.returned, () => itemReturnedSql()),
  itemTaskProvider(TaskKind.ITEM_MAINTENANCE_DUE, ITEM_TASK_COLUMNS.maintenanceDue, (today) => itemMaintenanceDueSql(addDays(today, TASK_LOOKAHEAD_DAYS))),
  itemTaskProvider(TaskKind.ITEM_PERIODIC_DUE, ITEM_TASK_COLUMNS.periodicDue, (today) => itemPeriodicDueSql(addDays(today, TASK_LOOKAHEAD_DAYS))),
];
