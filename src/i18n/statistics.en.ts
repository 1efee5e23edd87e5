import type { LabelsOf } from './shape';
import type { statisticsZhCN } from './statistics.zh-CN';

/** The statistics and annual report modules' messages in English: the same keys as statistics.zh-CN.ts. */
export const statisticsEn: LabelsOf<typeof statisticsZhCN> = {
  contributorsNeedConsolidated: 'only a consolidated (CONSOLIDATED) submission may name the units it includes',
  contributorUnknown: 'is not an existing unit',
  contributorOutside: 'is not below this unit: consolidated figures may only include units below it',
  checks: {
    unknownCell: 'is not a cell of template {{template}}',
    kind: {
      COUNT: 'must be a non-negative integer (COUNT)',
      AMOUNT: 'must be a non-negative amount (AMOUNT)',
      RATE: 'must be a percentage between 0 and 100 (RATE)',
      TEXT: 'must be a text of at most 500 characters (TEXT)',
    },
    sumMissing: 'must be reported with the other cells of this sum [{{code}}: {{description}}]',
    sumMismatch: 'is {{value}} but its parts add up to {{expected}} [{{code}}: {{description}}]',
    atMostTotalMissing: 'must be reported when its "of which" figures are [{{code}}: {{description}}]',
    atMostExceeded: 'is {{parts}}, more than {{total}} ({{value}}) [{{code}}: {{description}}]',
    atMostPartsExceeded: 'the parts add up to {{parts}}, more than {{total}} ({{value}}) [{{code}}: {{description}}]',
    balanceMissing: 'must be reported: it is part of a table identity [{{code}}: {{description}}]',
    balanceMismatch: '{{left}} = {{leftSum}} but {{right}} = {{rightSum}} [{{code}}: {{description}}]',
    carryOver: "is {{value}} but last year's accepted {{previous}} is {{before}} [{{code}}: {{description}}]",
    carryOverMissing: "is not reported but last year's accepted {{previous}} is {{before}} [{{code}}: {{description}}]",
    totalDisagrees: 'the total is {{typed}} but its parts ({{parts}}) add up to {{computed}}; totals are computed from their parts, please check',
  },
  actions: {
    notStaff: 'Only staff of {{unit}} and of its superiors may handle its statistics',
    notReporter: 'Only a LIAISON or OFFICE_ADMIN of {{unit}} may fill in and submit its statistics',
    notReviewer: 'Only an OFFICE_ADMIN of the unit above {{unit}} may accept or return its statistics',
    submittedAwaitingReview: 'The statistics are submitted and wait for review: they can be edited once returned',
    acceptedNeedsCorrection: 'The statistics are accepted: changing them needs a correction with a reason',
    superseded: 'This revision was replaced by a correction: it can no longer be changed or corrected',
    alreadyAccepted: 'The statistics are accepted: there is nothing to submit',
    reviewNeedsSubmitted: 'Statistics can be accepted or returned once the unit has submitted them (these are $t(enums.StatisticsStatus.{{status}}))',
    correctNeedsAccepted:
      'Only accepted statistics can be corrected (these are $t(enums.StatisticsStatus.{{status}})): figures not yet accepted are edited directly',
    checksFail: '{{count}} check problems must be fixed before the statistics can be submitted',
  },
  report: {
    notWriter: 'Only a LIAISON, OFFICE_PUBLISHER or OFFICE_ADMIN of {{unit}} may write and submit its report',
    notPublisher: 'Only an OFFICE_PUBLISHER or OFFICE_ADMIN of {{unit}} may publish its report',
    notReviewer: 'Only a LEGAL_REVIEWER or SECRECY_REVIEWER over {{unit}} may review its report',
    notReviewerOfKind: {
      LEGAL: 'Only a LEGAL_REVIEWER over {{unit}} may record the legal review',
      SECRECY: 'Only a SECRECY_REVIEWER over {{unit}} may record the secrecy review',
    },
    inReview: 'The report is in review: it can be edited once the review is done or it is returned',
    submitNeedsDraft: 'Only a draft or returned report can be submitted for review (this one is $t(enums.ReportStatus.{{status}}))',
    reviewNeedsInReview: 'Only a report in review can be reviewed (this one is $t(enums.ReportStatus.{{status}}))',
    submitterMayNotReview: 'You submitted this round of the report: someone else must review it (four eyes)',
    alreadyReviewed: { LEGAL: 'The legal review of this round is already recorded', SECRECY: 'The secrecy review of this round is already recorded' },
    otherReviewSamePerson: 'You recorded the other review of this round: the legal and secrecy reviews need two people (four eyes)',
    publishNeedsApproved: 'Only an approved report can be published (this one is $t(enums.ReportStatus.{{status}}))',
    publishNeedsBothReviews: 'The report needs a passed legal review and a passed secrecy review before it is published',
    publishNeedsLegal: 'The report needs a passed legal review before it is published',
    publishNeedsSecrecy: 'The report needs a passed secrecy review before it is published',
    publishNeedsAcceptedStatistics: 'The report can be published once the statistics of its year are accepted',
  },
};
