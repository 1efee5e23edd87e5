import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../../../common/context';
import { HolidayDayInput } from './holiday-calendar.inputs';
import { HolidayCalendarService } from './holiday-calendar.service';
import { HolidayDay } from './holiday-day.entity';

@Resolver(() => HolidayDay)
export class HolidayCalendarResolver {
  @Query(() => [HolidayDay], { description: 'Official holidays and make-up working days (调休) of a year. Public.' })
  holidayCalendar(@Ctx() ctx: Context, @Arg('year', () => Int) year: number) {
    return new HolidayCalendarService(ctx).holidayCalendar(year);
  }

  @Mutation(() => [HolidayDay], { description: 'Replaces a year’s holidays and make-up working days (CENTRAL_ADMIN).' })
  setHolidayCalendar(@Ctx() ctx: Context, @Arg('year', () => Int) year: number, @Arg('days', () => [HolidayDayInput]) days: HolidayDayInput[]) {
    return new HolidayCalendarService(ctx).setHolidayCalendar(year, days);
  }
}
