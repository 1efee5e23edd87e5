/** China's offset from UTC: Asia/Shanghai has kept UTC+8 without daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today's date in China (YYYY-MM-DD): office days follow the offices' calendar, not UTC. Computed
 * from the fixed offset: Intl's time-zone formatting cost about 1% of a public page's Node time.
 */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** Adds `days` (may be negative) to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Is `s` a real calendar date written YYYY-MM-DD? */
export function isLocalDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
