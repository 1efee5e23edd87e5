import type { Principal } from '../../auth/principal';
import { msg } from '../../common/errors';
import { firstRefusal, forbidden, precondition, type Refusal } from '../../common/refusal';
import { PublishingLevel } from '../organisation';
import { ItemStatus, ReviewDecision, ReviewKind, WithholdingStatus } from './catalogue.enums';
import { canAuthor, canPublish, canRequestWithholding, canRuleOnWithholding, isItemStaff, reviewKindsOf } from './catalogue.policy';

/**
 * What the caller may do with a disclosure item now: one `can…` function per mutation, each
 * returning why not (a Refusal) or null. The workflow services throw the refusal; the
 * `DisclosureItem.viewerCan` field shows `refusal === null`. Both read the same facts
 * (`ItemActionFacts`, one statement per batch of items: disclosure-item.queries.ts `itemActionFactsSql`).
 * Input validation (BAD_USER_INPUT) and stale versions (CONFLICT) come on top, in the services.
 */

/** One review of the item's current round. */
export interface RoundReview {
  kind: ReviewKind;
  decision: ReviewDecision;
  reviewerId: number;
}

/** The state of an item the action rules read. */
export interface ItemActionFacts {
  status: ItemStatus;
  level: PublishingLevel;
  withholdingStatus: WithholdingStatus | null;
  publishedVersion: number | null;
  createdById: number | null;
  ownerPath: string;
  ownerName: string;
  /** Reviews recorded in the current review round. */
  roundReviews: readonly RoundReview[];
  /** The caller's first change of the text since the last publication: `submit`, another write, or none. */
  callerWrote: 'submit' | 'write' | null;
}

/** Anyone but the owner unit's staff is refused every action (the services answer NOT_FOUND or FORBIDDEN before this). */
function staff(auth: Principal, f: ItemActionFacts): Refusal {
  return isItemStaff(auth, f.ownerPath) ? null : forbidden(msg('catalogue.actions.notStaff', { unit: f.ownerName }));
}

function author(auth: Principal, f: ItemActionFacts): Refusal {
  return canAuthor(auth, f.ownerPath) ? null : forbidden(msg('catalogue.actions.notAuthor', { unit: f.ownerName }));
}

function publisher(auth: Principal, f: ItemActionFacts): Refusal {
  if (canPublish(auth, f.level, f.ownerPath)) return null;
  return forbidden(
    msg(f.level === PublishingLevel.OFFICE ? 'catalogue.actions.notOfficePublisher' : 'catalogue.actions.notDivisionPublisher', { unit: f.ownerName }),
  );
}

function notWithheld(f: ItemActionFacts): Refusal {
  if (f.withholdingStatus === WithholdingStatus.PENDING) return precondition(msg('catalogue.actions.withholdingPending'));
  if (f.withholdingStatus === WithholdingStatus.WITHHOLD) return precondition(msg('catalogue.actions.withheld'));
  return null;
}

/** May the caller save changes to the working copy (not while in review, never once retired)? */
export function canUpdateItem(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => author(auth, f),
    () => (f.status === ItemStatus.IN_REVIEW ? precondition(msg('catalogue.actions.inReview')) : null),
    () => (f.status === ItemStatus.RETIRED ? precondition(msg('catalogue.actions.retiredNoEdit')) : null),
  );
}

/** May the caller submit the item for review (DRAFT or RETURNED, not withheld)? */
export function canSubmitItem(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => author(auth, f),
    () =>
      f.status === ItemStatus.DRAFT || f.status === ItemStatus.RETURNED ? null : precondition(msg('catalogue.actions.submitNeedsDraft', { status: f.status })),
    () => notWithheld(f),
  );
}

/**
 * May the caller record the `kind` review of the current round? A reviewer of that kind over the
 * unit, the item in review, that review not yet recorded, and four eyes: not whoever wrote or
 * submitted the text under review, nor whoever recorded the other review of the round.
 */
