import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ReviewDecision, ReviewKind } from '../catalogue';
import { User } from '../organisation';
import { AnnualReport } from './annual-report.entity';

/** One reviewer's decision on one submission round of a report (the same two reviews as catalogue items). */
@ObjectType({ description: 'A review of an annual report (法规处审核 / 保密审查) with its comment.' })
@Entity({ tableName: 'annual_report_review' })
export class AnnualReportReview {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => AnnualReport, { ref: true })
  report!: Ref<AnnualReport>;

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
