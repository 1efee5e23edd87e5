import type { Principal } from '../../auth/principal';
import { msg } from '../../common/errors';
import { firstRefusal, forbidden, precondition, type Refusal } from '../../common/refusal';
import { StatisticsStatus } from './annual-statistics.entity';
import { isStatisticsStaff, mayReportFor, mayReviewStatistics } from './statistics.policy';

/**
 * What the caller may do with a revision of a unit's yearly statistics now: one `can…` function per
 * mutation, each returning why not (a Refusal) or null. The workflow (annual-statistics.workflow.ts)
 * and the save (annual-statistics.save.ts) throw the refusal; `AnnualStatistics.viewerCan` shows
 * `refusal === null`. Both read the same facts (`statisticsActionFactsSql`, one statement per batch).
 * Malformed input (BAD_USER_INPUT, e.g. a missing correction reason) and stale versions (CONFLICT)
 * come on top, in the services; so do the template checks a submission runs (`submissionProblems`).
 */

/** The state of a revision the action rules read. */
export interface StatisticsActionFacts {
  status: StatisticsStatus;
  unitPath: string;
  unitName: string;
  /** The path of the unit's parent (its reviewer's unit); null for the root. */
  parentPath: string | null;
  /** The status of the unit's working revision of the year (DRAFT, RETURNED or SUBMITTED), if there is one. */
  workingStatus: StatisticsStatus | null;
}

function staff(auth: Principal, f: StatisticsActionFacts): Refusal {
  return isStatisticsStaff(auth, f.unitPath) ? null : forbidden(msg('statistics.actions.notStaff', { unit: f.unitName }));
}

/** LIAISON or OFFICE_ADMIN over the unit. */
export function reporterRefusal(auth: Principal, f: Pick<StatisticsActionFacts, 'unitPath' | 'unitName'>): Refusal {
  return mayReportFor(auth, f.unitPath) ? null : forbidden(msg('statistics.actions.notReporter', { unit: f.unitName }));
}

/**
 * May a revision in `status` be edited by a save? Drafts and returned revisions may; submitted ones
 * wait for the review; accepted ones need a correction; superseded ones never change.
 */
export function editableRefusal(status: StatisticsStatus): Refusal {
  switch (status) {
    case StatisticsStatus.DRAFT:
    case StatisticsStatus.RETURNED:
      return null;
    case StatisticsStatus.SUBMITTED:
      return precondition(msg('statistics.actions.submittedAwaitingReview'));
    case StatisticsStatus.ACCEPTED:
      return precondition(msg('statistics.actions.acceptedNeedsCorrection'));
    case StatisticsStatus.SUPERSEDED:
      return precondition(msg('statistics.actions.superseded'));
  }
}

/** May the caller save figures into this revision (saveAnnualStatistics without a correction)? */
export function canSaveStatistics(auth: Principal, f: StatisticsActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reporterRefusal(auth, f),
    () => editableRefusal(f.status),
  );
}

/** May the caller submit this revision for review (a draft or returned one)? */
export function canSubmitStatistics(auth: Principal, f: StatisticsActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reporterRefusal(auth, f),
    () => (f.status === StatisticsStatus.ACCEPTED ? precondition(msg('statistics.actions.alreadyAccepted')) : editableRefusal(f.status)),
  );
}

/** May the caller accept or return this revision (OFFICE_ADMIN over the unit's parent, a submitted revision)? */
export function canReviewStatistics(auth: Principal, f: StatisticsActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => (mayReviewStatistics(auth, f.parentPath) ? null : forbidden(msg('statistics.actions.notReviewer', { unit: f.unitName }))),
    () => (f.status === StatisticsStatus.SUBMITTED ? null : precondition(msg('statistics.actions.reviewNeedsSubmitted', { status: f.status }))),
  );
}

/**
 * May the caller start (or go on with) a correction of these accepted figures (saveAnnualStatistics
 * with a correction reason)? Not while a correction waits for review.
 */
export function canCorrectStatistics(auth: Principal, f: StatisticsActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => reporterRefusal(auth, f),
    () =>
      f.status === StatisticsStatus.ACCEPTED
        ? null
        : f.status === StatisticsStatus.SUPERSEDED
          ? precondition(msg('statistics.actions.superseded'))
          : precondition(msg('statistics.actions.correctNeedsAccepted', { status: f.status })),
    () => (f.workingStatus ? editableRefusal(f.workingStatus) : null),
  );
}
