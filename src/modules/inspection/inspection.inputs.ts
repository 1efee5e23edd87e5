import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { PageArgs } from '../../common/relay';
import { AutomaticMetric, IndicatorDimension, IndicatorMethod, InspectionStatus, SchemeStatus, ScoringRuleKind } from './inspection.enums';

const text = (max: number) => z.string().trim().max(max);
const score = z.number().finite('must be a number').min(0, 'must not be negative').max(1000);
const fraction = z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

@InputType({ description: 'Scoring rule of an AUTOMATIC indicator: rates as fractions (0.6 = 60%).' })
export class ScoringRuleInput {
  @Field(() => ScoringRuleKind) kind!: ScoringRuleKind;
  @Field(() => Float, { description: 'At or below this rate the score is 0.' }) zeroAt!: number;
  @Field(() => Float, { description: 'At or above this rate the score is the maximum.' }) fullAt!: number;
}

@InputType({ description: 'One indicator of a scheme.' })
export class IndicatorInput {
  @Field(() => String) code!: string;
  @Field(() => String, { description: 'Chinese name.' }) name!: string;
  @Field(() => IndicatorDimension) dimension!: IndicatorDimension;
  @Field(() => Float) maxScore!: number;
  @Field(() => String, { nullable: true }) guidance?: string | null;
  @Field(() => IndicatorMethod) method!: IndicatorMethod;
  @Field(() => AutomaticMetric, { nullable: true, description: 'Required for AUTOMATIC, forbidden for MANUAL.' }) metric?: AutomaticMetric | null;
  @Field(() => ScoringRuleInput, { nullable: true, description: 'Required for AUTOMATIC, forbidden for MANUAL.' }) rule?: ScoringRuleInput | null;
}

@InputType({ description: 'A grade band: totals at or above minScore earn the grade.' })
export class GradeBandInput {
  @Field(() => String) grade!: string;
  @Field(() => Float) minScore!: number;
}

const indicatorSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(64)
      .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    name: z.string().trim().min(1, 'must not be empty').max(200),
    dimension: z.enum(IndicatorDimension),
    maxScore: score.refine((n) => n > 0, 'must be positive'),
    guidance: text(4000).nullish(),
    method: z.enum(IndicatorMethod),
    metric: z.enum(AutomaticMetric).nullish(),
    rule: z
      .object({ kind: z.enum(ScoringRuleKind), zeroAt: fraction, fullAt: fraction })
      .refine((r) => r.fullAt > r.zeroAt, { message: 'fullAt must be above zeroAt', path: ['fullAt'] })
      .nullish(),
  })
  .superRefine((i, c) => {
    if (i.method === IndicatorMethod.AUTOMATIC) {
      if (!i.metric) c.addIssue({ code: 'custom', path: ['metric'], message: 'is required for an AUTOMATIC indicator' });
      if (!i.rule) c.addIssue({ code: 'custom', path: ['rule'], message: 'is required for an AUTOMATIC indicator' });
    } else {
      if (i.metric) c.addIssue({ code: 'custom', path: ['metric'], message: 'must be empty for a MANUAL indicator' });
      if (i.rule) c.addIssue({ code: 'custom', path: ['rule'], message: 'must be empty for a MANUAL indicator' });
    }
  });

const indicatorsSchema = z
  .array(indicatorSchema)
  .max(100)
  .superRefine((list, c) => {
    const seen = new Set<string>();
    list.forEach((i, n) => {
      if (seen.has(i.code)) c.addIssue({ code: 'custom', path: [n, 'code'], message: `repeats the code ${i.code}` });
      seen.add(i.code);
    });
  });

const gradeBandsSchema = z
  .array(z.object({ grade: z.string().trim().min(1, 'must not be empty').max(32), minScore: score }))
  .min(2, 'name at least two bands')
  .max(10)
  .superRefine((bands, c) => {
    if (!bands.some((b) => b.minScore === 0)) c.addIssue({ code: 'custom', path: [], message: 'one band must start at 0 so every total has a grade' });
    if (new Set(bands.map((b) => b.minScore)).size !== bands.length) c.addIssue({ code: 'custom', path: [], message: 'bands must start at different scores' });
    if (new Set(bands.map((b) => b.grade)).size !== bands.length) c.addIssue({ code: 'custom', path: [], message: 'bands must have different grades' });
  });

