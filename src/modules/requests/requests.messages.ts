import { msg, type Msg } from '../../common/errors';

/**
 * The catalogue keys of the requests module's messages (texts in src/i18n/requests.*.ts), with
 * their parameters typed. Field names stay in the errors' `fields`.
 */
export const messages = {
  notABody: msg('requests.notABody'),
  notStaff: (unit: string): Msg => msg('requests.notStaff', { unit }),
  notHandler: msg('requests.notHandler'),
  extensionNeedsAdmin: msg('requests.extensionNeedsAdmin'),
  bodiesCentralOnly: msg('requests.bodiesCentralOnly'),
  future: msg('requests.future'),
  beforeReceipt: (date: string): Msg => msg('requests.beforeReceipt', { date }),
  beforeCorrectionNotice: (date: string): Msg => msg('requests.beforeCorrectionNotice', { date }),
  correctionLapsed: (date: string): Msg => msg('requests.correctionLapsed', { date }),
  beforeConsultation: (date: string): Msg => msg('requests.beforeConsultation', { date }),
  beforeDate: (date: string): Msg => msg('requests.beforeDate', { date }),
  beforeConclusion: (date: string): Msg => msg('requests.beforeConclusion', { date }),
  beforeReconsideration: (date: string): Msg => msg('requests.beforeReconsideration', { date }),
  appealNeedsConcluded: msg('requests.appealNeedsConcluded'),
  noReconsideration: msg('requests.noReconsideration'),
  concluded: (date: string): Msg => msg('requests.concluded', { date }),
  withdrawn: (date: string): Msg => msg('requests.withdrawn', { date }),
  notOpen: (status: string): Msg => msg('requests.notOpen', { status }),
  notAwaitingCorrection: msg('requests.notAwaitingCorrection'),
  notInConsultation: msg('requests.notInConsultation'),
  reasonRequired: (outcome: string): Msg => msg('requests.reasonRequired', { outcome }),
  reasonNotAllowed: (outcome: string): Msg => msg('requests.reasonNotAllowed', { outcome }),
  reasonMismatch: (reason: string, outcome: string): Msg => msg('requests.reasonMismatch', { reason, outcome }),
  referredOnlyNotHeld: msg('requests.referredOnlyNotHeld'),
  noCorrectionNeedsLapse: (by: string | null): Msg => (by ? msg('requests.noCorrectionBeforeLapse', { date: by }) : msg('requests.noCorrectionNoNotice')),
  correctionTooLate: (date: string): Msg => msg('requests.correctionTooLate', { date }),
  answerByBeforeNotice: msg('requests.answerByBeforeNotice'),
  extensionTooLong: (left: number): Msg => msg('requests.extensionTooLong', { left }),
  extensionAfterDue: (date: string): Msg => msg('requests.extensionAfterDue', { date }),
  applicantContactRequired: msg('requests.applicantContactRequired'),
  noTemplate: (year: number): Msg => msg('requests.noTemplate', { year }),
  notAFilledCell: msg('requests.notAFilledCell'),
  /** zod messages are strings: catalogue keys, their `max` filled by parseInput. */
  empty: 'requests.empty',
  tooLong: 'requests.tooLong',
  notADate: 'requests.notADate',
  yearRange: 'requests.yearRange',
};
