import type { appointmentsZhCN } from './appointments.zh-CN';
import type { LabelsOf } from './shape';

/** Liaison appointments, audit queries and the dashboard in English: the same keys as appointments.zh-CN.ts. */
export const appointmentsEn: LabelsOf<typeof appointmentsZhCN> = {
  userOutsideScope: 'The user belongs to a unit outside your scope',
  outsideOnly: 'is only for outside persons (without userId)',
  personNameRequired: 'is required for a person who is not a user',
  outsideRequired: 'is required for an outside person',
  endBeforeStart: 'must not be before input.startDate',
  overlapping: '{{person}} already holds a $t(enums.LiaisonKind.{{kind}}) appointment to {{unit}} overlapping {{from}}–{{to}}',
  notAdminEnd: 'Only an OFFICE_ADMIN over {{unit}} may end its liaison appointments',
  alreadyEnded: 'has already been ended',
  beforeStartDate: 'must not be before the start date {{date}}',
  afterPlannedEnd: 'must not be after the planned end date {{date}}',
  notStaffCoverage: 'Only staff over {{unit}} may read its liaison coverage',
  notADate: 'must be a date YYYY-MM-DD',
  auditActorUnknown: 'is not the login of a user you may see (yourself or staff of your units)',
  dashboardYearRange: 'must be between 1990 and 2100',
};
