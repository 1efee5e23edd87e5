import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { missingCalendarYearsAround } from '../catalogue';
import { Overview } from './overview.types';

/** The overview's holiday-calendar warning, apart from its sections (which are restructured separately). */
@Resolver(() => Overview)
export class OverviewCalendarResolver {
  @FieldResolver(() => [Int], {
    description:
      'Warning: this year or next whose holiday calendar has not been entered; publish deadlines counted there assume a Monday–Friday week (calendarMissing). Empty when both are entered.',
  })
  missingHolidayCalendarYears(@Root() o: Overview, @Ctx() ctx: Context): Promise<number[]> {
    return missingCalendarYearsAround(ctx.em, o.asOf);
  }
}
