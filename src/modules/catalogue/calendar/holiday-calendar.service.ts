import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, ProblemList } from '../../../common/errors';
import { inTransaction } from '../../../common/transaction';
import { parseInput } from '../../../common/zod';
import type { ServiceContext } from '../../../common/context';
import { AuditService } from '../../audit';
import { rootPath } from '../catalogue.service';
import { holidayCalendar, holidaysChanged } from './holiday-calendar.cache';
import { HolidayDayInput, holidayCalendarSchema } from './holiday-calendar.inputs';
import { HolidayDay } from './holiday-day.entity';
import { addDays, WorkCalendar } from './working-days';

/**
 * The holiday exceptions covering two dates (inclusive) as a WorkCalendar: the process's cached
 * calendar, or one statement through `em` (src/modules/catalogue/calendar/holiday-calendar.cache.ts).
 */
export async function loadWorkCalendar(em: EntityManager, _from: string, _to: string): Promise<WorkCalendar> {
  return holidayCalendar(em);
}

/** Loads enough of the calendar to count `workingDays` from `start`. */
export function loadCalendarFrom(em: EntityManager, start: string, workingDays: number): Promise<WorkCalendar> {
  // Two weeks of holidays at most per month: three calendar days per working day is ample.
  return loadWorkCalendar(em, start, addDays(start, workingDays * 3 + 30));
}

/** The official holidays and make-up working days (调休) that working-day deadlines count with. */
export class HolidayCalendarService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** The holiday exceptions of a year (public). */
  async holidayCalendar(year: number): Promise<HolidayDay[]> {
    return this.ctx.em.find(HolidayDay, { year }, { orderBy: { date: 'asc' } });
  }

  /** Replaces a year's holidays and make-up working days (CENTRAL_ADMIN). */
  async setHolidayCalendar(year: number, days: HolidayDayInput[]): Promise<HolidayDay[]> {
    if (!this.ctx.auth.isCentralAdmin) throw new ForbiddenError('Only a CENTRAL_ADMIN manages the holiday calendar');
    const input = parseInput(holidayCalendarSchema, { year, days }, '');
    const problems = new ProblemList();
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      problems.check(d.date.startsWith(`${year}-`), `days.${i}.date`, `must be in ${year}`);
      problems.check(!seen.has(d.date), `days.${i}.date`, 'is listed twice');
      seen.add(d.date);
      const dow = new Date(`${d.date}T00:00:00Z`).getUTCDay();
      if (d.kind === 'WORKDAY') problems.check(dow === 0 || dow === 6, `days.${i}.kind`, 'a make-up working day (调休) must fall on a weekend');
    });
    problems.throwIfAny();
    try {
      return await this.replaceHolidays(year, input.days);
    } finally {
      holidaysChanged(this.ctx.em);
    }
  }

  private replaceHolidays(year: number, days: HolidayDayInput[]): Promise<HolidayDay[]> {
    return inTransaction(this.ctx.em, async (em) => {
      const before = await em.find(HolidayDay, { year }, { orderBy: { date: 'asc' } });
      const beforeSnap = before.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
      before.forEach((d) => em.remove(d));
      await em.flush();
      const created = days.map((d) => em.create(HolidayDay, { date: d.date, year, kind: d.kind, name: d.name }));
      await em.flush();
      this.audit.record(em, {
        action: 'catalogue.setHolidayCalendar',
        targetType: 'HolidayCalendar',
        targetId: String(year),
        scopePath: await rootPath(em),
        before: beforeSnap,
        after: days,
      });
      return created.sort((a, b) => a.date.localeCompare(b.date));
    });
  }
}
