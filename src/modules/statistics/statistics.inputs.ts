import { JSONObjectResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { ReviewDecision, ReviewKind } from '../catalogue';
import { StatisticsScope } from './annual-statistics.entity';

const year = z.number().int().min(1990, 'must be 1990 or later').max(2100, 'must be 2100 or earlier');
const comment = z.string().trim().max(2000);

@InputType({ description: 'Figures of a unit for a year, saved as a draft (or a correction of accepted figures).' })
export class SaveAnnualStatisticsInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'Template code; default: the template that applies to the year.' }) templateCode?: string | null;
  @Field(() => JSONObjectResolver, {
    description: 'Cell key → value (number for COUNT / AMOUNT / RATE, string for TEXT, null = not reported). Replaces the draft’s figures.',
  })
  figures!: Record<string, unknown>;
  @Field(() => JSONObjectResolver, { nullable: true, description: 'Cell key → remark (备注).' }) notes?: Record<string, unknown> | null;
  @Field(() => String, { nullable: true, description: 'Required when correcting accepted figures: why.' }) correctionReason?: string | null;
  @Field(() => Int, { nullable: true, description: 'Version of the draft you read; a stale one fails with CONFLICT.' }) expectedVersion?: number | null;
  @Field(() => StatisticsScope, { nullable: true, description: 'OWN (本级, default) or CONSOLIDATED (the figures already include the units below).' })
  scope?: StatisticsScope | null;
  @Field(() => [ID], { nullable: true, description: 'CONSOLIDATED only: the units below whose figures are included.' })
  contributorIds?: string[] | null;
}
export const saveStatisticsSchema = z.object({
  scope: z.enum(StatisticsScope).nullish(),
  contributorIds: z.array(z.string().min(1)).max(1000).nullish(),
  unitId: z.string().min(1),
  year,
  templateCode: z.string().trim().min(1).max(64).nullish(),
  // Only the shape here: every cell is checked against its template in checkCellTypes, which
  // names each bad cell. (z.record would copy and re-check the hundreds of keys of a save first.)
  figures: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be an object of cell key → value'),
  notes: z.record(z.string(), z.string().trim().max(500, 'must be at most 500 characters')).nullish(),
  correctionReason: comment.nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType()
export class SubmitAnnualStatisticsInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'Client-chosen key; repeating a submit with the same key does nothing more.' }) idempotencyKey!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const submitStatisticsSchema = z.object({
  id: z.string().min(1),
  idempotencyKey: z.string().trim().min(8, 'must be at least 8 characters').max(100),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType()
export class ReviewAnnualStatisticsInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true, description: 'Review comment (required when returning).' }) comment?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const acceptStatisticsSchema = z.object({ id: z.string().min(1), comment: comment.nullish(), expectedVersion: z.number().int().min(1).nullish() });
export const returnStatisticsSchema = z.object({
  id: z.string().min(1),
  comment: comment.min(1, 'must say what to fix'),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType({ description: 'A report’s own section headings, per section (null: the template’s heading).' })
export class ReportSectionTitlesInput {
  @Field(() => String, { nullable: true }) overview?: string | null;
  @Field(() => String, { nullable: true }) proactive?: string | null;
  @Field(() => String, { nullable: true }) requests?: string | null;
  @Field(() => String, { nullable: true }) litigation?: string | null;
  @Field(() => String, { nullable: true }) problems?: string | null;
  @Field(() => String, { nullable: true }) other?: string | null;
}

@InputType({
  description:
    'The six text sections of an annual report (Markdown; HTML is escaped, the rendered page sanitised). Omitted sections stay as they are. Editing an approved or published report starts a new draft; the publication stays public until the next one.',
})
export class SaveAnnualReportSectionsInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: '总体情况 / 工作开展情况' }) overview?: string | null;
  @Field(() => String, { nullable: true, description: '主动公开' }) proactive?: string | null;
  @Field(() => String, { nullable: true, description: '依申请公开' }) requests?: string | null;
  @Field(() => String, { nullable: true, description: '行政复议、行政诉讼' }) litigation?: string | null;
  @Field(() => String, { nullable: true, description: '存在的主要问题及改进情况' }) problems?: string | null;
  @Field(() => String, { nullable: true, description: '其他需要报告的事项' }) other?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'The report’s own title as the source writes it (e.g. 天津海关信息公开2008年度报告); empty: the template’s title.',
  })
  title?: string | null;
  @Field(() => ReportSectionTitlesInput, {
    nullable: true,
    description: 'The report’s own section headings (replaces the previous ones; empty string: no heading). With any set, sections without text are left out.',
  })
  sectionTitles?: ReportSectionTitlesInput | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
const section = z.string().max(20000, 'must be at most 20000 characters').nullish();
const heading = z.string().trim().max(200, 'must be at most 200 characters').nullish();
export const saveReportSchema = z.object({
  unitId: z.string().min(1),
  year,
  overview: section,
  proactive: section,
  requests: section,
  litigation: section,
  problems: section,
  other: section,
  title: heading,
  sectionTitles: z.object({ overview: heading, proactive: heading, requests: heading, litigation: heading, problems: heading, other: heading }).nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType({ description: 'A unit’s report for a year, and the version you read (a stale one fails with CONFLICT).' })
export class AnnualReportRefInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const reportRefSchema = z.object({ unitId: z.string().min(1), year, expectedVersion: z.number().int().min(1).nullish() });

@InputType()
export class ReviewAnnualReportInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => ReviewKind, { nullable: true, description: 'Needed only when you hold both reviewer roles over the unit.' }) kind?: ReviewKind | null;
  @Field(() => ReviewDecision) decision!: ReviewDecision;
  @Field(() => String) comment!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const reviewReportSchema = z.object({
  unitId: z.string().min(1),
  year,
  kind: z.enum(ReviewKind).nullish(),
  decision: z.enum(ReviewDecision),
  comment: z.string().trim().min(1, 'must not be empty').max(4000),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType()
export class PublishAnnualReportInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'Required when the report was published before: why this correction replaces it.' }) correctionReason?:
    string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const publishReportSchema = z.object({
  unitId: z.string().min(1),
  year,
  correctionReason: comment.nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
});
