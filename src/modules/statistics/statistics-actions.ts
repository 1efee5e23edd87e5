import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Principal } from '../../auth/principal';
import { perRequest, type Context } from '../../common/context';
import type { Refusal } from '../../common/refusal';
import { runSql } from '../../db/sql';
import type { ReportStatus } from './annual-report.entity';
import type { StatisticsStatus } from './annual-statistics.entity';
import {
  canEditReport,
  canPublishReport,
  canReviewReportAnyKind,
  canSubmitReport,
  type ReportActionFacts,
  type ReportRoundReview,
} from './report-actions.policy';
import { canCorrectStatistics, canReviewStatistics, canSaveStatistics, canSubmitStatistics, type StatisticsActionFacts } from './statistics-actions.policy';
import { reportActionFactsSql, statisticsActionFactsSql } from './statistics.queries';

const ok = (r: Refusal) => r === null;

/** The action facts of statistics revisions, by id (one statement). */
export async function readStatisticsActionFacts(em: EntityManager, ids: readonly number[]): Promise<Map<number, StatisticsActionFacts>> {
  const rows = await runSql<{
    id: number;
    status: StatisticsStatus;
    unit_path: string;
    unit_name: string;
    parent_path: string | null;
    working_status: StatisticsStatus | null;
  }>(em, statisticsActionFactsSql(ids));
  return new Map(
    rows.map((r) => [r.id, { status: r.status, unitPath: r.unit_path, unitName: r.unit_name, parentPath: r.parent_path, workingStatus: r.working_status }]),
  );
}

/** The action facts of one revision (inside a mutation's transaction, after the row is locked). */
export async function readOneStatisticsActionFacts(em: EntityManager, id: number): Promise<StatisticsActionFacts> {
  const facts = (await readStatisticsActionFacts(em, [id])).get(id);
  if (!facts) throw new Error(`annual statistics ${id} vanished under its lock`);
  return facts;
}

/** The action facts of reports, by report id (one statement). */
export async function readReportActionFacts(em: EntityManager, ids: readonly number[]): Promise<Map<number, ReportActionFacts>> {
  const rows = await runSql<{
    id: number;
    status: ReportStatus;
    unit_path: string;
    unit_name: string;
    submitted_by_id: number | null;
    round_reviews: ReportRoundReview[];
    statistics_accepted: boolean;
  }>(em, reportActionFactsSql(ids));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status,
        unitPath: r.unit_path,
        unitName: r.unit_name,
        submittedById: r.submitted_by_id,
        roundReviews: r.round_reviews,
        statisticsAccepted: r.statistics_accepted,
      },
    ]),
  );
}

/** The action facts of one report (inside a mutation's transaction, after the row is locked). */
export async function readOneReportActionFacts(em: EntityManager, id: number): Promise<ReportActionFacts> {
  const facts = (await readReportActionFacts(em, [id])).get(id);
  if (!facts) throw new Error(`annual report ${id} vanished under its lock`);
  return facts;
}

/** What the caller may do with a statistics revision now (AnnualStatistics.viewerCan). */
export interface StatisticsViewerCan {
  save: boolean;
  submit: boolean;
  accept: boolean;
  return: boolean;
  correct: boolean;
}

/**
 * Every action's verdict from one set of facts. `submit` is the rule's verdict only: the resolver
 * adds the submission's checks of the figures (`submissionProblems`).
 */
export function statisticsViewerCan(auth: Principal, f: StatisticsActionFacts): StatisticsViewerCan {
  const review = ok(canReviewStatistics(auth, f));
  return {
    save: ok(canSaveStatistics(auth, f)),
    submit: ok(canSubmitStatistics(auth, f)),
    accept: review,
    return: review,
    correct: ok(canCorrectStatistics(auth, f)),
  };
}

export const NO_STATISTICS_ACTIONS: StatisticsViewerCan = { save: false, submit: false, accept: false, return: false, correct: false };

/** What the caller may do with an annual report now (AnnualReport.viewerCan). */
export interface ReportViewerCan {
  edit: boolean;
  submit: boolean;
  review: boolean;
  publish: boolean;
}

export function reportViewerCan(auth: Principal, f: ReportActionFacts): ReportViewerCan {
  return {
    edit: ok(canEditReport(auth, f)),
    submit: ok(canSubmitReport(auth, f)),
    review: canReviewReportAnyKind(auth, f),
    publish: ok(canPublishReport(auth, f)),
  };
}

export const NO_REPORT_ACTIONS: ReportViewerCan = { edit: false, submit: false, review: false, publish: false };

/** Per-request loader of statistics action facts: a page of revisions costs one statement. */
export function statisticsActionFactsLoader(ctx: Context): DataLoader<number, StatisticsActionFacts | null> {
  return perRequest(
    ctx,
    statisticsActionFactsLoader,
    () =>
      new DataLoader<number, StatisticsActionFacts | null>(async (ids) => {
        const facts = await readStatisticsActionFacts(ctx.em, ids);
        return ids.map((id) => facts.get(id) ?? null);
      }),
  );
}

/** Per-request loader of report action facts: a page of reports costs one statement. */
export function reportActionFactsLoader(ctx: Context): DataLoader<number, ReportActionFacts | null> {
  return perRequest(
    ctx,
    reportActionFactsLoader,
    () =>
      new DataLoader<number, ReportActionFacts | null>(async (ids) => {
        const facts = await readReportActionFacts(ctx.em, ids);
        return ids.map((id) => facts.get(id) ?? null);
      }),
  );
}
