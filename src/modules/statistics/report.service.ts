import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { OrgUnit } from '../organisation';
import { AnnualReport, ReportStatus } from './annual-report.entity';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualReportReview } from './annual-report-review.entity';
import { AnnualStatistics, StatisticsStatus } from './annual-statistics.entity';
import { renderHtml, renderMarkdown, type ReportInput } from './report.render';
import { isStatisticsStaff } from './statistics.policy';
import { StatisticsTemplateService } from './statistics-template.service';
import { SECTION_KEYS, type SectionKey } from './template-definitions';

/** A report as one caller reads it. */
export interface ReportView {
  report: AnnualReport;
  unit: OrgUnit;
  /** The current publication, if any. */
  publication: AnnualReportPublication | null;
  /** Whether the caller reads the working copy (staff in scope) or the publication (everyone else). */
  working: boolean;
  status: ReportStatus;
  sections: Partial<Record<SectionKey, string>>;
  statisticsId: number | null;
  markdown: string;
  html: string;
}

/**
 * Renders a unit's report from its sections and the year's accepted figures, as of now (the unit's
 * current name). Used for drafts, and once per publication to freeze it.
 */
export async function renderReport(
  em: EntityManager,
  unit: OrgUnit,
  year: number,
  report: Pick<AnnualReport, 'sections'> & Partial<Pick<AnnualReport, 'title' | 'sectionTitles'>>,
): Promise<{ markdown: string; html: string; statisticsId: number | null }> {
  const sections = report.sections;
  const templates = new StatisticsTemplateService({ em });
  const statistics = await em.findOne(AnnualStatistics, { unit: unit.id, year, status: StatisticsStatus.ACCEPTED }, { populate: ['template'] });
  const template = statistics ? statistics.template.getEntity() : await templates.templateFor(year);
  const input: ReportInput = {
    unitName: unit.name,
    year,
    title: report.title ?? null,
    sectionTitles: report.sectionTitles ?? {},
    templateName: template?.name ?? '',
    // With the year's supplements (the customs supplement to GOV-2021): their tables follow the main ones.
    definition: template
      ? await templates.definitionFor(template, year)
      : { sections: SECTION_KEYS.map((key) => ({ key, title: key })), tables: [], cells: [], rules: [] },
    figures: statistics?.figures ?? null,
    notes: statistics?.notes ?? {},
    sections,
  };
  const markdown = renderMarkdown(input);
  return { markdown, html: renderHtml(input, markdown), statisticsId: statistics?.id ?? null };
}

/**
 * Reading annual reports: text sections written by the unit, tables from accepted figures. Staff
 * of the unit and its superiors read the working copy, everyone else the current publication.
 * The workflow that changes them is ReportWorkflowService (report-workflow.service.ts).
 */
export class ReportService {
  constructor(private readonly ctx: ServiceContext) {}

  /** A unit by global id; NOT_FOUND when it does not exist. */
  async unit(globalId: string, field: string): Promise<OrgUnit> {
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
    if (!unit) throw new NotFoundError('Org unit');
    return unit;
  }

  /** The report of a unit and year: the working copy for the unit's staff and superiors, the current publication for everyone else. */
  async get(unitGlobalId: string, year: number): Promise<ReportView | null> {
    return this.view(this.ctx.em, await this.unit(unitGlobalId, 'unitId'), year);
  }

  /** The current publication of a unit's report by unit code (the public HTTP route); null unless published. */
  async publishedByCode(code: string, year: number): Promise<AnnualReportPublication | null> {
    const unit = await this.ctx.em.findOne(OrgUnit, { code });
    if (!unit) return null;
    return this.ctx.em.findOne(AnnualReportPublication, { unit: unit.id, year, supersededAt: null });
  }

  /** Every publication of a report, newest first (callers check scope: staff of the unit only). */
  async publications(reportId: number): Promise<AnnualReportPublication[]> {
    return this.ctx.em.find(AnnualReportPublication, { report: reportId }, { orderBy: { revision: 'desc' } });
  }

  /** Review records of a report, every round, oldest first. */
  async reviews(reportId: number): Promise<AnnualReportReview[]> {
    return this.ctx.em.find(AnnualReportReview, { report: reportId }, { orderBy: { round: 'asc', id: 'asc' } });
  }

  /** The report of `unit` and `year` as this caller reads it, read through `em`. */
  async view(em: EntityManager, unit: OrgUnit, year: number): Promise<ReportView | null> {
    const report = await em.findOne(AnnualReport, { unit: unit.id, year });
    if (!report) return null;
    const publication = await em.findOne(AnnualReportPublication, { report: report.id, supersededAt: null });
    if (isStatisticsStaff(this.ctx.auth, unit.path)) {
      // A working copy that is the current publication reads as published: frozen, not re-rendered.
      const frozen = report.status === ReportStatus.PUBLISHED && publication;
      const rendered = frozen ? publication : await renderReport(em, unit, year, report);
      return {
        report,
        unit,
        publication,
        working: true,
        status: report.status,
        sections: report.sections,
        statisticsId: rendered.statisticsId ?? null,
        markdown: rendered.markdown,
        html: rendered.html,
      };
    }
    if (!publication) return null;
    return {
      report,
      unit,
      publication,
      working: false,
      status: ReportStatus.PUBLISHED,
      sections: publication.sections,
      statisticsId: publication.statisticsId ?? null,
      markdown: publication.markdown,
      html: publication.html,
    };
  }
}
