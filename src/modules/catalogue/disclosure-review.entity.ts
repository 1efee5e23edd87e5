import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { User } from '../organisation';
import { DisclosureItem } from './disclosure-item.entity';
import { ReviewDecision, ReviewKind } from './catalogue.enums';

/** One reviewer's decision on one submission round of an item. */
@ObjectType({ description: 'A review record (法规处审核 / 保密审查) with its comment.' })
@Entity({ tableName: 'disclosure_review' })
export class DisclosureReview {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => DisclosureItem, { ref: true })
  item!: Ref<DisclosureItem>;

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

  @Field(() => String, { nullable: true, description: 'Username of the reviewer: visible to staff over the reviewer’s unit; otherwise redacted.' })
  @Property({ type: 'string', length: 64 })
  reviewerUsername!: string;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
