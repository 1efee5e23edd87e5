import { todayInChina } from '../../src/common/dates';

describe('todayInChina', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

  it('agrees with the Asia/Shanghai time zone around midnight, year ends and leap days', () => {
    const instants = [
      '1992-01-01T00:00:00Z',
      '2016-02-28T15:59:59.999Z',
      '2016-02-28T16:00:00Z',
      '2024-12-31T15:59:59Z',
      '2024-12-31T16:00:00Z',
      '2026-06-30T23:30:00Z',
      '2026-12-01T11:00:00Z',
    ].map((s) => new Date(s));
    // And an hour-spaced walk through a year.
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000 * 7) instants.push(new Date(t));
    for (const at of instants) expect([at.toISOString(), todayInChina(at)]).toEqual([at.toISOString(), intl.format(at)]);
  });
});
