import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { msg } from '../../common/errors';
import { firstRefusal, forbidden, precondition, type Refusal } from '../../common/refusal';
import { isInSubtree } from '../organisation';
import { InspectionStatus } from './inspection.enums';
import { ISSUER_ROLES } from './inspection.policy';

/**
 * What the caller may do with an inspection now: one `can…` function per mutation, each returning
 * why not (a Refusal) or null. InspectionService throws the refusal; `Inspection.viewerCan` shows
 * `refusal === null`. Both read the same facts (`inspectionActionFactsSql`, one statement per batch
 * of inspections). Malformed input (BAD_USER_INPUT: an indicator not of the scheme, a score above
 * its maximum) and stale versions (CONFLICT) come on top, in the service.
 */

/** The state of an inspection the action rules read. */
export interface InspectionActionFacts {
  status: InspectionStatus;
  schemeId: number;
  unitId: number;
  unitPath: string;
  unitName: string;
  issuerPath: string;
  issuerName: string;
  /** How many of its indicators are scored by hand. */
  manualIndicators: number;
  /** Its MANUAL indicators not scored yet (`code name`), in scheme order. */
  unscored: readonly string[];
  /** Has a finalised correction replaced it? */
  corrected: boolean;
}

type UnitRef = Pick<InspectionActionFacts, 'unitPath' | 'unitName'>;

/** An INSPECTOR over the inspected unit. */
export function inspectorRefusal(auth: Principal, f: UnitRef): Refusal {
  return auth.hasRoleOver(Role.INSPECTOR, f.unitPath) ? null : forbidden(msg('inspection.actions.notInspector', { unit: f.unitName }));
}

/**
 * Nobody inspects its own unit: a caller holding any grant at the inspected unit or below it (a
 * member of that unit) may not open, correct, score or submit its inspection. The inspected unit is
 * always strictly below the scheme's issuer, so such a grant sits below the issuer too: a
 * district's INSPECTOR scores its divisions under the district's scheme, never its own district
 * under the national one.
 */
export function independenceRefusal(auth: Principal, f: UnitRef): Refusal {
  return auth.grants.some((g) => isInSubtree(g.unitPath, f.unitPath)) ? forbidden(msg('inspection.actions.ownUnit', { unit: f.unitName })) : null;
}

/** A finalised inspection never changes. */
function notFinalized(f: InspectionActionFacts): Refusal {
  return f.status === InspectionStatus.FINALIZED ? precondition(msg('inspection.actions.finalized')) : null;
}

function open(f: InspectionActionFacts): Refusal {
  return f.status === InspectionStatus.OPEN ? null : precondition(msg('inspection.actions.submitted'));
}

/** May the caller score a MANUAL indicator of the inspection (an independent INSPECTOR over the unit, while open)? */
export function canScoreInspection(auth: Principal, f: InspectionActionFacts): Refusal {
  return firstRefusal(
    () => notFinalized(f),
    () => inspectorRefusal(auth, f),
    () => independenceRefusal(auth, f),
    () => open(f),
    () => (f.manualIndicators > 0 ? null : precondition(msg('inspection.actions.noManualIndicator'))),
  );
}

/** May the caller submit the inspection (open, every MANUAL indicator scored)? */
export function canSubmitInspection(auth: Principal, f: InspectionActionFacts): Refusal {
  return firstRefusal(
    () => notFinalized(f),
    () => inspectorRefusal(auth, f),
    () => independenceRefusal(auth, f),
    () => open(f),
    () => (f.unscored.length ? precondition(msg('inspection.actions.unscored', { indicators: f.unscored.join('、') })) : null),
  );
}

/** May the caller give the inspected unit's response (OFFICE_ADMIN over the unit, before finalisation)? */
export function canRespondToInspection(auth: Principal, f: InspectionActionFacts): Refusal {
  return firstRefusal(
    () => notFinalized(f),
    () => (auth.hasRoleOver(Role.OFFICE_ADMIN, f.unitPath) ? null : forbidden(msg('inspection.actions.notUnitAdmin', { unit: f.unitName }))),
  );
}

/** May the caller finalise the inspection (OFFICE_ADMIN or INSPECTOR of the issuing unit, once submitted)? */
export function canFinalizeInspection(auth: Principal, f: InspectionActionFacts): Refusal {
  return firstRefusal(
    () => notFinalized(f),
    () => (auth.hasRoleOver(ISSUER_ROLES, f.issuerPath) ? null : forbidden(msg('inspection.actions.notIssuer', { issuer: f.issuerName }))),
    () => (f.status === InspectionStatus.SUBMITTED ? null : precondition(msg('inspection.actions.finalizeNeedsSubmitted', { status: f.status }))),
  );
}

/** May the caller open a correction of the inspection (an independent INSPECTOR over the unit; the latest finalised one)? */
export function canCorrectInspection(auth: Principal, f: InspectionActionFacts): Refusal {
  return firstRefusal(
    () => inspectorRefusal(auth, f),
    () => independenceRefusal(auth, f),
    () => (f.status === InspectionStatus.FINALIZED ? null : precondition(msg('inspection.actions.correctNeedsFinalized', { status: f.status }))),
    () => (f.corrected ? precondition(msg('inspection.actions.alreadyCorrected')) : null),
  );
}
