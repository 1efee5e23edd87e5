import { Role } from '../../../auth/roles';
import { toGlobalId } from '../../../common/global-id';
import { TaskKind, type TaskProvider } from '../../../common/tasks';
import type { EntityManager } from '@mikro-orm/postgresql';
import { holidayCalendar } from './holiday-calendar.cache';
import { parentPathOf } from '../../organisation/org-path';
import { missingCalendarYears } from './working-days';

/** Messages of the calendar warnings, in one place for the message catalogue to take over. */
export const calendarMessages = {
  task: (year: number) => `${year}年节假日安排尚未录入：按工作日计算的期限暂按周一至周五推算`,
};

/**
 * The years among `asOf`'s year and the next whose holiday calendar has not been entered:
 * deadlines of 20 working days reach into the next year from November on. Read from the
 * process's calendar cache (no statement once cached).
 */
export async function missingCalendarYearsAround(em: EntityManager, asOf: string): Promise<number[]> {
  const year = Number(asOf.slice(0, 4));
  return missingCalendarYears(`${year}-01-01`, `${year + 1}-12-31`, await holidayCalendar(em));
}

/**
 * HOLIDAY_CALENDAR_MISSING: for a CENTRAL_ADMIN (who owns the calendar), one task per missing
 * year, on the administration (the unit among the caller's task units at the tree's root).
 */
export const holidayCalendarMissing: TaskProvider = async (ctx, units, today) => {
  if (!ctx.auth.grants.some((g) => g.role === Role.CENTRAL_ADMIN)) return [];
  const root = units.find((u) => parentPathOf(u.path) === null);
  if (!root) return [];
  const years = await missingCalendarYearsAround(ctx.em, today);
  return years.map((year) => ({
    kind: TaskKind.HOLIDAY_CALENDAR_MISSING,
    unitId: root.id,
    title: calendarMessages.task(year),
    // Deadlines counted in that year are guesses from its first day on.
    dueDate: `${year - 1}-12-31`,
    targetType: 'OrgUnit',
    targetId: toGlobalId('OrgUnit', root.id),
    detail: null,
  }));
};
