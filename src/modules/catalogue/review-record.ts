import { Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../organisation';
import { ReviewDecision, ReviewKind } from './catalogue.enums';

/**
 * One reviewer's decision on one submission round (法规处审核 / 保密审查): the columns and fields
 * that item reviews and report reviews share. Each subclass adds the reference to what it reviews.
 * type-graphql copies its fields into the subclasses' object types; it is referenced by no field,
 * so it does not appear in the schema.
 */
@ObjectType('ReviewRecord')
export abstract class ReviewRecord {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => Int, { description: 'Submission round the decision belongs to.' })
  @Property({ type: 'integer' })
  round!: number;

  @Field(() => ReviewKind)
  @Enum({ items: () => ReviewKind, type: 'string' })
  kind!: ReviewKind;

  @Field(() => ReviewDecision)
  @Enum({ items: () => ReviewDecision, type: 'string' })
  decision!: ReviewDecision;

  @Field(() => String)
  @Property({ type: 'text' })
  comment!: string;

  @ManyToOne(() => User, { ref: true })
  reviewer!: Ref<User>;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
