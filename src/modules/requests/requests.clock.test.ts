import { CHINA_HOLIDAYS } from '../catalogue/calendar/holidays.data';
import { calendarFromDays } from '../catalogue/calendar/working-days';
import { correctionNoticeDeadline, replyDueOn, workingDaysBetween } from './requests.clock';

const calendar = calendarFromDays(Object.values(CHINA_HOLIDAYS).flat());
const plain = calendarFromDays([]);

describe('the reply clock', () => {
  it('counts 20 working days over the 2026 Spring Festival, its Saturday make-up days (调休) included', () => {
    expect(replyDueOn('2026-02-09', 0, 0, calendar)).toBe('2026-03-13');
    // Without the calendar the same count ends four days earlier.
    expect(replyDueOn('2026-02-09', 0, 0, plain)).toBe('2026-03-09');
  });

  it('adds stopped days and an extension, and gives the correction notice deadline', () => {
    expect(workingDaysBetween('2026-02-11', '2026-02-24', calendar)).toBe(4);
    expect(workingDaysBetween('2026-02-11', '2026-02-11', calendar)).toBe(0);
    expect(replyDueOn('2026-02-09', 4, 10, calendar)).toBe('2026-04-02');
    expect(correctionNoticeDeadline('2026-02-09', calendar)).toBe('2026-02-25');
  });
});
