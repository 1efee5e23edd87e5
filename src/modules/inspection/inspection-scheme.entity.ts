import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit } from '../organisation';
import { AutomaticMetric, IndicatorDimension, IndicatorMethod, SchemeStatus } from './inspection.enums';
import type { GradeBand, ScoringRule } from './scoring';

/** A yearly inspection scheme (考核评估指标) issued by a unit for the units below it. */
@ObjectType({
  implements: Node,
  description: 'A yearly inspection scheme (考核评估方案): weighted indicators in the four dimensions, grade bands. Frozen once active.',
})
@Entity({ tableName: 'inspection_scheme' })
export class InspectionScheme {
  [OptionalProps]?: 'status' | 'createdAt' | 'updatedAt' | 'version' | 'activatedAt' | 'createdById';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  issuerUnit!: Ref<OrgUnit>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Float, { description: 'What the indicators’ maximum scores add up to (checked on activation).' })
  @Property({ type: 'double', columnType: 'double precision' })
  totalScore!: number;

  @Property({ type: 'json' })
  gradeBands!: GradeBand[];

  @Field(() => SchemeStatus)
  @Enum({ items: () => SchemeStatus, type: 'string', default: SchemeStatus.DRAFT })
  status: SchemeStatus = SchemeStatus.DRAFT;

  @Property({ type: 'integer', nullable: true })
  createdById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  activatedAt?: Date | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version; send it back as expectedVersion.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** One weighted indicator of a scheme. */
@ObjectType({ implements: Node, description: 'One indicator (考核指标) of a scheme.' })
@Entity({ tableName: 'inspection_indicator' })
export class InspectionIndicator {
  [OptionalProps]?: 'guidance' | 'metric' | 'rule' | 'sortOrder';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InspectionScheme, { ref: true })
  scheme!: Ref<InspectionScheme>;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field(() => String, { description: 'Chinese name (指标名称).' })
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => IndicatorDimension)
  @Enum({ items: () => IndicatorDimension, type: 'string' })
  dimension!: IndicatorDimension;

  @Field(() => Float)
  @Property({ type: 'double', columnType: 'double precision' })
  maxScore!: number;

  @Field(() => String, { description: 'How to score it (评分标准).' })
  @Property({ type: 'text', default: '' })
  guidance: string = '';

  @Field(() => IndicatorMethod)
  @Enum({ items: () => IndicatorMethod, type: 'string' })
  method!: IndicatorMethod;

  @Field(() => AutomaticMetric, { nullable: true, description: 'What an AUTOMATIC indicator measures.' })
  @Enum({ items: () => AutomaticMetric, type: 'string', nullable: true })
  metric?: AutomaticMetric | null;

  @Property({ type: 'json', nullable: true })
  rule?: ScoringRule | null;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  sortOrder: number = 0;
}
