import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders } from '../organisation';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualReportReview } from './annual-report-review.entity';
import { AnnualStatistics, CellSource } from './annual-statistics.entity';
import { AnnualStatisticsSave } from './annual-statistics.save';
import { AnnualStatisticsWorkflow } from './annual-statistics.workflow';
import { ReportService, ReportView } from './report.service';
import { ReportWorkflowService } from './report-workflow.service';
import { RollupService } from './rollup.service';
import {
  AnnualReportRefInput,
  PublishAnnualReportInput,
  ReviewAnnualReportInput,
  ReviewAnnualStatisticsInput,
  SaveAnnualReportSectionsInput,
  SaveAnnualStatisticsInput,
  SubmitAnnualStatisticsInput,
} from './statistics.inputs';
import { statisticsLoaders } from './statistics.loaders';
import { StatisticsService } from './statistics.service';
import {
  AnnualReportType,
  CellKindEnum,
  ReportSectionDefinition,
  ReportSections,
  RollupChild,
  StatisticsCellDefinition,
  StatisticsCellValue,
  StatisticsProblemType,
  StatisticsRollup,
  StatisticsRuleDefinition,
  StatisticsState,
  StatisticsTableDefinition,
} from './statistics.types';
import { StatisticsTemplate } from './statistics-template.entity';
import { StatisticsTemplateService } from './statistics-template.service';
import { StatisticsTemplateAdmin } from './statistics-template.admin';
import { ActivateStatisticsTemplateInput, CreateStatisticsTemplateInput, UpdateStatisticsTemplateInput } from './statistics-template.inputs';

@Resolver(() => StatisticsTemplate)
export class StatisticsTemplateResolver {
  @Mutation(() => StatisticsTemplate, {
    description: 'Creates the next version of a template family as a DRAFT (CENTRAL_ADMIN); refused with every problem of the definition named.',
  })
  createStatisticsTemplate(@Ctx() ctx: Context, @Arg('input', () => CreateStatisticsTemplateInput) input: CreateStatisticsTemplateInput) {
    return new StatisticsTemplateAdmin(ctx).create(input);
  }

  @Mutation(() => StatisticsTemplate, { description: 'Changes a DRAFT template version (CENTRAL_ADMIN); an active one is frozen.' })
  updateStatisticsTemplate(@Ctx() ctx: Context, @Arg('input', () => UpdateStatisticsTemplateInput) input: UpdateStatisticsTemplateInput) {
    return new StatisticsTemplateAdmin(ctx).update(input);
  }

  @Mutation(() => StatisticsTemplate, {
    description: 'Activates a valid DRAFT template version (CENTRAL_ADMIN): it applies to its years from now on and is frozen.',
  })
  activateStatisticsTemplate(@Ctx() ctx: Context, @Arg('input', () => ActivateStatisticsTemplateInput) input: ActivateStatisticsTemplateInput) {
    return new StatisticsTemplateAdmin(ctx).activate(input);
  }

  @Query(() => [StatisticsTemplate], { description: 'Every statistics template version (public).' })
  statisticsTemplates(@Ctx() ctx: Context): Promise<StatisticsTemplate[]> {
    return new StatisticsTemplateService(ctx).templates();
  }

  @FieldResolver(() => ID)
  id(@Root() t: StatisticsTemplate): string {
    return toGlobalId('StatisticsTemplate', t.id);
  }

  @FieldResolver(() => [StatisticsTableDefinition])
  tables(@Root() t: StatisticsTemplate) {
    return t.definition.tables;
  }

  @FieldResolver(() => [StatisticsCellDefinition])
  cells(@Root() t: StatisticsTemplate) {
    return t.definition.cells;
  }

  @FieldResolver(() => [StatisticsRuleDefinition], { description: 'Checks run on every save (warnings) and submission (refusals).' })
  rules(@Root() t: StatisticsTemplate) {
    return t.definition.rules;
  }

  @FieldResolver(() => [ReportSectionDefinition], { description: 'Headings of the six report sections in this format.' })
  sections(@Root() t: StatisticsTemplate) {
    return t.definition.sections;
  }
}

@Resolver(() => AnnualStatistics)
export class AnnualStatisticsResolver {
  @Query(() => [AnnualStatistics], {
    description:
      'Revisions of a unit’s statistics for a year, newest first: all of them for the unit’s staff and superiors; the accepted one for others once the report is published.',
  })
  annualStatistics(@Ctx() ctx: Context, @Arg('unitId', () => ID) unitId: string, @Arg('year', () => Int) year: number) {
    return new StatisticsService(ctx).forUnit(unitId, year);
  }

  @Mutation(() => AnnualStatistics, {
    description:
      'Saves figures as a draft (LIAISON or OFFICE_ADMIN of the unit); rule problems come back as warnings. On accepted figures: starts a correction (needs correctionReason).',
  })
  saveAnnualStatistics(@Ctx() ctx: Context, @Arg('input', () => SaveAnnualStatisticsInput) input: SaveAnnualStatisticsInput) {
    return new AnnualStatisticsSave(ctx).save(input);
  }

