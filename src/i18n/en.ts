import { tasksEn } from './tasks.en';
import { inspectionEn } from './inspection.en';
import { statisticsEn } from './statistics.en';
import { appointmentsEn } from './appointments.en';
import { contactEn } from './contact.en';
import { portalEn } from './portal.en';
import { exportsEn } from './exports.en';
import { attachmentEn } from './attachment.en';
import { requestsEn } from './requests.en';
import { moreEntitiesEn } from './entities.en';
import { transportEn } from './transport.en';
import { notificationsEn } from './notifications.en';
import type { LabelsOf } from './shape';
import type { zhCN } from './zh-CN';
import { keysetEn } from './keyset.en';

/** The English message catalogue: the same keys as zh-CN.ts (the type checks it). */
export const en: LabelsOf<typeof zhCN> = {
  errors: {
    unauthenticated: 'Authentication required',
    forbidden: 'Not allowed',
    notFound: '{{what}} not found',
    invalidInput: 'Invalid input: {{problems}}',
    invalidToken: 'Invalid or expired token',
    passwordChangeRequired: 'Change your password first: a one-time password set by an administrator must be changed at the next login',
  },
  entities: {
    ...moreEntitiesEn,
    User: 'User',
    OrgUnit: 'Org unit',
    'Role assignment': 'Role assignment',
    DisclosureItem: 'Disclosure item',
    'Disclosure item': 'Disclosure item',
  },
  organisation: {
    grant: {
      notAdminOfUnit: 'Only an OFFICE_ADMIN over {{unit}} may grant roles there',
      userOutsideScope: 'The user belongs to a unit outside your scope',
      centralOnly: 'Only a CENTRAL_ADMIN may grant CENTRAL_ADMIN',
      officeAdminBelowOnly: 'OFFICE_ADMIN may only be granted over units strictly below those you administer ({{unit}} is not)',
      alreadyHeld: 'the user already holds {{role}} over {{unit}}',
      notInScope: 'You may not grant this role over {{unit}}: a cascading grant needs your administration of its whole subtree',
    },
    revoke: {
      centralOnly: 'Only a CENTRAL_ADMIN may revoke CENTRAL_ADMIN',
      notAdminOfUnit: 'Only an OFFICE_ADMIN over {{unit}} may revoke its {{role}} grant',
      alreadyRevoked: 'is already revoked',
    },
    password: {
      tooShort: 'must be at least {{min}} characters',
      tooCommon: 'is too common: choose another',
      sameAsCurrent: 'must differ from the current password',
      wrongCurrent: 'is not your current password',
      demoOnly: 'the demo password is for demo users only',
      notAdminOfUser: "Only an OFFICE_ADMIN over {{unit}} may reset its users' passwords",
      notYourself: 'You cannot reset your own password: use changePassword',
    },
    unit: {
      notAdmin: 'Only an OFFICE_ADMIN over {{unit}} may do this',
      inactive: '{{unit}} is deactivated',
      noChildKinds: 'No unit may sit under {{unit}}',
    },
    login: { failed: 'Invalid username or password' },
    unitDeactivated: 'is deactivated',
    userDeactivated: 'is deactivated',
    notAUnit: 'is not an existing unit',
    notAUser: 'is not an existing user',
  },
  common: { notEmpty: 'must not be empty', maxLength: 'must be at most {{max}} characters' },
  liaison: { notAdmin: 'Only an OFFICE_ADMIN over {{unit}} may appoint its liaisons' },
  requests: requestsEn,
  attachment: attachmentEn,
  exports: exportsEn,
  portal: portalEn,
  contact: contactEn,
  appointments: appointmentsEn,
  transport: transportEn,
  notifications: notificationsEn,
  catalogue: {
    reviewKindRequired: 'you hold both reviewer roles: name the review you record',
    actions: {
      notStaff: 'Items of {{unit}} can only be changed by its staff',
      notAuthor: 'Only a LIAISON or publisher of {{unit}} may edit or submit its items',
      notOfficePublisher: 'Only an OFFICE_PUBLISHER over {{unit}} may publish or retire its office-level (关级) items',
      notDivisionPublisher: 'Only an OFFICE_PUBLISHER over {{unit}}, or its DIVISION_PUBLISHER, may publish or retire its division-level (处级) items',
      notReviewer: {
        LEGAL: 'Only a LEGAL_REVIEWER over {{unit}} may record the legal review of its items',
        SECRECY: 'Only a SECRECY_REVIEWER over {{unit}} may record the secrecy review of its items',
      },
      withholdingPending: 'The item has a pending withholding request (暂不宜公开): the superior unit must rule first',
      withheld: 'The item was ruled to be withheld',
      inReview: 'The item is in review: wait for the reviewers or have it returned',
      retiredNoEdit: 'The item is retired and can no longer be edited',
      submitNeedsDraft: 'Only DRAFT or RETURNED items can be submitted for review (this one is $t(enums.ItemStatus.{{status}}))',
      reviewNeedsInReview: 'Only items in review can be reviewed (this one is $t(enums.ItemStatus.{{status}}))',
      alreadyReviewed: { LEGAL: 'The legal review of this round is already recorded', SECRECY: 'The secrecy review of this round is already recorded' },
      otherReviewSamePerson: 'You recorded the other review of this round: the legal and the secrecy review must be passed by two different people (four eyes)',
      authorMayNotReview: 'You created this item: its author may not review it (four eyes)',
      submitterMayNotReview: 'You submitted this item for review: its submitter may not review it (four eyes)',
      writerMayNotReview: 'You wrote part of the text under review: its author may not review it (four eyes)',
      publishNeedsApproved: 'Only approved items can be published (this one is $t(enums.ItemStatus.{{status}}))',
      publishNeedsBothReviews: 'Needs a passed legal review (法规处审核) and a passed secrecy review (保密审查) before publication',
      publishNeedsLegal: 'Needs a passed legal review (法规处审核) before publication',
      publishNeedsSecrecy: 'Needs a passed secrecy review (保密审查) before publication',
      reviewerMayNotPublish: 'You reviewed this round of the item: a reviewer may not also publish it (four eyes); another publisher must',
      passesFromOnePerson: 'Both reviews of this round were passed by the same person: it needs a second reviewer (four eyes) before it is published',
      alreadyRetired: 'The item is already retired',
      neverPublished: 'The item is $t(enums.ItemStatus.{{status}}) and was never published: nothing to retire',
      notWithholdingRequester: 'Only a LIAISON, publisher or OFFICE_ADMIN of {{unit}} may ask to withhold its items',
      retired: 'The item is retired',
      withholdingAlreadyPending: 'The item already has a pending withholding request',
      withheldAlready: 'The item is already withheld by ruling',
      notWithholdingJudge: 'Only an OFFICE_ADMIN of the unit above {{unit}} may rule on its withholding requests',
      noPendingWithholding: 'The item has no pending withholding request',
    },
  },
  keyset: keysetEn,
  tasks: tasksEn,
  statistics: statisticsEn,
  inspection: inspectionEn,
};
