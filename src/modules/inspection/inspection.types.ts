import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/relay';
import { Inspection } from './inspection.entity';
import { ScoringRuleKind } from './inspection.enums';
import { InspectionScheme } from './inspection-scheme.entity';

@ObjectType('GradeBand', { description: 'Totals at or above minScore earn the grade (优秀 / 良好 / 合格 / 不合格).' })
export class GradeBandType {
  @Field(() => String) grade!: string;
  @Field(() => Float) minScore!: number;
}

@ObjectType('ScoringRule', { description: 'How an AUTOMATIC indicator turns its rate into a score.' })
export class ScoringRuleType {
  @Field(() => ScoringRuleKind) kind!: ScoringRuleKind;
  @Field(() => Float, { description: 'At or below this rate (0–1) the score is 0.' }) zeroAt!: number;
  @Field(() => Float, { description: 'At or above this rate (0–1) the score is the maximum.' }) fullAt!: number;
}

@ObjectType('AutomaticFigures', { description: 'The figures behind an AUTOMATIC score.' })
export class AutomaticFiguresType {
  @Field(() => Int) numerator!: number;
  @Field(() => Int) denominator!: number;
  @Field(() => Float, { nullable: true, description: 'numerator / denominator; null when nothing was due (full marks).' }) rate!: number | null;
  @Field(() => LocalDateResolver, { description: 'The day the figures were measured on (year end, or today within the year).' }) asOf!: string;
  @Field(() => String, { description: 'The figures in words, e.g. 按时公开 7 项 / 应公开 10 项.' }) basis!: string;
  @Field(() => JSONObjectResolver, { nullable: true, description: 'Further figures (deadlines, gap unit ids).' }) detail?: Record<string, unknown> | null;
}

@ObjectType({ description: 'One unit’s place in a scheme’s ranking.' })
export class InspectionRankingEntry {
  inspectionId!: number;
  unitId!: number;
  @Field(() => Int, { description: 'Standard competition rank: ties share a rank and the next rank is skipped (1, 1, 3).' }) rank!: number;
  @Field(() => Float) total!: number;
  @Field(() => String) grade!: string;
}

export const { Connection: InspectionSchemeConnection } = ConnectionType(InspectionScheme, 'InspectionScheme');
export const { Connection: InspectionConnection } = ConnectionType(Inspection, 'Inspection');