  @Mutation(() => AnnualStatistics, {
    description: 'Submits a draft to the superior; refused with every failing cell when a check fails. Idempotent per idempotencyKey.',
  })
  submitAnnualStatistics(@Ctx() ctx: Context, @Arg('input', () => SubmitAnnualStatisticsInput) input: SubmitAnnualStatisticsInput) {
    return new AnnualStatisticsWorkflow(ctx).submit(input);
  }

  @Mutation(() => AnnualStatistics, { description: 'Accepts submitted figures (OFFICE_ADMIN over the unit’s parent); they are frozen.' })
  acceptAnnualStatistics(@Ctx() ctx: Context, @Arg('input', () => ReviewAnnualStatisticsInput) input: ReviewAnnualStatisticsInput) {
    return new AnnualStatisticsWorkflow(ctx).accept(input);
  }

  @Mutation(() => AnnualStatistics, { description: 'Returns submitted figures with a comment (OFFICE_ADMIN over the unit’s parent).' })
  returnAnnualStatistics(@Ctx() ctx: Context, @Arg('input', () => ReviewAnnualStatisticsInput) input: ReviewAnnualStatisticsInput) {
    return new AnnualStatisticsWorkflow(ctx).returnForRevision(input);
  }

  @FieldResolver(() => ID)
  id(@Root() s: AnnualStatistics): string {
    return toGlobalId('AnnualStatistics', s.id);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() s: AnnualStatistics, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(s.unit.id))!;
  }

  @FieldResolver(() => StatisticsTemplate)
  async template(@Root() s: AnnualStatistics, @Ctx() ctx: Context): Promise<StatisticsTemplate> {
    return (await statisticsLoaders(ctx).templateById.load(s.template.id))!;
  }

  @FieldResolver(() => [StatisticsCellValue], { description: 'Every cell of the template with its value, in template order.' })
  async cells(@Root() s: AnnualStatistics, @Ctx() ctx: Context): Promise<StatisticsCellValue[]> {
    const t = (await statisticsLoaders(ctx).templateById.load(s.template.id))!;
    const definition = await new StatisticsTemplateService(ctx).definitionFor(t, s.year);
    return definition.cells.map((c) => {
      const v = s.figures[c.key];
      return {
        key: c.key,
        label: c.label,
        kind: c.kind as CellKindEnum,
        number: typeof v === 'number' ? v : null,
        text: typeof v === 'string' ? v : null,
        note: s.notes[c.key] ?? null,
        source: v === undefined || v === null ? null : (s.cellSources?.[c.key] ?? CellSource.TYPED),
      };
    });
  }

  @FieldResolver(() => [StatisticsProblemType], {
    nullable: true,
    description:
      'Rule problems of a draft or returned revision: sums, table identities, and carry-over from last year’s accepted figures; empty once submitted (staff of the unit and its superiors only).',
  })
  warnings(@Root() s: AnnualStatistics, @Ctx() ctx: Context): Promise<StatisticsProblemType[]> {
    return new AnnualStatisticsSave(ctx).warningsOf(s, (unitId, year) => statisticsLoaders(ctx).acceptedFigures.load(`${unitId}:${year}`));
  }
}

@Resolver(() => StatisticsRollup)
export class StatisticsRollupResolver {
  @Query(() => StatisticsRollup, {
    description: '本级 and 系统汇总 figures of a unit for a year, with the state of every expected child (staff of the unit or its superiors).',
  })
  async statisticsRollup(@Ctx() ctx: Context, @Arg('unitId', () => ID) unitId: string, @Arg('year', () => Int) year: number): Promise<StatisticsRollup> {
    const r = await new RollupService(ctx).rollup(unitId, year);
    const children = r.children.map((c) => ({ unitId: c.unitId, state: c.state as StatisticsState, totals: c.totals }));
    const pendingChildren = children.filter((c) => c.state !== StatisticsState.ACCEPTED);
    return {
      unitId: r.unitId,
      templateId: r.template.id,
      year: r.year,
      ownState: r.ownState as StatisticsState,
      acceptedUnits: r.acceptedUnits,
      complete: r.complete,
      cells: r.cells.map((c) => ({ ...c, kind: c.kind as CellKindEnum })),
      children,
      pendingChildren,
    };
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() r: StatisticsRollup, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(r.unitId))!;
  }

  @FieldResolver(() => StatisticsTemplate)
  async template(@Root() r: StatisticsRollup, @Ctx() ctx: Context): Promise<StatisticsTemplate> {
    return (await statisticsLoaders(ctx).templateById.load(r.templateId))!;
  }
}

@Resolver(() => RollupChild)
export class RollupChildResolver {
  @FieldResolver(() => OrgUnit)
  async unit(@Root() c: RollupChild, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(c.unitId))!;
  }
}

