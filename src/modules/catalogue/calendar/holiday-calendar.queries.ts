import { sql, type Sql } from '../../../db/sql';

/** The holiday calendar's hand-written statement (the calendar is otherwise read and written through the ORM). */

/** Every holiday exception (a few dozen rows a year; the calendar is kept whole per process). */
export function holidayCalendarSql(): Sql {
  return sql`select to_char(date, 'YYYY-MM-DD') as date, kind from holiday_day`;
}
