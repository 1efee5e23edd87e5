import type { EntityManager } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { runSql } from '../../../db/sql';
import { holidayCalendarSql } from './holiday-calendar.queries';
import { calendarFromDays, WorkCalendar } from './working-days';

/** The channel the database notifies when holiday_day changes (migration Migration20261130000300_holiday_notify). */
export const HOLIDAYS_CHANNEL = 'holidays_changed';

export interface HolidayCalendarCacheOptions {
  /** How often the listening connection is checked, and how long a check may take (ms). */
  heartbeatMs: number;
  /** Wait before reconnecting a lost listener (ms). */
  reconnectMs: number;
}

const DEFAULTS: HolidayCalendarCacheOptions = { heartbeatMs: 5_000, reconnectMs: 1_000 };

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
 * principal cache does (src/auth/principal-cache.ts), on its own listening connection, because
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
  private readonly options: HolidayCalendarCacheOptions;
  private calendar: WorkCalendar | null = null;
  private generation = 0;
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    options: Partial<HolidayCalendarCacheOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Is the cache in use (listening)? */
  get live(): boolean {
    return this.client !== null;
  }

  /** Starts listening; never throws (until it listens, every use reads the table). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.drop();
    await client?.end().catch(() => undefined);
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

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client({
      connectionString: this.connectionString,
      keepAlive: true,
      application_name: 'holiday-calendar-cache',
      connectionTimeoutMillis: this.options.heartbeatMs,
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      if (msg.channel === HOLIDAYS_CHANNEL) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`listen ${HOLIDAYS_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.log.warn({ err }, 'holiday calendar cache: cannot listen for changes; the calendar is read on every use until it can');
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.invalidate();
    this.client = client;
    this.heartbeat = setInterval(() => void this.check(client), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  private async check(client: Client): Promise<void> {
    const deadline = setTimeout(() => this.lost(client, new Error('heartbeat timed out')), this.options.heartbeatMs);
    try {
      await client.query('select 1');
    } catch (err) {
      this.lost(client, err as Error);
    } finally {
      clearTimeout(deadline);
    }
  }

  private lost(client: Client, err: Error): void {
    if (client !== this.client) return;
    this.drop();
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (!this.stopped) {
      this.log.warn({ err }, 'holiday calendar cache: lost the listening connection; the calendar is read on every use until it is back');
      this.scheduleReconnect();
    }
  }

  private drop(): void {
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.invalidate();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.options.reconnectMs);
    this.retry.unref();
  }
}

/** The cache serving each ORM connection (a test may run two servers over one ORM: newest last). */
const caches = new WeakMap<object, HolidayCalendarCache[]>();

export function registerHolidayCalendarCache(connection: object, cache: HolidayCalendarCache): void {
  caches.set(connection, [...(caches.get(connection) ?? []), cache]);
}

export function unregisterHolidayCalendarCache(connection: object, cache: HolidayCalendarCache): void {
  caches.set(
    connection,
    (caches.get(connection) ?? []).filter((c) => c !== cache),
  );
}

/**
 * The holiday calendar for a deadline computation, read through `em` (inside a transaction: on
 * its connection) unless this process remembers it.
 */
export function holidayCalendar(em: EntityManager): Promise<WorkCalendar> {
  const cache = caches.get(em.getConnection())?.at(-1);
  return cache ? cache.get(em) : readCalendar(em);
}

/** Call after a change to the holiday calendar has committed through `em`: this process forgets it at once. */
export function holidaysChanged(em: { getConnection(): object }): void {
  for (const cache of caches.get(em.getConnection()) ?? []) cache.invalidate();
}
