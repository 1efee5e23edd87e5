import { DateTimeResolver } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ReportStatus } from './annual-report.entity';
import { CellSource } from './annual-statistics.entity';

/** Kinds of statistics cell. */
export enum CellKindEnum {
  COUNT = 'COUNT',
  AMOUNT = 'AMOUNT',
  RATE = 'RATE',
  TEXT = 'TEXT',
}
registerEnumType(CellKindEnum, {
  name: 'StatisticsCellKind',
  valuesConfig: {
    COUNT: { description: 'A non-negative integer (件, 条, 人 …)' },
    AMOUNT: { description: 'A non-negative amount (万元)' },
    RATE: { description: 'A percentage; never summed' },
    TEXT: { description: 'Text; never summed' },
  },
});

/** Where a unit stands for a year's statistics. */
export enum StatisticsState {
  MISSING = 'MISSING',
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  RETURNED = 'RETURNED',
  ACCEPTED = 'ACCEPTED',
}
registerEnumType(StatisticsState, { name: 'StatisticsState', description: 'A unit’s statistics state for a year (MISSING: nothing saved).' });

@ObjectType({ description: 'A cell of a template.' })
export class StatisticsCellDefinition {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => CellKindEnum) kind!: CellKindEnum;
  @Field(() => Boolean, { description: 'May be added up across units (rates and texts may not).' }) summable!: boolean;
  @Field(() => String, { nullable: true, description: 'Unit of measure: 条, 件, 人, 万元 …' }) unit?: string | null;
}

@ObjectType()
export class StatisticsColumnDefinition {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { nullable: true, description: 'Header group, e.g. 法人或其他组织.' }) group?: string | null;
}

@ObjectType()
export class StatisticsRowDefinition {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => [String], { description: 'Cell keys, one per column; empty for a heading row.' }) cells!: string[];
}

@ObjectType({ description: 'A table of a template, laid out as in the published format.' })
export class StatisticsTableDefinition {
  @Field(() => String) code!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'The report section it follows (overview … other) or APPENDIX.' }) section!: string;
  @Field(() => String, { description: 'LIST (指标名称/单位/统计数/备注) or GRID (rows × columns).' }) layout!: string;
  @Field(() => [StatisticsColumnDefinition]) columns!: StatisticsColumnDefinition[];
  @Field(() => [StatisticsRowDefinition]) rows!: StatisticsRowDefinition[];
}

@ObjectType({ description: 'A check declared with the template: SUM, AT_MOST (of which), BALANCE (identity) or CARRY_OVER.' })
export class StatisticsRuleDefinition {
  @Field(() => String) code!: string;
  @Field(() => String) kind!: string;
  @Field(() => String) description!: string;
  @Field(() => String, { description: 'The cell a failure is reported on.' }) target!: string;
  @Field(() => String, { nullable: true }) total?: string | null;
  @Field(() => [String], { nullable: true }) parts?: string[] | null;
  @Field(() => [String], { nullable: true }) left?: string[] | null;
  @Field(() => [String], { nullable: true }) right?: string[] | null;
  @Field(() => String, { nullable: true, description: 'CARRY_OVER: the cell of last year’s accepted figures.' }) previousCell?: string | null;
}

@ObjectType()
export class ReportSectionDefinition {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
}

@ObjectType('StatisticsProblem', { description: 'One failing cell and the rule it breaks.' })
export class StatisticsProblemType {
  @Field(() => String, { description: 'Input path, e.g. input.figures.requests.total' }) field!: string;
  @Field(() => String) cell!: string;
  @Field(() => String) rule!: string;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'A cell with its value in one revision.' })
export class StatisticsCellValue {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => CellKindEnum) kind!: CellKindEnum;
  @Field(() => Float, { nullable: true, description: 'COUNT / AMOUNT / RATE value; null when not reported.' }) number?: number | null;
  @Field(() => String, { nullable: true, description: 'TEXT value.' }) text?: string | null;
  @Field(() => String, { nullable: true, description: '备注' }) note?: string | null;
  @Field(() => CellSource, {
    nullable: true,
    description:
      'Where the value came from: TYPED, COMPUTED (a sum the server computed from its parts), REGISTER or CATALOGUE (filled from records); null when not reported.',
  })
  source?: CellSource | null;
}

