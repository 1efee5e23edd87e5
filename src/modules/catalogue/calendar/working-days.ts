import { addDays, todayInChina } from '../../../common/dates';

/** Kind of a calendar exception: an official holiday (放假) or a make-up working day (调休上班). */
export type CalendarDayKind = 'HOLIDAY' | 'WORKDAY';

/** Exceptions to the Monday–Friday week, by ISO date (YYYY-MM-DD). */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;

function parseIsoDate(date: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`not an ISO date: ${date}`);
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`not an ISO date: ${date}`);
  return t;
}

function toIsoDate(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** Is `date` a working day: a weekday that is not a holiday, or a weekend make-up day (调休)? */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workdays.has(date)) return true;
  const dow = new Date(parseIsoDate(date)).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The date `n` working days after `start` (start itself not counted), following the holiday
 * calendar: official holidays are skipped and weekend make-up days count. n = 0 returns start.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`working days must be a non-negative integer, got ${n}`);
  let t = parseIsoDate(start);
  let left = n;
  while (left > 0) {
    t += DAY_MS;
    if (isWorkingDay(toIsoDate(t), calendar)) left--;
  }
  return toIsoDate(t);
}

/** Adds calendar months to an ISO date, clamping to the month's last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: string, months: number): string {
  const d = new Date(parseIsoDate(date));
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return toIsoDate(Date.UTC(y, m, Math.min(d.getUTCDate(), lastDay)));
}

/** Is the string a real calendar date in ISO form? */
export function isIsoDate(date: string): boolean {
  try {
    parseIsoDate(date);
    return true;
  } catch {
    return false;
  }
}

/** Builds a WorkCalendar from rows of the holiday table. */
export function calendarFromDays(days: { date: string; kind: CalendarDayKind }[]): WorkCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'HOLIDAY').map((d) => d.date)),
    workdays: new Set(days.filter((d) => d.kind === 'WORKDAY').map((d) => d.date)),
  };
}

export { addDays, todayInChina };

const enteredByCalendar = new WeakMap<WorkCalendar, ReadonlySet<number>>();
/** Years whose holiday arrangement has been entered (every entered year has its 元旦 at least). */
export function enteredYears(calendar: WorkCalendar): ReadonlySet<number> {
  let years = enteredByCalendar.get(calendar);
  if (!years) {
    years = new Set([...calendar.holidays, ...calendar.workdays].map((d) => Number(d.slice(0, 4))));
    enteredByCalendar.set(calendar, years);
  }
  return years;
}

/** The years from `from` to `to` (ISO dates) whose holiday calendar has not been entered: working days counted there are a guess. */
export function missingCalendarYears(from: string, to: string, calendar: WorkCalendar): number[] {
  const entered = enteredYears(calendar);
  const missing: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) if (!entered.has(y)) missing.push(y);
  return missing;
}
