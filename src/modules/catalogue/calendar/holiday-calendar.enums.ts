import { registerEnumType } from 'type-graphql';

/** Kind of a holiday-calendar exception. */
export enum HolidayKind {
  HOLIDAY = 'HOLIDAY',
  WORKDAY = 'WORKDAY',
}
registerEnumType(HolidayKind, {
  name: 'HolidayKind',
  valuesConfig: { HOLIDAY: { description: '法定节假日 (放假)' }, WORKDAY: { description: '调休上班 (a weekend working day)' } },
});
