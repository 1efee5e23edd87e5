import { LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ItemStatus } from '../catalogue';
import { InspectionStatus } from '../inspection';
import { OrgUnit, PublishingLevel } from '../organisation';
import { StatisticsState } from '../statistics';
import type { OverviewQueries } from './overview.service';

/** The main figures compared year on year. */
export enum OverviewFigure {
  ITEMS_PUBLISHED = 'ITEMS_PUBLISHED',
  REQUESTS_RECEIVED = 'REQUESTS_RECEIVED',
  RECONSIDERATIONS = 'RECONSIDERATIONS',
  LAWSUITS = 'LAWSUITS',
  STATISTICS_ACCEPTED = 'STATISTICS_ACCEPTED',
  LIAISON_COVERAGE_RATE = 'LIAISON_COVERAGE_RATE',
}
registerEnumType(OverviewFigure, {
  name: 'OverviewFigure',
  description: 'A main figure of the dashboard, compared with the year before.',
  valuesConfig: {
    ITEMS_PUBLISHED: { description: '本年公开事项数: items of the subtree whose latest publication fell in the year (China time)' },
    REQUESTS_RECEIVED: { description: '收到信息公开申请数: accepted statistics of the subtree (CUSTOMS-2009 requests.total, GOV-2021 t3.new.TOTAL)' },
    RECONSIDERATIONS: { description: '行政复议数: accepted statistics (CUSTOMS-2009 reconsiderations, GOV-2021 t4.review.total)' },
    LAWSUITS: { description: '行政诉讼数: accepted statistics (CUSTOMS-2009 lawsuits, GOV-2021 t4.suitDirect.total + t4.suitAfterReview.total)' },
    STATISTICS_ACCEPTED: { description: '统计已审核单位数: units of the subtree whose statistics for the year are accepted' },
    LIAISON_COVERAGE_RATE: { description: '联络员覆盖率 (0–1) on the last day of the year (or asOf, if earlier), over today’s active units' },
  },
});