/** Shapes a report as the caller reads it for GraphQL. */
export function toReportType(v: ReportView): AnnualReportType {
  return {
    reportId: v.report.id,
    unitId: v.unit.id,
    statisticsId: v.statisticsId,
    id: toGlobalId('AnnualReport', v.report.id),
    year: v.report.year,
    status: v.status,
    sections: { ...v.sections },
    markdown: v.markdown,
    html: v.html,
    publishedAt: v.publication?.publishedAt ?? null,
    revision: v.publication?.revision ?? null,
    url: v.publication ? `/reports/${encodeURIComponent(v.unit.code)}/${v.report.year}.html` : null,
    reviewRound: v.report.reviewRound,
    version: v.report.version,
  };
}

@Resolver(() => AnnualReportType)
export class AnnualReportResolver {
  @Query(() => AnnualReportType, {
    nullable: true,
    description: 'A unit’s annual report for a year: published ones for everyone, drafts for the unit’s staff and superiors.',
  })
  async annualReport(@Ctx() ctx: Context, @Arg('unitId', () => ID) unitId: string, @Arg('year', () => Int) year: number): Promise<AnnualReportType | null> {
    const v = await new ReportService(ctx).get(unitId, year);
    return v ? toReportType(v) : null;
  }

  @Mutation(() => AnnualReportType, { description: 'Saves report text sections (LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN of the unit).' })
  async saveAnnualReportSections(
    @Ctx() ctx: Context,
    @Arg('input', () => SaveAnnualReportSectionsInput) input: SaveAnnualReportSectionsInput,
  ): Promise<AnnualReportType> {
    return toReportType(await new ReportWorkflowService(ctx).saveSections(input));
  }

  @Mutation(() => AnnualReportType, {
    description: 'DRAFT / RETURNED → IN_REVIEW (LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN of the unit): opens a review round.',
  })
  async submitAnnualReport(@Ctx() ctx: Context, @Arg('input', () => AnnualReportRefInput) input: AnnualReportRefInput): Promise<AnnualReportType> {
    return toReportType(await new ReportWorkflowService(ctx).submit(input));
  }

  @Mutation(() => AnnualReportType, {
    description:
      'Records the legal (法规处审核) or secrecy (保密审查) review of the current round (LEGAL_REVIEWER / SECRECY_REVIEWER over the unit; not the submitter, not both reviews by one person). Both passed → APPROVED; RETURN → RETURNED.',
  })
  async reviewAnnualReport(@Ctx() ctx: Context, @Arg('input', () => ReviewAnnualReportInput) input: ReviewAnnualReportInput): Promise<AnnualReportType> {
    return toReportType(await new ReportWorkflowService(ctx).review(input));
  }

  @Mutation(() => AnnualReportType, {
    description:
      'APPROVED → PUBLISHED (OFFICE_PUBLISHER or OFFICE_ADMIN of the unit); needs both reviews passed and accepted figures. Freezes the Markdown and HTML as the next publication revision; a correction keeps the one before and needs correctionReason.',
  })
  async publishAnnualReport(@Ctx() ctx: Context, @Arg('input', () => PublishAnnualReportInput) input: PublishAnnualReportInput): Promise<AnnualReportType> {
    return toReportType(await new ReportWorkflowService(ctx).publish(input));
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() r: AnnualReportType, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(r.unitId))!;
  }

  @FieldResolver(() => AnnualStatistics, { nullable: true, description: 'The accepted statistics the tables come from.' })
  async statistics(@Root() r: AnnualReportType, @Ctx() ctx: Context): Promise<AnnualStatistics | null> {
    return r.statisticsId ? ctx.em.findOne(AnnualStatistics, { id: r.statisticsId }) : null;
  }

  @FieldResolver(() => [AnnualReportReview], {
    nullable: true,
    description: 'Legal and secrecy reviews of every round, with comments (staff of the unit and its superiors).',
  })
  reviews(@Root() r: AnnualReportType, @Ctx() ctx: Context): Promise<AnnualReportReview[]> {
    return new ReportService(ctx).reviews(r.reportId);
  }

  @FieldResolver(() => [AnnualReportPublication], {
    nullable: true,
    description: 'Every publication, newest first; superseded ones are kept as they were published (staff of the unit and its superiors).',
  })
  revisions(@Root() r: AnnualReportType, @Ctx() ctx: Context): Promise<AnnualReportPublication[]> {
    return new ReportService(ctx).publications(r.reportId);
  }
}

@Resolver(() => AnnualReportPublication)
export class AnnualReportPublicationResolver {
  @FieldResolver(() => ReportSections, { description: 'The text sections as published.' })
  sections(@Root() p: AnnualReportPublication): ReportSections {
    return { ...p.sections };
  }

  @FieldResolver(() => Boolean, { description: 'Is this the publication the public reads?' })
  current(@Root() p: AnnualReportPublication): boolean {
    return !p.supersededAt;
  }
}
