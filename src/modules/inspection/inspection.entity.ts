import { ArrayType, Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit } from '../organisation';
import { InspectionStatus } from './inspection.enums';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';

/** What an AUTOMATIC score was computed from. */
export interface AutomaticFigures {
  numerator: number;
  denominator: number;
  rate: number | null;
  asOf: string;
  basis: string;
  detail?: Record<string, unknown>;
}

/** The inspection of one unit under one scheme. Finalised inspections never change; a correction is a new row. */
@ObjectType({ implements: Node, description: 'The inspection (检查评估) of one unit under a scheme: OPEN → SUBMITTED → FINALIZED.' })
@Entity({ tableName: 'inspection' })
export class Inspection {
  [OptionalProps]?:
    | 'status'
    | 'openedAt'
    | 'createdAt'
    | 'updatedAt'
    | 'version'
    | 'submittedAt'
    | 'finalizedAt'
    | 'finalizedById'
    | 'response'
    | 'respondedAt'
    | 'respondedById'
    | 'total'
    | 'grade'
    | 'correctsId'
    | 'correctionReason'
    | 'inspectorId';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => InspectionScheme, { ref: true })
  scheme!: Ref<InspectionScheme>;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => InspectionStatus)
  @Enum({ items: () => InspectionStatus, type: 'string', default: InspectionStatus.OPEN })
  status: InspectionStatus = InspectionStatus.OPEN;

  @Property({ type: 'integer', nullable: true })
  inspectorId?: number | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  openedAt: Date = new Date();

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  finalizedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  finalizedById?: number | null;

  @Field(() => String, { nullable: true, description: 'The inspected unit’s response (整改说明); inspector, unit admins and superiors only.' })
  @Property({ type: 'text', nullable: true })
  response?: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  respondedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  respondedById?: number | null;

  @Property({ type: 'double', columnType: 'double precision', nullable: true })
  total?: number | null;

  @Property({ type: 'string', length: 32, nullable: true })
  grade?: string | null;

  @Property({ type: 'integer', nullable: true })
  correctsId?: number | null;

  @Field(() => String, { nullable: true, description: 'Why this inspection corrects a finalised one.' })
  @Property({ type: 'text', nullable: true })
  correctionReason?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version; send it back as expectedVersion.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** The score of one indicator in one inspection. */
@ObjectType({ description: 'The score of one indicator in an inspection; AUTOMATIC ones carry the figures behind them.' })
@Entity({ tableName: 'inspection_score' })
export class InspectionScore {
  [OptionalProps]?: 'score' | 'comment' | 'evidence' | 'figures' | 'scoredById' | 'scoredAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => Inspection, { ref: true })
  inspection!: Ref<Inspection>;

  @ManyToOne(() => InspectionIndicator, { ref: true })
  indicator!: Ref<InspectionIndicator>;

  @Field(() => Float, { nullable: true, description: 'Null while a MANUAL indicator is not scored yet.' })
  @Property({ type: 'double', columnType: 'double precision', nullable: true })
  score?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  comment?: string | null;

  @Field(() => [String], { description: 'Evidence references (检查记录, 文件编号, 网址).' })
  @Property({ type: ArrayType, columnType: 'text[]', default: [] })
  evidence: string[] = [];

  @Property({ type: 'json', nullable: true })
  figures?: AutomaticFigures | null;

  @Property({ type: 'integer', nullable: true })
  scoredById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  scoredAt?: Date | null;
}
