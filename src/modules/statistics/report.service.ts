import { LockMode } from '@mikro-orm/core';
import { Role } from '../../auth/roles';
import { ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../graphql/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { AnnualReport, ReportStatus } from './annual-report.entity';
import { AnnualStatistics, StatisticsStatus } from './annual-statistics.entity';
import { renderHtml, renderMarkdown } from './report.render';
import { PublishAnnualReportInput, publishReportSchema, SaveAnnualReportSectionsInput, saveReportSchema } from './statistics.inputs';
import { StatisticsService } from './statistics.service';
import { StatisticsTemplate } from './statistics-template.entity';
import { SECTION_KEYS } from './template-definitions';

/** Roles that may write a unit's report sections; publishing needs an admin or office publisher. */
const WRITER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.OFFICE_PUBLISHER, Role.LIAISON];
const PUBLISHER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.OFFICE_PUBLISHER];

/** A report with what it is rendered from. */
export interface ReportView {
  report: AnnualReport;
  unit: OrgUnit;
  statistics: AnnualStatistics | null;
  template: StatisticsTemplate | null;
  markdown: string;
  html: string;
}

function snapshot(r: AnnualReport) {
  return { unitId: r.unit.id, year: r.year, sections: r.sections, status: r.status, version: r.version };
}

/** Annual reports: text sections written by the unit, tables from accepted figures; public once published. */
export class ReportService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  private async unit(globalId: string, field: string): Promise<OrgUnit> {
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
    if (!unit) throw new NotFoundError('Org unit');
    return unit;
  }

  /** The report of a unit and year: published ones for everyone, drafts for the unit's staff and superiors. */
  async get(unitGlobalId: string, year: number): Promise<ReportView | null> {
    return this.view(await this.unit(unitGlobalId, 'unitId'), year);
  }

  /** The published report of a unit by code (for the public HTTP route); null unless published. */
  async publishedByCode(code: string, year: number): Promise<ReportView | null> {
    const unit = await this.ctx.em.findOne(OrgUnit, { code });
    if (!unit) return null;
    const view = await this.view(unit, year);
    return view && view.report.status === ReportStatus.PUBLISHED ? view : null;
  }

  private async view(unit: OrgUnit, year: number): Promise<ReportView | null> {
    const report = await this.ctx.em.findOne(AnnualReport, { unit: unit.id, year });
    if (!report) return null;
    if (report.status !== ReportStatus.PUBLISHED && !this.ctx.auth.isStaffOf(unit.path)) return null;
    const statistics = await this.ctx.em.findOne(AnnualStatistics, { unit: unit.id, year, status: StatisticsStatus.ACCEPTED }, { populate: ['template'] });
    const template = statistics ? statistics.template.getEntity() : await new StatisticsService(this.ctx).templateFor(year);
    const input = {
      unitName: unit.name, year, templateName: template?.name ?? '',
      definition: template?.definition ?? { sections: SECTION_KEYS.map((key) => ({ key, title: key })), tables: [], cells: [], rules: [] },
      figures: statistics?.figures ?? null, notes: statistics?.notes ?? {}, sections: report.sections,
    };
    const markdown = renderMarkdown(input);
    return { report, unit, statistics, template, markdown, html: renderHtml(input, markdown) };
  }

  /** Saves the text sections (the unit's LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN); a published report cannot change. */
  async saveSections(raw: SaveAnnualReportSectionsInput): Promise<ReportView> {
    const input = parseInput(saveReportSchema, raw);
    const unit = await this.unit(input.unitId, 'input.unitId');
    if (!this.ctx.auth.hasRoleOver(WRITER_ROLES, unit.path)) throw new ForbiddenError(`Only a LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN of ${unit.name} may write its report`);
    await inTransaction(this.ctx.em, async (em) => {
      let report = await em.findOne(AnnualReport, { unit: unit.id, year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = report ? snapshot(report) : null;
      if (report) {
        if (report.status === ReportStatus.PUBLISHED) throw ValidationError.field('input.year', 'the report of this year is published and can no longer change');
        assertVersion(report.version, input.expectedVersion, 'The report');
      } else {
        report = em.create(AnnualReport, { unit: unit.id, year: input.year });
      }
      const sections = { ...report.sections };
      for (const key of SECTION_KEYS) if (input[key] != null) sections[key] = input[key]!;
      report.sections = sections;
      await em.flush();
      this.audit.record(em, {
        action: 'statistics.saveAnnualReportSections', targetType: 'AnnualReport', targetId: toGlobalId('AnnualReport', report.id),
        scopePath: unit.path, before, after: snapshot(report),
      });
    });
    this.ctx.em.clear();
    return (await this.view(unit, input.year))!;
  }

  /** Publishes the report (OFFICE_ADMIN or OFFICE_PUBLISHER of the unit); needs accepted figures for the year. */
  async publish(raw: PublishAnnualReportInput): Promise<ReportView> {
    const input = parseInput(publishReportSchema, raw);
    const unit = await this.unit(input.unitId, 'input.unitId');
    if (!this.ctx.auth.hasRoleOver(PUBLISHER_ROLES, unit.path)) throw new ForbiddenError(`Only an OFFICE_PUBLISHER or OFFICE_ADMIN of ${unit.name} may publish its report`);
    await inTransaction(this.ctx.em, async (em) => {
      const report = await em.findOne(AnnualReport, { unit: unit.id, year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!report) throw ValidationError.field('input.year', 'no report sections were written for this year');
      assertVersion(report.version, input.expectedVersion, 'The report');
      const problems = [];
      if (report.status === ReportStatus.PUBLISHED) problems.push({ field: 'input.year', message: 'the report is already published' });
      if (!(await em.count(AnnualStatistics, { unit: unit.id, year: input.year, status: StatisticsStatus.ACCEPTED }))) {
        problems.push({ field: 'input.year', message: 'the statistics of this year are not accepted yet' });
      }
      if (problems.length) throw new ValidationError(problems);
      const before = snapshot(report);
      report.status = ReportStatus.PUBLISHED;
      report.publishedAt = new Date();
      report.publishedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: 'statistics.publishAnnualReport', targetType: 'AnnualReport', targetId: toGlobalId('AnnualReport', report.id),
        scopePath: unit.path, before, after: snapshot(report),
      });
    });
    this.ctx.em.clear();
    return (await this.view(unit, input.year))!;
  }
}
