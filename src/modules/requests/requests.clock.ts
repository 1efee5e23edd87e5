import { addWorkingDays, isWorkingDay } from '../catalogue';
import type { WorkCalendar } from '../catalogue/calendar/working-days';

/** Working days to reply after receipt (条例第三十三条). */
export const REPLY_WORKING_DAYS = 20;
/** A correction notice must go out within this many working days of receipt (条例第三十条). */
export const CORRECTION_NOTICE_WITHIN = 7;
/** An extension may add at most this many working days. */
export const MAX_EXTENSION_WORKING_DAYS = 20;
/** A third-party consultation stops the clock for at most this many working days. */
export const MAX_CONSULTATION_WORKING_DAYS = 15;

/** Working days in (from, to]: how long the clock stood still from `from` to `to`. 0 when to ≤ from. */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let n = 0;
  for (let d = new Date(`${from}T00:00:00Z`); ;) {
    d.setUTCDate(d.getUTCDate() + 1);
    const iso = d.toISOString().slice(0, 10);
    if (iso > to) return n;
    if (isWorkingDay(iso, calendar)) n++;
  }
}

/** When the reply is due: 20 working days after receipt, plus the days the clock stood still and an approved extension. */
export function replyDueOn(receivedOn: string, pausedWorkingDays: number, extensionWorkingDays: number, calendar: WorkCalendar): string {
  return addWorkingDays(receivedOn, REPLY_WORKING_DAYS + pausedWorkingDays + extensionWorkingDays, calendar);
}

/** The last day a correction notice may be issued for a request received on `receivedOn`. */
export function correctionNoticeDeadline(receivedOn: string, calendar: WorkCalendar): string {
  return addWorkingDays(receivedOn, CORRECTION_NOTICE_WITHIN, calendar);
}
