import { LocalDateResolver } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { HolidayKind } from './holiday-calendar.enums';
import { isIsoDate } from './working-days';

const isoDate = z.string().refine(isIsoDate, 'must be a date YYYY-MM-DD');

@InputType()
export class HolidayDayInput {
  @Field(() => LocalDateResolver) date!: string;
  @Field(() => HolidayKind) kind!: HolidayKind;
  @Field(() => String) name!: string;
}
export const holidayCalendarSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  days: z.array(z.object({ date: isoDate, kind: z.enum(HolidayKind), name: z.string().trim().min(1, 'must not be empty').max(100) })).max(60),
});