@InputType({ description: 'A new yearly scheme (draft): CENTRAL_ADMIN for the national one, OFFICE_ADMIN of a district for its own.' })
export class CreateInspectionSchemeInput {
  @Field(() => ID, { description: 'The issuing unit: the administration or a district.' }) issuerUnitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) name!: string;
  @Field(() => Float, { nullable: true, description: 'Default 100.' }) totalScore?: number | null;
  @Field(() => [GradeBandInput], { nullable: true, description: 'Default 优秀 ≥ 90, 良好 ≥ 75, 合格 ≥ 60, 不合格 below.' }) gradeBands?:
    GradeBandInput[] | null;
  @Field(() => [IndicatorInput]) indicators!: IndicatorInput[];
}
export const createSchemeSchema = z.object({
  issuerUnitId: z.string(),
  year: z.number().int().min(1990, 'must be 1990–2100').max(2100, 'must be 1990–2100'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  totalScore: score.refine((n) => n > 0, 'must be positive').nullish(),
  gradeBands: gradeBandsSchema.nullish(),
  indicators: indicatorsSchema,
});

@InputType({ description: 'Changes to a draft scheme; indicators, when given, replace all of them.' })
export class UpdateInspectionSchemeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Float, { nullable: true }) totalScore?: number | null;
  @Field(() => [GradeBandInput], { nullable: true }) gradeBands?: GradeBandInput[] | null;
  @Field(() => [IndicatorInput], { nullable: true }) indicators?: IndicatorInput[] | null;
}
export const updateSchemeSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().min(1),
  name: z.string().trim().min(1, 'must not be empty').max(200).nullish(),
  totalScore: score.refine((n) => n > 0, 'must be positive').nullish(),
  gradeBands: gradeBandsSchema.nullish(),
  indicators: indicatorsSchema.nullish(),
});

@InputType({ description: 'Activates (freezes) a draft scheme once its maxima add up to the total.' })
export class ActivateInspectionSchemeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}

@InputType({ description: 'Opens an inspection of a unit under an active scheme (INSPECTOR over the unit).' })
export class OpenInspectionInput {
  @Field(() => ID) schemeId!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => ID, { nullable: true, description: 'The finalised inspection this one corrects.' }) correctsId?: string | null;
  @Field(() => String, { nullable: true, description: 'Why the finalised inspection is corrected; required with correctsId.' }) correctionReason?:
    string | null;
}
export const openInspectionSchema = z.object({
  schemeId: z.string(),
  unitId: z.string(),
  correctsId: z.string().nullish(),
  correctionReason: text(2000).nullish(),
});

@InputType({ description: 'Scores one MANUAL indicator of an open inspection.' })
export class ScoreIndicatorInput {
  @Field(() => ID) inspectionId!: string;
  @Field(() => ID) indicatorId!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => Float, { description: '0 to the indicator’s maximum.' }) score!: number;
  @Field(() => String, { nullable: true }) comment?: string | null;
  @Field(() => [String], { nullable: true, description: 'Evidence references.' }) evidence?: string[] | null;
}
export const scoreIndicatorSchema = z.object({
  inspectionId: z.string(),
  indicatorId: z.string(),
  expectedVersion: z.number().int().min(1),
  score: z.number().finite('must be a number').min(0, 'must not be negative'),
  comment: text(4000).nullish(),
  evidence: z.array(z.string().trim().min(1, 'must not be empty').max(500)).max(50).nullish(),
});

@InputType({ description: 'A workflow step on an inspection.' })
export class InspectionStepInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
}
export const stepSchema = z.object({ id: z.string(), expectedVersion: z.number().int().min(1) });

@InputType({ description: 'The inspected unit’s response (OFFICE_ADMIN of the unit).' })
export class RespondToInspectionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) expectedVersion!: number;
  @Field(() => String) response!: string;
}
export const respondSchema = stepSchema.extend({ response: z.string().trim().min(1, 'must not be empty').max(8000) });

@ArgsType()
export class InspectionSchemesArgs extends PageArgs {
  @Field(() => Int, { nullable: true }) year?: number | null;
  @Field(() => ID, { nullable: true }) issuerUnitId?: string | null;
  @Field(() => SchemeStatus, { nullable: true }) status?: SchemeStatus | null;
}

@ArgsType()
export class InspectionsArgs extends PageArgs {
  @Field(() => ID, { nullable: true }) schemeId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Inspections of units in this unit’s subtree.' }) unitId?: string | null;
  @Field(() => Int, { nullable: true, description: 'The scheme’s year.' }) year?: number | null;
  @Field(() => InspectionStatus, { nullable: true }) status?: InspectionStatus | null;
}
