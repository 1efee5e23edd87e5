import { Arg, Args, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders } from '../organisation';
import { Inspection, InspectionScore } from './inspection.entity';
import {
  ActivateInspectionSchemeInput,
  CreateInspectionSchemeInput,
  InspectionSchemesArgs,
  InspectionsArgs,
  InspectionStepInput,
  OpenInspectionInput,
  RespondToInspectionInput,
  ScoreIndicatorInput,
  UpdateInspectionSchemeInput,
} from './inspection.inputs';
import { inspectionLoaders } from './inspection.loaders';
import { InspectionService } from './inspection.service';
import { InspectionSchemeService } from './inspection-scheme.service';
import {
  AutomaticFiguresType,
  GradeBandType,
  InspectionConnection,
  InspectionRankingEntry,
  InspectionSchemeConnection,
  ScoringRuleType,
} from './inspection.types';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';

@Resolver(() => InspectionScheme)
export class InspectionSchemeResolver {
  @Query(() => InspectionSchemeConnection, {
    description: 'Inspection schemes: active ones for every staff member; drafts for OFFICE_ADMIN and INSPECTOR of the issuing unit.',
  })
  inspectionSchemes(@Ctx() ctx: Context, @Args(() => InspectionSchemesArgs) args: InspectionSchemesArgs) {
    return new InspectionSchemeService(ctx).schemes(args);
  }

  @Mutation(() => InspectionScheme, { description: 'Creates a draft scheme (CENTRAL_ADMIN for the national scheme, OFFICE_ADMIN of a district for its own).' })
  createInspectionScheme(@Ctx() ctx: Context, @Arg('input', () => CreateInspectionSchemeInput) input: CreateInspectionSchemeInput) {
    return new InspectionSchemeService(ctx).createScheme(input);
  }

  @Mutation(() => InspectionScheme, { description: 'Changes a draft scheme; refused once active (frozen).' })
  updateInspectionScheme(@Ctx() ctx: Context, @Arg('input', () => UpdateInspectionSchemeInput) input: UpdateInspectionSchemeInput) {
    return new InspectionSchemeService(ctx).updateScheme(input);
  }

  @Mutation(() => InspectionScheme, { description: 'Activates a draft scheme whose maxima add up to its total; frozen from then on.' })
  activateInspectionScheme(@Ctx() ctx: Context, @Arg('input', () => ActivateInspectionSchemeInput) input: ActivateInspectionSchemeInput) {
    return new InspectionSchemeService(ctx).activateScheme(input);
  }

