import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { DisclosureItem } from './disclosure-item.entity';
import { ReviewRecord } from './review-record';

/** One reviewer's decision on one submission round of an item. */
@ObjectType({ description: 'A review record (法规处审核 / 保密审查) with its comment.' })
@Entity({ tableName: 'disclosure_review' })
export class DisclosureReview extends ReviewRecord {
  @ManyToOne(() => DisclosureItem, { ref: true })
  item!: Ref<DisclosureItem>;

  @Field(() => String, { nullable: true, description: 'Username of the reviewer: visible to staff over the reviewer’s unit; otherwise redacted.' })
  @Property({ type: 'string', length: 64 })
  reviewerUsername!: string;
}
