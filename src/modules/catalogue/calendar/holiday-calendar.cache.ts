import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { CacheRegistry, ChangeListener, type ChangeListenerOptions } from '../../../db/change-listener';
import { runSql } from '../../../db/sql';
import { holidayCalendarSql } from './holiday-calendar.queries';
import { calendarFromDays, WorkCalendar } from './working-days';

/** The channel the database notifies when holiday_day changes (migration Migration20261130000300_holiday_notify). */
export const HOLIDAYS_CHANNEL = 'holidays_changed';

type DayRow = { date: string; kind: 'HOLIDAY' | 'WORKDAY' };

/** Every holiday exception, as the deadline computation needs it; one statement on `em` (its transaction's connection). */
async function readCalendar(em: EntityManager): Promise<WorkCalendar> {
  return calendarFromDays(await runSql<DayRow>(em, holidayCalendarSql()));
}

/**
 * The holiday calendar (a few dozen rows a year, changed about once a year), kept per process.
 *
 * Deadlines are computed inside create, update and publish transactions, so every item write read
 * the calendar; it was also the statement that took a second pooled connection inside them. The
 * whole table is kept, so any date range is answered from memory. It stays correct the way the
 * principal cache does (src/auth/principal-cache.ts), on its own listening connection (src/db/change-listener.ts), because
 * that one may be switched off (PRINCIPAL_CACHE=false) and its notifications mean something else:
 *
 * - A statement trigger on `holiday_day` notifies `holidays_changed` when a change commits, from
 *   this process, another instance or SQL by hand; any notification drops the calendar.
 * - The API's own change drops it as soon as it commits (`holidaysChanged`), without waiting.
 * - Until it listens, and from the moment the connection fails, ends or misses a heartbeat, the
 *   calendar is read from the database on every use, as without a cache.
 * - A calendar read while a notification arrived is not kept (`generation`).
 */
export class HolidayCalendarCache {
  private readonly listener: ChangeListener;
  private calendar: WorkCalendar | null = null;
  private generation = 0;

  constructor(connectionString: string, log: Logger, options: Partial<ChangeListenerOptions> = {}) {
    this.listener = new ChangeListener(
      connectionString,
      HOLIDAYS_CHANNEL,
      () => this.invalidate(),
      log,
      { name: 'holiday-calendar-cache', whileDown: 'the calendar is read on every use' },
      options,
    );
  }

  /** Is the cache in use (listening)? */
  get live(): boolean {
    return this.listener.live;
  }

  /** Starts listening; never throws (until it listens, every use reads the table). */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** The calendar: remembered, or read through `em` (and remembered when nothing changed meanwhile). */
  async get(em: EntityManager): Promise<WorkCalendar> {
    if (this.live && this.calendar) return this.calendar;
    const generation = this.generation;
    const calendar = await readCalendar(em);
    if (this.live && generation === this.generation) this.calendar = calendar;
    return calendar;
  }

  /** Forgets the calendar, and any read still in flight. */
  invalidate(): void {
    this.generation++;
    this.calendar = null;
  }
}

/** The cache serving each ORM connection. */
const caches = new CacheRegistry<HolidayCalendarCache>();

export function registerHolidayCalendarCache(connection: object, cache: HolidayCalendarCache): void {
  caches.register(connection, cache);
}

export function unregisterHolidayCalendarCache(connection: object, cache: HolidayCalendarCache): void {
  caches.unregister(connection, cache);
}

/**
 * The holiday calendar for a deadline computation, read through `em` (inside a transaction: on
 * its connection) unless this process remembers it.
 */
export function holidayCalendar(em: EntityManager): Promise<WorkCalendar> {
  const cache = caches.for(em.getConnection());
  return cache ? cache.get(em) : readCalendar(em);
}

/** Call after a change to the holiday calendar has committed through `em`: this process forgets it at once. */
export function holidaysChanged(em: { getConnection(): object }): void {
  for (const cache of caches.all(em.getConnection())) cache.invalidate();
}
