/** The working-day calendar (holidays and make-up working days) that publish deadlines count with. */
export { HolidayDay } from './holiday-day.entity';
export { HolidayKind } from './holiday-calendar.enums';
export { HolidayCalendarResolver } from './holiday-calendar.resolver';
export { HolidayCalendarService, loadCalendarFrom, loadWorkCalendar } from './holiday-calendar.service';
export { HolidayCalendarCache, registerHolidayCalendarCache, unregisterHolidayCalendarCache } from './holiday-calendar.cache';
export { addDays, addMonths, addWorkingDays, isWorkingDay, missingCalendarYears, todayInChina } from './working-days';
export { holidayCalendar } from './holiday-calendar.cache';
export { holidayCalendarMissing, missingCalendarYearsAround } from './holiday-calendar.warnings';
export { dueDates, REQUEST_WARNING_WORKING_DAYS, TASK_WORKING_DAYS, workingDaysAfter } from './task-deadlines';
