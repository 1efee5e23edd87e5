import type { Principal } from '../../auth/principal';
import { msg } from '../../common/errors';
import { firstRefusal, forbidden, precondition, type Refusal } from '../../common/refusal';
import { ReviewDecision, ReviewKind } from '../catalogue';
import { ReportStatus } from './annual-report.entity';
import { isStatisticsStaff, mayPublishReport, mayWriteReport, reportReviewKindsOf } from './statistics.policy';

/**
 * What the caller may do with a unit's annual report now: one `can…` function per mutation, each
 * returning why not (a Refusal) or null. ReportWorkflowService throws the refusal;
 * `AnnualReport.viewerCan` shows `refusal === null`. Both read the same facts
 * (`reportActionFactsSql`, one statement per batch of reports). Malformed input (BAD_USER_INPUT)
 * and stale versions (CONFLICT) come on top, in the service.
 */

/** One review of the report's current round. */
export interface ReportRoundReview {
  kind: ReviewKind;
  decision: ReviewDecision;
  reviewerId: number;
}

/** The state of a report the action rules read. */
export interface ReportActionFacts {
  status: ReportStatus;
  unitPath: string;
  unitName: string;
  submittedById: number | null;
  /** Reviews recorded in the current round. */
  roundReviews: readonly ReportRoundReview[];
  /** Are the statistics of the report's year accepted (its tables come from them)? */
  statisticsAccepted: boolean;
}

function staff(auth: Principal, f: Pick<ReportActionFacts, 'unitPath' | 'unitName'>): Refusal {
  return isStatisticsStaff(auth, f.unitPath) ? null : forbidden(msg('statistics.report.notWriter', { unit: f.unitName }));
}

/** LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN over the unit (also for a report not written yet). */
export function reportWriterRefusal(auth: Principal, f: Pick<ReportActionFacts, 'unitPath' | 'unitName'>): Refusal {
  return mayWriteReport(auth, f.unitPath) ? null : forbidden(msg('statistics.report.notWriter', { unit: f.unitName }));
}

/** OFFICE_PUBLISHER or OFFICE_ADMIN over the unit. */
export function reportPublisherRefusal(auth: Principal, f: Pick<ReportActionFacts, 'unitPath' | 'unitName'>): Refusal {
  return mayPublishReport(auth, f.unitPath) ? null : forbidden(msg('statistics.report.notPublisher', { unit: f.unitName }));
}

/** May the caller save the report's text sections (not while in review)? */
export function canEditReport(auth: Principal, f: ReportActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reportWriterRefusal(auth, f),
    () => (f.status === ReportStatus.IN_REVIEW ? precondition(msg('statistics.report.inReview')) : null),
  );
}

/** May the caller submit the report for review (a draft or returned one)? */
export function canSubmitReport(auth: Principal, f: ReportActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reportWriterRefusal(auth, f),
    () =>
      f.status === ReportStatus.DRAFT || f.status === ReportStatus.RETURNED
        ? null
        : precondition(msg('statistics.report.submitNeedsDraft', { status: f.status })),
  );
}

/** The caller's reviewer role over the unit, or why it has none (before anything else about the report). */
export function reportReviewerRefusal(auth: Principal, f: Pick<ReportActionFacts, 'unitPath' | 'unitName'>, kind?: ReviewKind | null): Refusal {
  const kinds = reportReviewKindsOf(auth, f.unitPath);
  if (!kinds.length) return forbidden(msg('statistics.report.notReviewer', { unit: f.unitName }));
  if (kind && !kinds.includes(kind)) return forbidden(msg(`statistics.report.notReviewerOfKind.${kind}`, { unit: f.unitName }));
  return null;
}

/**
 * May the caller record the `kind` review of the current round? A reviewer of that kind over the
 * unit, the report in review, that review not yet recorded, and four eyes: not whoever submitted
 * the round, nor whoever recorded its other review.
 */
export function canReviewReport(auth: Principal, f: ReportActionFacts, kind: ReviewKind): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reportReviewerRefusal(auth, f, kind),
    () => (f.status === ReportStatus.IN_REVIEW ? null : precondition(msg('statistics.report.reviewNeedsInReview', { status: f.status }))),
    () => (f.submittedById != null && f.submittedById === auth.userId ? forbidden(msg('statistics.report.submitterMayNotReview')) : null),
    () => (f.roundReviews.some((r) => r.kind === kind) ? precondition(msg(`statistics.report.alreadyReviewed.${kind}`)) : null),
    () => (f.roundReviews.some((r) => r.reviewerId === auth.userId) ? forbidden(msg('statistics.report.otherReviewSamePerson')) : null),
  );
}

/** May the caller record some review of the current round (any kind it holds)? */
export function canReviewReportAnyKind(auth: Principal, f: ReportActionFacts): boolean {
  return reportReviewKindsOf(auth, f.unitPath).some((k) => canReviewReport(auth, f, k) === null);
}

/** May the caller publish the report (APPROVED, both reviews of the round passed, the year's statistics accepted)? */
export function canPublishReport(auth: Principal, f: ReportActionFacts): Refusal {
  const passed = (k: ReviewKind) => f.roundReviews.some((r) => r.kind === k && r.decision === ReviewDecision.PASS);
  return firstRefusal(
    () => staff(auth, f),
    () => reportPublisherRefusal(auth, f),
    () => (f.status === ReportStatus.APPROVED ? null : precondition(msg('statistics.report.publishNeedsApproved', { status: f.status }))),
    () => {
      const legal = passed(ReviewKind.LEGAL);
      const secrecy = passed(ReviewKind.SECRECY);
      if (!legal && !secrecy) return precondition(msg('statistics.report.publishNeedsBothReviews'));
      if (!legal) return precondition(msg('statistics.report.publishNeedsLegal'));
      if (!secrecy) return precondition(msg('statistics.report.publishNeedsSecrecy'));
      return null;
    },
    () => (f.statisticsAccepted ? null : precondition(msg('statistics.report.publishNeedsAcceptedStatistics'))),
  );
}
