import { CHINA_HOLIDAYS } from './holidays.data';
import { addMonths, addWorkingDays, calendarFromDays, isWorkingDay } from './working-days';

const calendar = calendarFromDays(Object.values(CHINA_HOLIDAYS).flat());
const none = calendarFromDays([]);

describe('addWorkingDays', () => {
  it('counts plain weeks Monday to Friday', () => {
    expect(addWorkingDays('2025-03-07', 1, none)).toBe('2025-03-10'); // Fri → Mon
    expect(addWorkingDays('2025-03-03', 20, none)).toBe('2025-03-31');
    expect(addWorkingDays('2025-03-03', 0, none)).toBe('2025-03-03');
  });

  it('skips 国庆 2025 (Oct 1–8) and counts the make-up Sundays and Saturdays (Sep 28, Oct 11)', () => {
    expect(isWorkingDay('2025-09-28', calendar)).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay('2025-10-08', calendar)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay('2025-10-11', calendar)).toBe(true); // Saturday, 调休上班
    expect(addWorkingDays('2025-09-26', 1, calendar)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-30', 1, calendar)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 3, calendar)).toBe('2025-10-11');
    // 20 working days: Sep 28, 29, 30, Oct 9, 10, 11, 13–17, 20–24, 27–30.
    expect(addWorkingDays('2025-09-26', 20, calendar)).toBe('2025-10-30');
    expect(addWorkingDays('2025-09-26', 20, none)).toBe('2025-10-24');
  });

  it('skips 春节 2025 (Jan 28–Feb 4) and counts Jan 26 and Feb 8', () => {
    expect(addWorkingDays('2025-01-24', 1, calendar)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 2, calendar)).toBe('2025-01-27');
    expect(addWorkingDays('2025-01-24', 3, calendar)).toBe('2025-02-05');
    expect(addWorkingDays('2025-01-24', 6, calendar)).toBe('2025-02-08');
    expect(addWorkingDays('2025-01-24', 7, calendar)).toBe('2025-02-10');
  });

  it('follows the 2024 and 2026 arrangements', () => {
    expect(addWorkingDays('2024-09-27', 1, calendar)).toBe('2024-09-29'); // Sunday 调休 before 国庆
    expect(addWorkingDays('2024-09-30', 1, calendar)).toBe('2024-10-08');
    expect(addWorkingDays('2026-02-13', 1, calendar)).toBe('2026-02-14'); // Saturday 调休 before 春节
    expect(addWorkingDays('2026-02-14', 1, calendar)).toBe('2026-02-24');
    expect(addWorkingDays('2026-09-30', 1, calendar)).toBe('2026-10-08');
  });

  it('refuses negative counts and malformed dates', () => {
    expect(() => addWorkingDays('2025-01-01', -1, calendar)).toThrow(RangeError);
    expect(() => addWorkingDays('2025-02-30', 1, calendar)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the end of shorter months', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });
});
