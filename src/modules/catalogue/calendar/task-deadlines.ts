import type { EntityManager } from '@mikro-orm/postgresql';
import { holidayCalendar } from './holiday-calendar.cache';
import { addWorkingDays } from './working-days';

/**
 * Working days (工作日) a task may take from the day its object entered the state that asks for
 * the work, counted on the holiday calendar (official holidays skipped, make-up days counted).
 *
 * Where the numbers come from:
 * - The statutory limit is 《政府信息公开条例》第二十六条: an item is published within 20 working
 *   days of its formed or changed date (DESIGN.md §3; the item's `publishDeadline`), and a request
 *   for disclosure is answered within 20 working days of receipt, extendable by 20 (条例第三十三条;
 *   DESIGN.md §11; the request's `dueOn`, kept by the requests module). Those dates are used as they are.
 * - The steps inside the 20 days (review, publication, withholding ruling, acceptance of
 *   statistics, the response to an inspection) have no limit of their own in the reference
 *   documents (/work/shared/reference: the Tianjin, Huangpu and Xining reports and 天津海关关于进一步
 *   规范关务公开工作的实施方案 name none). We give each step 5 working days — the same window the
 *   deadline reminders announce (reminders.ts DUE_SOON_WORKING_DAYS) and a quarter of the statutory
 *   20, so that submission, two reviews and publication fit in it — and never later than the
 *   statutory date itself (`dueBy`). A withholding ruling and an inspection response, which need a
 *   superior's or a unit's considered answer and have no statutory date, get 10.
 */
export const TASK_WORKING_DAYS = {
  REVIEW: 5,
  PUBLISH: 5,
  WITHHOLDING_RULING: 10,
  STATISTICS_ACCEPTANCE: 5,
  INSPECTION_RESPONSE: 10,
} as const;

/** Working days before a request's statutory date from which it shows as a task (the reminders' window). */
export const REQUEST_WARNING_WORKING_DAYS = 5;

/**
 * Fills due dates of rows that entered their state on `since` (YYYY-MM-DD): `since` plus `workingDays`
 * working days, or the statutory `limit` of the row when that comes first. Reads the holiday calendar
 * once (none when the process caches it, and none without rows).
 */
export async function dueDates<T extends { since: string | null; limit?: string | null }>(
  em: EntityManager,
  rows: T[],
  workingDays: number,
): Promise<(T & { due: string | null })[]> {
  if (!rows.length) return [];
  const calendar = await holidayCalendar(em);
  return rows.map((r) => {
    const due = r.since ? addWorkingDays(r.since, workingDays, calendar) : null;
    const limit = r.limit ?? null;
    return { ...r, due: due && limit ? (limit < due ? limit : due) : (due ?? limit) };
  });
}

/** The day `workingDays` working days after `day`, on the holiday calendar (one read at most, none when cached). */
export async function workingDaysAfter(em: EntityManager, day: string, workingDays: number): Promise<string> {
  return addWorkingDays(day, workingDays, await holidayCalendar(em));
}