@ObjectType({ description: 'A cell of a roll-up: the unit’s own figure (本级) and the subtree’s sum (系统汇总).' })
export class RollupCell {
  @Field(() => String) key!: string;
  @Field(() => String) label!: string;
  @Field(() => CellKindEnum) kind!: CellKindEnum;
  @Field(() => Boolean) summable!: boolean;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => Float, { nullable: true, description: '本级: the unit’s own accepted figure.' }) ownNumber?: number | null;
  @Field(() => String, { nullable: true }) ownText?: string | null;
  @Field(() => Float, { nullable: true, description: '系统汇总: sum over accepted figures of the subtree; null for cells that cannot be summed.' })
  subtreeTotal?: number | null;
  @Field(() => Int, { description: 'Accepted revisions in the subtree that report this cell.' }) reportingUnits!: number;
  @Field(() => String, { nullable: true, description: 'Why the cell is not summed, if it is not.' }) note?: string | null;
}

@ObjectType({ description: 'A direct subordinate unit expected to report, and where it stands.' })
export class RollupChild {
  unitId!: number;
  @Field(() => StatisticsState) state!: StatisticsState;
  @Field(() => [RollupChildTotal], { description: 'Accepted figures summed over this subordinate’s subtree (summable cells with at least one figure).' })
  totals!: RollupChildTotal[];
}

@ObjectType({ description: 'One summable cell of a subordinate’s subtree.' })
export class RollupChildTotal {
  @Field(() => String) key!: string;
  @Field(() => Float) total!: number;
  @Field(() => Int, { description: 'Units whose accepted figures hold this cell.' }) reportingUnits!: number;
}

@ObjectType({
  description: 'Roll-up of a unit’s statistics for a year. `complete` is false while any expected child is not accepted: a total is never silently partial.',
})
export class StatisticsRollup {
  unitId!: number;
  templateId!: number;
  @Field(() => Int) year!: number;
  @Field(() => StatisticsState, { description: 'The unit’s own statistics.' }) ownState!: StatisticsState;
  @Field(() => Int, { description: 'Accepted statistics summed (the subtree, the unit included).' }) acceptedUnits!: number;
  @Field(() => Boolean, { description: 'The unit and every expected child are ACCEPTED.' }) complete!: boolean;
  @Field(() => [RollupCell]) cells!: RollupCell[];
  @Field(() => [RollupChild], { description: 'Every direct subordinate unit expected to report (districts, subordinate offices, divisions).' })
  children!: RollupChild[];
  @Field(() => [RollupChild], { description: 'Children whose figures are missing, unsubmitted, waiting or returned: not in the sum.' })
  pendingChildren!: RollupChild[];
}

@ObjectType({ description: 'The six text sections of a report.' })
export class ReportSections {
  @Field(() => String, { nullable: true }) overview?: string | null;
  @Field(() => String, { nullable: true }) proactive?: string | null;
  @Field(() => String, { nullable: true }) requests?: string | null;
  @Field(() => String, { nullable: true }) litigation?: string | null;
  @Field(() => String, { nullable: true }) problems?: string | null;
  @Field(() => String, { nullable: true }) other?: string | null;
}

@ObjectType('AnnualReport', {
  description:
    'A unit’s annual report (年度报告). Staff of the unit and its superiors read the working copy; everyone else the current publication, frozen when it was published.',
})
export class AnnualReportType {
  reportId!: number;
  unitId!: number;
  statisticsId!: number | null;
  @Field(() => ID) id!: string;
  @Field(() => Int) year!: number;
  @Field(() => ReportStatus, { description: 'Workflow state of the working copy (PUBLISHED for readers of the publication).' }) status!: ReportStatus;
  @Field(() => ReportSections) sections!: ReportSections;
  @Field(() => String, { description: 'The report as Markdown.' }) markdown!: string;
  @Field(() => String, { description: 'The report as a standalone HTML page, sanitised (allow-listed tags, attributes and URL schemes).' }) html!: string;
  @Field(() => DateTimeResolver, { nullable: true, description: 'When the current publication was published.' }) publishedAt?: Date | null;
  @Field(() => Int, { nullable: true, description: 'Revision of the current publication (1, then one more per correction); null before the first.' })
  revision?: number | null;
  @Field(() => String, { nullable: true, description: 'Stable public address of the HTML page (published reports); .md for Markdown.' }) url?: string | null;
  @Field(() => Int, { description: 'Submission round of the working copy.' }) reviewRound!: number;
  @Field(() => Int) version!: number;
}