@ObjectType({ description: 'Items of one workflow status.' })
export class OverviewStatusCount {
  @Field(() => ItemStatus) status!: ItemStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Items of one publishing level (关级 / 处级).' })
export class OverviewLevelCount {
  @Field(() => PublishingLevel) level!: PublishingLevel;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Items of one status and level.' })
export class OverviewStatusLevelCount {
  @Field(() => ItemStatus) status!: ItemStatus;
  @Field(() => PublishingLevel) level!: PublishingLevel;
  @Field(() => Int) count!: number;
}

/** Counters of disclosure items, over a subtree or a child's subtree. */
export interface ItemCounters {
  total: number;
  published: number;
  overdue: number;
  maintenanceDue: number;
  maintenanceDueSoon: number;
  periodicDue: number;
  withholdingPending: number;
  publishedInYear: number;
  publishedInPreviousYear: number;
}

@ObjectType({ description: 'Disclosure items of the subtree (the unit included): current state, and timeliness judged on asOf.' })
export class OverviewItems implements ItemCounters {
  @Field(() => Int) total!: number;
  @Field(() => Int, { description: 'Items whose working copy is PUBLISHED.' }) published!: number;
  @Field(() => [OverviewStatusCount], { description: 'Every status, zeros included.' }) byStatus!: OverviewStatusCount[];
  @Field(() => [OverviewLevelCount], { description: 'Both levels, zeros included.' }) byLevel!: OverviewLevelCount[];
  @Field(() => [OverviewStatusLevelCount], { description: 'Every status × level, zeros included.' }) byStatusAndLevel!: OverviewStatusLevelCount[];
  @Field(() => Int, { description: 'Not published within the 20-working-day deadline (逾期未公开), withholding pending or upheld excluded.' }) overdue!: number;
  @Field(() => Int, { description: 'Live STANDING items whose maintenance check (定期检查维护) is due on or before asOf.' }) maintenanceDue!: number;
  @Field(() => Int, { description: 'Live STANDING items whose maintenance check falls within lookaheadDays after asOf.' }) maintenanceDueSoon!: number;
  @Field(() => Int, { description: 'PERIODIC items whose next update is due on or before asOf.' }) periodicDue!: number;
  @Field(() => Int, { description: 'Withholding requests (暂不宜公开) filed and not yet ruled on.' }) withholdingPending!: number;
  @Field(() => Int, { description: 'Items whose latest publication fell in the year.' }) publishedInYear!: number;
  publishedInPreviousYear!: number;
  @Field(() => Int, { description: 'Days after asOf that maintenanceDueSoon looks (the liaison task look-ahead).' }) lookaheadDays!: number;
}

@ObjectType({ description: 'Expected reporting children in one statistics state.' })
export class OverviewStatisticsStateCount {
  @Field(() => StatisticsState) state!: StatisticsState;
  @Field(() => Int) count!: number;
}

@ObjectType({ description: 'Statistics submission (统计报送) for the year: the unit’s own and its direct children’s.' })
export class OverviewStatistics {
  @Field(() => Int) year!: number;
  @Field(() => StatisticsState, { nullable: true, description: 'The unit’s own statistics; null for a unit kind that does not report (a section).' })
  ownState!: StatisticsState | null;
  @Field(() => Int, { description: 'Active direct children expected to report (districts, subordinate offices, divisions).' }) expectedChildren!: number;
  @Field(() => [OverviewStatisticsStateCount], { description: 'Expected children by state, every state listed.' }) byState!: OverviewStatisticsStateCount[];
  @Field(() => Int, { description: 'Units of the whole subtree (the unit included) with accepted statistics for the year.' }) acceptedUnits!: number;
  @Field(() => Boolean, { description: 'The unit (if it reports) and every expected child are ACCEPTED.' }) complete!: boolean;
}

@ObjectType({ description: 'One active direct child of the unit: a row of the dashboard table.' })
export class OverviewChild {
  unit!: OrgUnit;
  @Field(() => StatisticsState, { nullable: true, description: 'State of its statistics for the year; null for a unit kind that does not report (a section).' })
  statisticsState!: StatisticsState | null;
  @Field(() => Int, { description: 'Items of the child’s subtree.' }) items!: number;
  @Field(() => Int, { description: 'Of which PUBLISHED.' }) published!: number;
  @Field(() => Int) overdue!: number;
  @Field(() => Int) maintenanceDue!: number;
  @Field(() => Int) withholdingPending!: number;
}

@ObjectType({ description: 'A main figure for the year and the year before.' })
export class OverviewChange {
  @Field(() => OverviewFigure) figure!: OverviewFigure;
  @Field(() => String, { description: "Label in the request's language (Accept-Language; Chinese by default)." }) label!: string;
  @Field(() => Float, { nullable: true, description: 'Null when there is nothing to count (e.g. no accepted statistics).' }) current!: number | null;
  @Field(() => Float, { nullable: true }) previous!: number | null;
  @Field(() => Float, { nullable: true, description: 'current − previous; null when either is null.' }) change!: number | null;
  @Field(() => Float, { nullable: true, description: '(current − previous) / previous; null when previous is null or 0.' }) changeRate!: number | null;
}

@ObjectType({ description: 'Inspections of the subtree in one workflow status.' })
export class OverviewInspectionStatusCount {
  @Field(() => InspectionStatus) status!: InspectionStatus;
  @Field(() => Int) count!: number;
}

@ObjectType({
  description: 'The finalised inspection result (检查评估结果) of a unit of the subtree under a scheme issued by the unit or one of its ancestors.',
})
export class OverviewInspectionResult {
  inspectionDbId!: number;
  schemeDbId!: number;
  unitDbId!: number;
  /** The inspected unit's raw org_unit row, primed into the unit loader. */
  unitRow!: Record<string, unknown>;
  @Field(() => String, { description: 'Name of the inspection scheme.' }) schemeName!: string;
  @Field(() => Float) total!: number;
  @Field(() => String, { description: 'Grade band of the total (优秀 / 良好 / 合格 / 不合格).' }) grade!: string;
  @Field(() => Int, { description: 'Standard competition rank among every unit ranked under the scheme, inside the subtree or not (ties: 1, 1, 3).' })
  rank!: number;
  @Field(() => Int, { description: 'Units ranked under the scheme.' }) rankedUnits!: number;
}

@ObjectType({ description: 'Inspection scoring (检查评估) of the subtree for the year (by the schemes’ year).' })
export class OverviewInspections {
  @Field(() => [OverviewInspectionStatusCount], { description: 'Inspections of units of the subtree by status, every status listed (zeros included).' })
  byStatus!: OverviewInspectionStatusCount[];
  @Field(() => [OverviewInspectionResult], {
    description:
      'Latest finalised results of units of the subtree under schemes issued by the unit or its ancestors, by scheme then rank. ' +
      'Results the caller may not read under the inspection module’s rules (finalised totals and grades: the inspected unit’s ' +
      'inspectors and admins, and staff of the issuing unit’s subtree or above) are left out, not redacted.',
  })
  results!: OverviewInspectionResult[];
}

/** The dashboard of a subtree for a year; sections are computed in SQL when asked for. */
@ObjectType({
  description: 'The dashboard (工作概览) of a unit’s subtree for a year. Each section costs one or two SQL statements whatever the size of the tree.',
})
export class Overview {
  unit!: OrgUnit;
  /** Memoised section queries; not a GraphQL field. */
  queries!: OverviewQueries;
  @Field(() => Int) year!: number;
  @Field(() => LocalDateResolver, { description: 'Day on which overdue, maintenance-due and liaison coverage are judged.' }) asOf!: string;
}
