import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { HolidayKind } from './holiday-calendar.enums';

/** One exception of the working-day calendar: an official holiday or a make-up working day (调休). */
@ObjectType({ description: 'A day off (法定节假日) or a make-up working day (调休上班). Public.' })
@Entity({ tableName: 'holiday_day' })
export class HolidayDay {
  @Field(() => LocalDateResolver)
  @PrimaryKey({ type: 'date' })
  date!: string;

  @Field(() => Int)
  @Property({ type: 'smallint' })
  year!: number;

  @Field(() => HolidayKind)
  @Enum({ items: () => HolidayKind, type: 'string' })
  kind!: HolidayKind;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  name!: string;
}
