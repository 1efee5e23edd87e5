import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import { AnnualStatistics } from './annual-statistics.entity';
import { submissionProblems } from './statistics.checks';
import { isStatisticsStaff } from './statistics.policy';
import { statisticsLoaders } from './statistics.loaders';
import { AnnualReportType } from './statistics.types';
import { StatisticsTemplateService } from './statistics-template.service';
import {
  NO_REPORT_ACTIONS,
  NO_STATISTICS_ACTIONS,
  reportActionFactsLoader,
  reportViewerCan,
  statisticsActionFactsLoader,
  statisticsViewerCan,
  type ReportViewerCan,
  type StatisticsViewerCan,
} from './statistics-actions';

@ObjectType({
  description:
    'What the caller may do with this revision now: each field is true exactly when the mutation would pass its rules (valid input and the current version assumed).',
})
export class AnnualStatisticsViewerCan implements StatisticsViewerCan {
  @Field(() => Boolean, { description: 'saveAnnualStatistics into this draft or returned revision' }) save!: boolean;
  @Field(() => Boolean, { description: 'submitAnnualStatistics (its figures pass every check)' }) submit!: boolean;
  @Field(() => Boolean, { description: 'acceptAnnualStatistics' }) accept!: boolean;
  @Field(() => Boolean, { description: 'returnAnnualStatistics' }) return!: boolean;
  @Field(() => Boolean, { description: 'saveAnnualStatistics with a correctionReason: a correction of these accepted figures' }) correct!: boolean;
}

@ObjectType({
  description:
    'What the caller may do with the report now: each field is true exactly when the mutation would pass its rules (valid input and the current version assumed).',
})
export class AnnualReportViewerCan implements ReportViewerCan {
  @Field(() => Boolean, { description: 'saveAnnualReportSections' }) edit!: boolean;
  @Field(() => Boolean, { description: 'submitAnnualReport' }) submit!: boolean;
  @Field(() => Boolean, { description: 'reviewAnnualReport (a review of a kind you hold)' }) review!: boolean;
  @Field(() => Boolean, { description: 'publishAnnualReport' }) publish!: boolean;
}

/** Is the caller staff of the unit (everyone else may do nothing, and costs no SQL)? */
async function isStaff(ctx: Context, unitId: number): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const unit = await organisationLoaders(ctx).unitById.load(unitId);
  return !!unit && isStatisticsStaff(ctx.auth, unit.path);
}

@Resolver(() => AnnualStatistics)
export class AnnualStatisticsActionsResolver {
  @FieldResolver(() => AnnualStatisticsViewerCan, {
    description:
      'Allowed actions, from the same rules that guard the mutations (statistics-actions.policy.ts); `submit` also runs the submission’s checks. All false for anyone but staff of the unit and its superiors.',
  })
  async viewerCan(@Root() s: AnnualStatistics, @Ctx() ctx: Context): Promise<StatisticsViewerCan> {
    if (!(await isStaff(ctx, s.unit.id))) return NO_STATISTICS_ACTIONS;
    const facts = await statisticsActionFactsLoader(ctx).load(s.id);
    if (!facts) return NO_STATISTICS_ACTIONS;
    const can = statisticsViewerCan(ctx.auth, facts);
    if (can.submit) {
      const loaders = statisticsLoaders(ctx);
      const template = (await loaders.templateById.load(s.template.id))!;
      const def = await new StatisticsTemplateService(ctx).definitionFor(template, s.year);
      const previous = await loaders.acceptedFigures.load(`${s.unit.id}:${s.year - 1}`);
      can.submit = submissionProblems(def, s.figures, previous, template.code).length === 0;
    }
    return can;
  }
}

@Resolver(() => AnnualReportType)
export class AnnualReportActionsResolver {
  @FieldResolver(() => AnnualReportViewerCan, {
    description:
      'Allowed actions, from the same rules that guard the mutations (report-actions.policy.ts). All false for anyone but staff of the unit and its superiors.',
  })
  async viewerCan(@Root() r: AnnualReportType, @Ctx() ctx: Context): Promise<ReportViewerCan> {
    if (!(await isStaff(ctx, r.unitId))) return NO_REPORT_ACTIONS;
    const facts = await reportActionFactsLoader(ctx).load(r.reportId);
    return facts ? reportViewerCan(ctx.auth, facts) : NO_REPORT_ACTIONS;
  }
}
