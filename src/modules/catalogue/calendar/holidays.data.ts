import type { CalendarDayKind } from './working-days';

/** One exception of the official calendar. */
export interface HolidayDayData {
  date: string;
  kind: CalendarDayKind;
  name: string;
}

function range(from: string, to: string, name: string): HolidayDayData[] {
  const out: HolidayDayData[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push({ date: new Date(t).toISOString().slice(0, 10), kind: 'HOLIDAY', name });
  }
  return out;
}
const work = (date: string, name: string): HolidayDayData => ({ date, kind: 'WORKDAY', name: `${name}调休上班` });

/**
 * The State Council's holiday arrangements (国务院办公厅关于部分节假日安排的通知) for 2024
 * (国办发明电〔2023〕7号), 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号).
 */
export const CHINA_HOLIDAYS: Record<number, HolidayDayData[]> = {
  2024: [
    ...range('2024-01-01', '2024-01-01', '元旦'),
    ...range('2024-02-10', '2024-02-17', '春节'),
    work('2024-02-04', '春节'),
    work('2024-02-18', '春节'),
    ...range('2024-04-04', '2024-04-06', '清明节'),
    work('2024-04-07', '清明节'),
    ...range('2024-05-01', '2024-05-05', '劳动节'),
    work('2024-04-28', '劳动节'),
    work('2024-05-11', '劳动节'),
    ...range('2024-06-10', '2024-06-10', '端午节'),
    ...range('2024-09-15', '2024-09-17', '中秋节'),
    work('2024-09-14', '中秋节'),
    ...range('2024-10-01', '2024-10-07', '国庆节'),
    work('2024-09-29', '国庆节'),
    work('2024-10-12', '国庆节'),
  ],
  2025: [
    ...range('2025-01-01', '2025-01-01', '元旦'),
    ...range('2025-01-28', '2025-02-04', '春节'),
    work('2025-01-26', '春节'),
    work('2025-02-08', '春节'),
    ...range('2025-04-04', '2025-04-06', '清明节'),
    ...range('2025-05-01', '2025-05-05', '劳动节'),
    work('2025-04-27', '劳动节'),
    ...range('2025-05-31', '2025-06-02', '端午节'),
    ...range('2025-10-01', '2025-10-08', '国庆节、中秋节'),
    work('2025-09-28', '国庆节'),
    work('2025-10-11', '国庆节'),
  ],
  2026: [
    ...range('2026-01-01', '2026-01-03', '元旦'),
    work('2026-01-04', '元旦'),
    ...range('2026-02-15', '2026-02-23', '春节'),
    work('2026-02-14', '春节'),
    work('2026-02-28', '春节'),
    ...range('2026-04-04', '2026-04-06', '清明节'),
    ...range('2026-05-01', '2026-05-05', '劳动节'),
    work('2026-05-09', '劳动节'),
    ...range('2026-06-19', '2026-06-21', '端午节'),
    ...range('2026-09-25', '2026-09-27', '中秋节'),
    ...range('2026-10-01', '2026-10-07', '国庆节'),
    work('2026-09-20', '国庆节'),
    work('2026-10-10', '国庆节'),
  ],
};
