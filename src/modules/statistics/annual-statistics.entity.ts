import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit } from '../organisation';
import type { Figures, StatisticsProblem } from './statistics.checks';
import { StatisticsTemplate } from './statistics-template.entity';

/** Workflow state of one revision of a unit's yearly statistics. */
export enum StatisticsStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
  SUPERSEDED = 'SUPERSEDED',
}
registerEnumType(StatisticsStatus, {
  name: 'StatisticsStatus',
  valuesConfig: {
    DRAFT: { description: '草稿: being filled in by the unit' },
    SUBMITTED: { description: '已报送: waiting for the superior' },
    RETURNED: { description: '已退回: returned with comments' },
    ACCEPTED: { description: '已审核: accepted and frozen' },
    SUPERSEDED: { description: '已更正: an accepted revision replaced by a later accepted correction' },
  },
});

/** Where a statistics cell's value came from. A key absent from `cellSources` was typed. */
export enum CellSource {
  TYPED = 'TYPED',
  COMPUTED = 'COMPUTED',
  REGISTER = 'REGISTER',
  CATALOGUE = 'CATALOGUE',
}
registerEnumType(CellSource, {
  name: 'CellSource',
  valuesConfig: {
    TYPED: { description: '填报: typed by a person' },
    COMPUTED: { description: '自动合计: computed by the server from the cells it sums' },
    REGISTER: { description: '来自申请登记: filled from the requests register' },
    CATALOGUE: { description: '来自目录: filled from the disclosure catalogue' },
  },
});

/** Whether submitted figures are the unit's own or already include its contributors'. */
export enum StatisticsScope {
  OWN = 'OWN',
  CONSOLIDATED = 'CONSOLIDATED',
}
registerEnumType(StatisticsScope, {
  name: 'StatisticsScope',
  valuesConfig: { OWN: { description: '本级' }, CONSOLIDATED: { description: '汇总（已含下属单位）' } },
});

/** One revision of a unit's statistics for a year. Accepted revisions are frozen; a correction is a new revision. */
@ObjectType({
  implements: Node,
  description:
    'One revision of a unit’s yearly statistics (年度统计). Drafts and returned revisions: the unit’s staff and superiors only; accepted figures become public with the published report.',
})
@Entity({ tableName: 'annual_statistics' })
export class AnnualStatistics {
  [OptionalProps]?: 'revision' | 'scope' | 'contributorIds' | 'figures' | 'notes' | 'cellSources' | 'warnings' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @ManyToOne(() => StatisticsTemplate, { ref: true })
  template!: Ref<StatisticsTemplate>;

  @Field(() => Int, { description: '1 for the first version; a correction of accepted figures is the next revision.' })
  @Property({ type: 'integer', default: 1 })
  revision: number = 1;

  @Field(() => StatisticsStatus)
  @Enum({ items: () => StatisticsStatus, type: 'string' })
  status!: StatisticsStatus;

  @Field(() => StatisticsScope, { description: 'OWN (本级) figures add up the tree; CONSOLIDATED ones stand for the unit’s whole subtree.' })
  @Enum({ items: () => StatisticsScope, type: 'string', default: StatisticsScope.OWN })
  scope: StatisticsScope = StatisticsScope.OWN;

  /** The units whose figures a CONSOLIDATED submission says it includes (all inside the unit's subtree). */
  @Property({ type: 'array', columnType: 'int[]', fieldName: 'contributor_ids', default: '{}' })
  contributorIds: number[] = [];

  @Field(() => JSONObjectResolver, { description: 'Cell key → value, as saved.' })
  @Property({ type: 'json' })
  figures: Figures = {};

  /** Remarks per cell (备注), e.g. 约 90 人次. */
  @Field(() => JSONObjectResolver)
  @Property({ type: 'json' })
  notes: Record<string, string> = {};

  /** Cell key → where its value came from; keys absent here were typed. */
  @Property({ type: 'json', fieldName: 'cell_sources' })
  cellSources: Record<string, CellSource> = {};

  /** Rule problems found when the draft was last saved. */
  @Property({ type: 'json' })
  warnings: StatisticsProblem[] = [];

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  correctionReason?: string | null;

  @Property({ type: 'integer', nullable: true, fieldName: 'supersedes_id' })
  supersedesId?: number | null;

  @Field(() => String, { nullable: true, description: 'The superior’s comment (staff of the unit and its superiors only).' })
  @Property({ type: 'text', nullable: true })
  reviewComment?: string | null;

  @Property({ type: 'integer', nullable: true })
  createdById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  submittedById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  reviewedById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt?: Date | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version; send it back as expectedVersion.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** One distinct submission; (unit, idempotency key) is unique so a retried submit does one thing. */
@Entity({ tableName: 'statistics_submission' })
export class StatisticsSubmission {
  [OptionalProps]?: 'submittedAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Property({ type: 'integer' })
  statisticsId!: number;

  @Property({ type: 'integer' })
  unitId!: number;

  @Property({ type: 'string', length: 100 })
  idempotencyKey!: string;

  @Property({ type: 'integer', nullable: true })
  submittedById?: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  submittedAt: Date = new Date();
}
