import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { msg, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { toGlobalId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { ReviewDecision } from '../catalogue';
import { OrgUnit } from '../organisation';
import { AnnualReport, ReportStatus } from './annual-report.entity';
import {
  canEditReport,
  canPublishReport,
  canReviewReport,
  canSubmitReport,
  reportPublisherRefusal,
  reportReviewerRefusal,
  reportWriterRefusal,
} from './report-actions.policy';
import { readOneReportActionFacts } from './statistics-actions';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualReportReview } from './annual-report-review.entity';
import {
  AnnualReportRefInput,
  PublishAnnualReportInput,
  publishReportSchema,
  reportRefSchema,
  ReviewAnnualReportInput,
  reviewReportSchema,
  SaveAnnualReportSectionsInput,
  saveReportSchema,
} from './statistics.inputs';
import { reportReviewKindsOf } from './statistics.policy';
import { SECTION_KEYS } from './template-definitions';

import { renderReport, ReportService, type ReportView } from './report.service';

function snapshot(r: AnnualReport) {
  return {
    unitId: r.unit.id,
    year: r.year,
    title: r.title ?? null,
    sectionTitles: r.sectionTitles,
    sections: r.sections,
    status: r.status,
    reviewRound: r.reviewRound,
    version: r.version,
  };
}

function publicationSnapshot(p: AnnualReportPublication) {
  return {
    revision: p.revision,
    unitName: p.unitName,
    reviewRound: p.reviewRound,
    statisticsId: p.statisticsId ?? null,
    correctionReason: p.correctionReason ?? null,
  };
}

/**
 * The annual report's workflow: the working copy goes DRAFT → IN_REVIEW → (legal and secrecy
 * review) APPROVED → PUBLISHED, with RETURNED back to the writers; each publication is frozen, and
 * a correction is the next publication.
 */
export class ReportWorkflowService {
  private readonly audit: AuditService;
  private readonly reads: ReportService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
    this.reads = new ReportService(ctx);
  }

  /**
   * Saves the text sections (the unit's LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN). Not while in
   * review; on an approved or published report it starts a new draft (a correction), and the
   * current publication stays public until the next one.
   */
  async saveSections(raw: SaveAnnualReportSectionsInput): Promise<ReportView> {
    const input = parseInput(saveReportSchema, raw);
    const unit = await this.reads.unit(input.unitId, 'input.unitId');
    enforce(reportWriterRefusal(this.ctx.auth, { unitPath: unit.path, unitName: unit.name }));
    await inTransaction(this.ctx.em, async (em) => {
      let report = await em.findOne(AnnualReport, { unit: unit.id, year: input.year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const before = report ? snapshot(report) : null;
      if (report) {
        enforce(canEditReport(this.ctx.auth, await readOneReportActionFacts(em, report.id)));
        assertVersion(report.version, input.expectedVersion, 'The report');
      } else {
        report = em.create(AnnualReport, { unit: unit.id, year: input.year });
      }
      const sections = { ...report.sections };
      for (const key of SECTION_KEYS) if (input[key] != null) sections[key] = input[key]!;
      report.sections = sections;
      if (input.title !== undefined && input.title !== null) report.title = input.title || null;
      if (input.sectionTitles)
        report.sectionTitles = Object.fromEntries(
          Object.entries(input.sectionTitles).filter(([, v]) => v !== null && v !== undefined),
        ) as typeof report.sectionTitles;
      // The text reviewers passed is no longer the text: it needs a new round.
      if (report.status === ReportStatus.APPROVED || report.status === ReportStatus.PUBLISHED) report.status = ReportStatus.DRAFT;
      await em.flush();
      this.audit.record(em, {
        action: 'statistics.saveAnnualReportSections',
        targetType: 'AnnualReport',
        targetId: toGlobalId('AnnualReport', report.id),
        scopePath: unit.path,
        before,
        after: snapshot(report),
      });
    });
    this.ctx.em.clear();
    return (await this.reads.view(this.ctx.em, unit, input.year))!;
  }

  /** DRAFT or RETURNED → IN_REVIEW (a writer of the unit); opens a new review round. */
  async submit(raw: AnnualReportRefInput): Promise<ReportView> {
    const input = parseInput(reportRefSchema, raw);
    const unit = await this.reads.unit(input.unitId, 'input.unitId');
    enforce(reportWriterRefusal(this.ctx.auth, { unitPath: unit.path, unitName: unit.name }));
    await this.change(unit, input.year, input.expectedVersion, 'submitAnnualReport', async (em, report) => {
      enforce(canSubmitReport(this.ctx.auth, await readOneReportActionFacts(em, report.id)));
      report.status = ReportStatus.IN_REVIEW;
      report.reviewRound += 1;
      report.submittedById = this.ctx.auth.userId;
      report.submittedAt = new Date();
    });
    return (await this.reads.view(this.ctx.em, unit, input.year))!;
  }

  /**
   * Records the legal (法规处审核) or secrecy (保密审查) review of the current round. A RETURN sends
   * the report back to the writers; when both reviews of the round pass it is APPROVED. Whoever
   * submitted the round may not review it, and one person may not record both of its reviews.
   */
  async review(raw: ReviewAnnualReportInput): Promise<ReportView> {
    const input = parseInput(reviewReportSchema, raw);
    const unit = await this.reads.unit(input.unitId, 'input.unitId');
    enforce(reportReviewerRefusal(this.ctx.auth, { unitPath: unit.path, unitName: unit.name }, input.kind));
    const kinds = reportReviewKindsOf(this.ctx.auth, unit.path);
    if (!input.kind && kinds.length > 1) throw ValidationError.field('input.kind', msg('statistics.report.kindRequired'));
    const kind = input.kind ?? kinds[0];
    await this.change(unit, input.year, input.expectedVersion, 'reviewAnnualReport', async (em, report) => {
      const facts = await readOneReportActionFacts(em, report.id);
      enforce(canReviewReport(this.ctx.auth, facts, kind));
      const reviews = facts.roundReviews;
      em.create(AnnualReportReview, {
        report: report.id,
        round: report.reviewRound,
        kind,
        decision: input.decision,
        comment: input.comment,
        reviewer: this.ctx.auth.userId!,
      });
      if (input.decision === ReviewDecision.RETURN) report.status = ReportStatus.RETURNED;
      else if (reviews.some((r) => r.kind !== kind && r.decision === ReviewDecision.PASS)) report.status = ReportStatus.APPROVED;
      // A review changes the report's state: stale writers and reviewers notice by its version.
      report.updatedAt = new Date();
      return { review: { round: report.reviewRound, kind, decision: input.decision, comment: input.comment } };
    });
    return (await this.reads.view(this.ctx.em, unit, input.year))!;
  }

  /**
   * APPROVED → PUBLISHED (OFFICE_ADMIN or OFFICE_PUBLISHER of the unit); needs both reviews of the
   * round passed and accepted figures. Freezes the Markdown and HTML as the next publication
   * revision; the one before is kept, superseded (a correction needs its reason).
   */
  async publish(raw: PublishAnnualReportInput): Promise<ReportView> {
    const input = parseInput(publishReportSchema, raw);
    const unit = await this.reads.unit(input.unitId, 'input.unitId');
    enforce(reportPublisherRefusal(this.ctx.auth, { unitPath: unit.path, unitName: unit.name }));
    await this.change(unit, input.year, input.expectedVersion, 'publishAnnualReport', async (em, report) => {
      enforce(canPublishReport(this.ctx.auth, await readOneReportActionFacts(em, report.id)));
      const current = await em.findOne(AnnualReportPublication, { report: report.id, supersededAt: null }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const problems = [];
      if (current && !input.correctionReason) problems.push({ field: 'input.correctionReason', message: msg('statistics.report.correctionReasonRequired') });
      const rendered = await renderReport(em, unit, input.year, report);
      if (problems.length) throw new ValidationError(problems);
      const now = new Date();
      if (current) {
        current.supersededAt = now;
        // The superseded row is written before the new current one: one current row per report (unique index).
        await em.flush();
      }
      const publication = em.create(AnnualReportPublication, {
        report: report.id,
        revision: (current?.revision ?? 0) + 1,
        unit: unit.id,
        year: input.year,
        unitName: unit.name,
        sections: { ...report.sections },
        markdown: rendered.markdown,
        html: rendered.html,
        statisticsId: rendered.statisticsId,
        reviewRound: report.reviewRound,
        correctionReason: current ? input.correctionReason : null,
        publishedAt: now,
        publishedById: this.ctx.auth.userId,
      });
      report.status = ReportStatus.PUBLISHED;
      report.publishedAt = now;
      report.publishedById = this.ctx.auth.userId;
      return { publication: publicationSnapshot(publication) };
    });
    return (await this.reads.view(this.ctx.em, unit, input.year))!;
  }

  /** Locks the report, checks the version, applies `work` and writes the audit record, in one transaction. */
  private async change(
    unit: OrgUnit,
    year: number,
    expectedVersion: number | null | undefined,
    action: string,
    work: (em: EntityManager, report: AnnualReport) => Promise<Record<string, unknown> | void>,
  ): Promise<void> {
    await inTransaction(this.ctx.em, async (em) => {
      const report = await em.findOne(AnnualReport, { unit: unit.id, year }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!report) throw ValidationError.field('input.year', msg('statistics.report.noSections'));
      assertVersion(report.version, expectedVersion, 'The report');
      const before = snapshot(report);
      const extra = await work(em, report);
      await em.flush();
      this.audit.record(em, {
        action: `statistics.${action}`,
        targetType: 'AnnualReport',
        targetId: toGlobalId('AnnualReport', report.id),
        scopePath: unit.path,
        before,
        after: { ...snapshot(report), ...(extra ?? {}) },
      });
    });
    this.ctx.em.clear();
  }
}
