import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, todayInChina } from '../../common/dates';
import { runSql } from '../../db/sql';
import { addWorkingDays, itemMaintenanceDueSql, itemOverdueSql, loadWorkCalendar } from '../catalogue';
import { notificationsZhCN } from '../../i18n/notifications.zh-CN';
import type { NotificationKind } from './notify';
import { insertRemindersSql } from './notifications.queries';
import { itemsDueSql, statisticsMissingSql } from './reminders.queries';
import { sql } from '../../db/sql';
import { tasksZhCN } from '../../i18n/tasks.zh-CN';
import { APPOINTMENT_ENDING, insertAppointmentEndingSql } from './appointment-reminders.queries';

/** Calendar days ahead that the end of a liaison appointment is announced (issue 16 §4; the same 30 days as liaisonCoverage.endingSoon). */
export const APPOINTMENT_ENDING_DAYS = 30;

/** Working days ahead that a publication deadline is announced. */
export const DUE_SOON_WORKING_DAYS = 5;

/** The daily reminder job (graphile-worker cron, 07:00 China time). */
export const REMINDERS_JOB = 'deadline-reminders';

/**
 * Tells liaisons, as of `day`, about items due for publication within 5 working days, overdue
 * items, STANDING items due for maintenance, and last year's statistics not yet submitted (due 31
 * January, 《政府信息公开条例》第四十九条; from 5 working days before that date on). One notification
 * per liaison, object, kind and day: running it again the same day writes nothing. And it tells the
 * appointed user and the unit's OFFICE_ADMINs of liaison appointments ending within 30 days, once per
 * appointment (appointment-reminders.queries.ts). Five statements, whatever the number of items. Returns how many notifications each kind wrote.
 */
export async function sendDeadlineReminders(em: EntityManager, day: string = todayInChina()): Promise<Record<string, number>> {
  const calendar = await loadWorkCalendar(em, day, addDays(day, 60));
  const soonLimit = addWorkingDays(day, DUE_SOON_WORKING_DAYS, calendar);
  const year = Number(day.slice(0, 4)) - 1;
  const statisticsDue = `${year + 1}-01-31`;
  // Overdue on the day after the limit and not overdue today: the deadline falls in [today, limit].
  const dueSoon = sql`${itemOverdueSql(addDays(soonLimit, 1))} and not (${itemOverdueSql(day)})`;
  const runs: [NotificationKind, ReturnType<typeof itemsDueSql> | null][] = [
    ['REMINDER_ITEM_DUE_SOON', itemsDueSql(dueSoon, 'publish_deadline')],
    ['REMINDER_ITEM_OVERDUE', itemsDueSql(itemOverdueSql(day), 'publish_deadline')],
    ['REMINDER_MAINTENANCE_DUE', itemsDueSql(itemMaintenanceDueSql(day), 'next_maintenance_date')],
    ['REMINDER_STATISTICS_NOT_SUBMITTED', soonOrPast(day, statisticsDue, calendar) ? statisticsMissingSql(year, statisticsDue) : null],
  ];
  const written: Record<string, number> = {};
  for (const [kind, due] of runs) {
    written[kind] = due ? (await runSql(em, insertRemindersSql(kind, notificationsZhCN.kinds[kind], due, day))).length : 0;
  }
  // Stored texts are Chinese, as every notification's (the catalogue's zh-CN templates, filled in SQL).
  const ending = insertAppointmentEndingSql(day, addDays(day, APPOINTMENT_ENDING_DAYS), tasksZhCN.notifications.appointmentEnding);
  written[APPOINTMENT_ENDING] = (await runSql(em, ending)).length;
  return written;
}

/** Is `day` within the announcement window before `due`, or after it? */
function soonOrPast(day: string, due: string, calendar: Parameters<typeof addWorkingDays>[2]): boolean {
  return addWorkingDays(day, DUE_SOON_WORKING_DAYS, calendar) >= due;
}
