import type { LabelsOf } from './shape';
import type { inspectionZhCN } from './inspection.zh-CN';

/** The inspection module's messages in English: the same keys as inspection.zh-CN.ts. */
export const inspectionEn: LabelsOf<typeof inspectionZhCN> = {
  open: {
    schemeNotActive: 'is not active yet: activate the scheme first',
    unitNotBelowIssuer: 'is not below {{issuer}}, which issued the scheme',
    correctsIdInvalid: 'must be the latest finalised inspection of the unit under this scheme',
    alreadyFinalised: '{{unit}} already has a finalised inspection under this scheme: a correction must name it ({{id}}) and give a reason',
    correctionReasonRequired: 'is required when correcting a finalised inspection',
    correctionReasonOnlyForCorrections: 'is only for corrections (with correctsId)',
  },
  score: {
    indicatorNotOfScheme: 'is not an indicator of this inspection’s scheme',
    automaticIndicator: '{{code}} {{name}} is AUTOMATIC: its score is computed from the data and cannot be set by hand',
    tooHigh: 'must be at most {{max}}, the maximum of {{code}} {{name}}',
  },
  actions: {
    notInspector: 'Only an INSPECTOR over {{unit}} may inspect it',
    ownUnit: 'You hold a role in {{unit}} or below it: an inspector may not inspect its own unit (separation of duties)',
    notUnitAdmin: 'Only an OFFICE_ADMIN of {{unit}} may respond to its inspection',
    notIssuer: 'Only an OFFICE_ADMIN or INSPECTOR of {{issuer}}, which issued the scheme, may finalise',
    finalized: 'The inspection is finalised and never changes: open a correction with a reason instead',
    submitted: 'The inspection is submitted: its scores can no longer change',
    noManualIndicator: 'The scheme has no indicator scored by hand',
    unscored: 'These indicators must be scored before the inspection is submitted: {{indicators}}',
    finalizeNeedsSubmitted: 'The inspection can be finalised once the inspector has submitted it (it is $t(enums.InspectionStatus.{{status}}))',
    correctNeedsFinalized: 'Only a finalised inspection can be corrected (it is $t(enums.InspectionStatus.{{status}}))',
    alreadyCorrected: 'This inspection was corrected already: correct the latest finalised one',
  },
};