  @FieldResolver(() => ID)
  id(@Root() s: InspectionScheme): string {
    return toGlobalId('InspectionScheme', s.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  issuerUnit(@Root() s: InspectionScheme, @Ctx() ctx: Context) {
    return organisationLoaders(ctx).unitById.load(s.issuerUnit.id);
  }

  @FieldResolver(() => [GradeBandType])
  gradeBands(@Root() s: InspectionScheme) {
    return [...s.gradeBands].sort((a, b) => b.minScore - a.minScore);
  }

  @FieldResolver(() => [InspectionIndicator])
  indicators(@Root() s: InspectionScheme, @Ctx() ctx: Context) {
    return inspectionLoaders(ctx).indicatorsByScheme.load(s.id);
  }

  @Query(() => [InspectionRankingEntry], {
    description: 'Ranking of the units inspected under a scheme (latest finalised inspection each; ties share a rank: 1, 1, 3).',
  })
  async inspectionRanking(@Ctx() ctx: Context, @Arg('schemeId', () => ID) schemeId: string): Promise<InspectionRankingEntry[]> {
    const rows = await new InspectionSchemeService(ctx).ranking(schemeId);
    return rows.map((r) =>
      Object.assign(new InspectionRankingEntry(), { inspectionId: r.inspection_id, unitId: r.unit_id, rank: r.rank, total: r.total, grade: r.grade }),
    );
  }
}

@Resolver(() => InspectionIndicator)
export class InspectionIndicatorResolver {
  @FieldResolver(() => ID)
  id(@Root() i: InspectionIndicator): string {
    return toGlobalId('InspectionIndicator', i.id);
  }

  @FieldResolver(() => ScoringRuleType, { nullable: true, description: 'Scoring rule of an AUTOMATIC indicator (data, not code).' })
  rule(@Root() i: InspectionIndicator) {
    return i.rule ?? null;
  }
}

@Resolver(() => Inspection)
export class InspectionResolver {
  @Query(() => InspectionConnection, {
    description:
      'Inspections the caller may see: in progress ones for the inspector, the unit’s admins and superiors; finalised totals and grades also for staff of the issuing unit’s subtree.',
  })
  inspections(@Ctx() ctx: Context, @Args(() => InspectionsArgs) args: InspectionsArgs) {
    return new InspectionService(ctx).inspections(args);
  }

  @Mutation(() => Inspection, {
    description: 'Opens an inspection (INSPECTOR over the unit); AUTOMATIC indicators are computed at once. A correction names the finalised one and a reason.',
  })
  openInspection(@Ctx() ctx: Context, @Arg('input', () => OpenInspectionInput) input: OpenInspectionInput) {
    return new InspectionService(ctx).open(input);
  }

  @Mutation(() => Inspection, { description: 'Scores a MANUAL indicator (0..max, comment, evidence) of an open inspection.' })
  scoreIndicator(@Ctx() ctx: Context, @Arg('input', () => ScoreIndicatorInput) input: ScoreIndicatorInput) {
    return new InspectionService(ctx).score(input);
  }

  @Mutation(() => Inspection, { description: 'Submits an inspection whose MANUAL indicators are all scored; AUTOMATIC ones are recomputed.' })
  submitInspection(@Ctx() ctx: Context, @Arg('input', () => InspectionStepInput) input: InspectionStepInput) {
    return new InspectionService(ctx).submit(input);
  }

  @Mutation(() => Inspection, { description: 'The inspected unit’s response (OFFICE_ADMIN of the unit) before finalisation.' })
  respondToInspection(@Ctx() ctx: Context, @Arg('input', () => RespondToInspectionInput) input: RespondToInspectionInput) {
    return new InspectionService(ctx).respond(input);
  }

  @Mutation(() => Inspection, { description: 'Finalises a submitted inspection (OFFICE_ADMIN or INSPECTOR of the issuing unit); it never changes again.' })
  finalizeInspection(@Ctx() ctx: Context, @Arg('input', () => InspectionStepInput) input: InspectionStepInput) {
    return new InspectionService(ctx).finalize(input);
  }

  @FieldResolver(() => ID)
  id(@Root() i: Inspection): string {
    return toGlobalId('Inspection', i.id);
  }

  @FieldResolver(() => InspectionScheme, { nullable: true })
  scheme(@Root() i: Inspection, @Ctx() ctx: Context) {
    return inspectionLoaders(ctx).schemeById.load(i.scheme.id);
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  unit(@Root() i: Inspection, @Ctx() ctx: Context) {
    return organisationLoaders(ctx).unitById.load(i.unit.id);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'Sum of the scores (set on submission, final on finalisation).' })
  total(@Root() i: Inspection) {
    return i.total ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Grade band of the total (优秀 / 良好 / 合格 / 不合格).' })
  grade(@Root() i: Inspection) {
    return i.grade ?? null;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Rank among the units inspected under the scheme, once finalised (ties: 1, 1, 3).' })
  rank(@Root() i: Inspection, @Ctx() ctx: Context) {
    return inspectionLoaders(ctx).rankByInspection.load(i.id);
  }

  @FieldResolver(() => ID, { nullable: true, description: 'The finalised inspection this one corrects.' })
  correctsId(@Root() i: Inspection) {
    return i.correctsId ? toGlobalId('Inspection', i.correctsId) : null;
  }

  @FieldResolver(() => [InspectionScore], { nullable: true, description: 'Scores per indicator: the inspector, the unit’s admins and superiors only.' })
  scores(@Root() i: Inspection, @Ctx() ctx: Context) {
    return inspectionLoaders(ctx).scoresByInspection.load(i.id);
  }
}

@Resolver(() => InspectionScore)
export class InspectionScoreResolver {
  @FieldResolver(() => InspectionIndicator, { nullable: true })
  indicator(@Root() s: InspectionScore, @Ctx() ctx: Context) {
    return inspectionLoaders(ctx).indicatorById.load(s.indicator.id);
  }

  @FieldResolver(() => AutomaticFiguresType, { nullable: true, description: 'For AUTOMATIC indicators: numerator, denominator, rate and what they count.' })
  figures(@Root() s: InspectionScore) {
    return s.figures ?? null;
  }
}

@Resolver(() => InspectionRankingEntry)
export class InspectionRankingEntryResolver {
  @FieldResolver(() => OrgUnit, { nullable: true })
  unit(@Root() e: InspectionRankingEntry, @Ctx() ctx: Context) {
    return organisationLoaders(ctx).unitById.load(e.unitId);
  }

  @FieldResolver(() => ID)
  inspectionId(@Root() e: InspectionRankingEntry): string {
    return toGlobalId('Inspection', e.inspectionId);
  }
}