export function canReviewItem(auth: Principal, f: ItemActionFacts, kind: ReviewKind): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => (reviewKindsOf(auth, f.ownerPath).includes(kind) ? null : forbidden(msg(`catalogue.actions.notReviewer.${kind}`, { unit: f.ownerName }))),
    () => (f.status === ItemStatus.IN_REVIEW ? null : precondition(msg('catalogue.actions.reviewNeedsInReview', { status: f.status }))),
    () => (f.roundReviews.some((r) => r.kind === kind) ? precondition(msg(`catalogue.actions.alreadyReviewed.${kind}`)) : null),
    () => (f.roundReviews.some((r) => r.reviewerId === auth.userId) ? forbidden(msg('catalogue.actions.otherReviewSamePerson')) : null),
    () => (f.createdById != null && f.createdById === auth.userId ? forbidden(msg('catalogue.actions.authorMayNotReview')) : null),
    () =>
      f.callerWrote === 'submit'
        ? forbidden(msg('catalogue.actions.submitterMayNotReview'))
        : f.callerWrote === 'write'
          ? forbidden(msg('catalogue.actions.writerMayNotReview'))
          : null,
  );
}

/** Has the `kind` review of the current round passed? */
function passed(f: ItemActionFacts, kind: ReviewKind): boolean {
  return f.roundReviews.some((r) => r.kind === kind && r.decision === ReviewDecision.PASS);
}

/** May the caller publish the item (APPROVED, both reviews passed by two other people, not withheld)? */
export function canPublishItem(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => publisher(auth, f),
    () => (f.status === ItemStatus.APPROVED ? null : precondition(msg('catalogue.actions.publishNeedsApproved', { status: f.status }))),
    () => notWithheld(f),
    () => {
      const legal = passed(f, ReviewKind.LEGAL);
      const secrecy = passed(f, ReviewKind.SECRECY);
      if (!legal && !secrecy) return precondition(msg('catalogue.actions.publishNeedsBothReviews'));
      if (!legal) return precondition(msg('catalogue.actions.publishNeedsLegal'));
      if (!secrecy) return precondition(msg('catalogue.actions.publishNeedsSecrecy'));
      return null;
    },
    () => (f.roundReviews.some((r) => r.reviewerId === auth.userId) ? forbidden(msg('catalogue.actions.reviewerMayNotPublish')) : null),
    () =>
      new Set(f.roundReviews.filter((r) => r.decision === ReviewDecision.PASS).map((r) => r.reviewerId)).size < 2
        ? forbidden(msg('catalogue.actions.passesFromOnePerson'))
        : null,
  );
}

/** May the caller take the live item off the public catalogue? */
export function canRetireItem(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => publisher(auth, f),
    () => (f.status === ItemStatus.RETIRED ? precondition(msg('catalogue.actions.alreadyRetired')) : null),
    () => (f.publishedVersion == null ? precondition(msg('catalogue.actions.neverPublished', { status: f.status })) : null),
  );
}

/** May the caller ask the superior unit to withhold the item? */
export function canRequestItemWithholding(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => (canRequestWithholding(auth, f.level, f.ownerPath) ? null : forbidden(msg('catalogue.actions.notWithholdingRequester', { unit: f.ownerName }))),
    () => (f.status === ItemStatus.RETIRED ? precondition(msg('catalogue.actions.retired')) : null),
    () => (f.withholdingStatus === WithholdingStatus.PENDING ? precondition(msg('catalogue.actions.withholdingAlreadyPending')) : null),
    () => (f.withholdingStatus === WithholdingStatus.WITHHOLD ? precondition(msg('catalogue.actions.withheldAlready')) : null),
  );
}

/** May the caller rule on the item's withholding request (the superior unit's OFFICE_ADMIN, a pending request)? */
export function canRuleOnItemWithholding(auth: Principal, f: ItemActionFacts): Refusal {
  return firstRefusal(
    () => staff(auth, f),
    () => (canRuleOnWithholding(auth, f.ownerPath) ? null : forbidden(msg('catalogue.actions.notWithholdingJudge', { unit: f.ownerName }))),
    () => (f.withholdingStatus === WithholdingStatus.PENDING ? null : precondition(msg('catalogue.actions.noPendingWithholding'))),
  );
}
