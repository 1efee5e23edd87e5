import type { notificationsZhCN } from './notifications.zh-CN';
import type { LabelsOf } from './shape';

/** Notifications and their e-mails in English: the same keys as notifications.zh-CN.ts. */
export const notificationsEn: LabelsOf<typeof notificationsZhCN> = {
  kinds: {
    ITEM_SUBMITTED: {
      title: 'To review: {{title}}',
      body: '{{unit}} submitted the disclosure item "{{title}}" (round {{round}}) for its legal and secrecy reviews.',
    },
    ITEM_RETURNED: {
      title: 'Returned: {{title}}',
      body: 'The disclosure item "{{title}}" was returned in review: revise it following the comments and submit it again.',
    },
    ITEM_APPROVED: { title: 'To publish: {{title}}', body: 'The disclosure item "{{title}}" passed its legal and secrecy reviews and may be published.' },
    ITEM_PUBLISHED: { title: 'Published: {{title}}', body: 'The disclosure item "{{title}}" was published.' },
    WITHHOLDING_REQUESTED: { title: 'To rule: {{title}}', body: '{{unit}} asks to withhold "{{title}}" for now: please rule on the request.' },
    WITHHOLDING_RULED: {
      title: 'Withholding request ruled: {{title}}',
      body: 'The request to withhold "{{title}}" was ruled on: $t(notifications.rulings.{{ruling}}).',
    },
    STATISTICS_SUBMITTED: {
      title: 'To accept: statistics {{year}} of {{unit}}',
      body: '{{unit}} submitted its disclosure statistics for {{year}}: please review and accept them.',
    },
    STATISTICS_ACCEPTED: { title: 'Accepted: statistics {{year}} of {{unit}}', body: 'The disclosure statistics {{year}} of {{unit}} were accepted.' },
    STATISTICS_RETURNED: {
      title: 'Returned: statistics {{year}} of {{unit}}',
      body: 'The disclosure statistics {{year}} of {{unit}} were returned: correct them and submit them again.',
    },
    INSPECTION_OPENED: { title: 'Inspection opened: {{unit}}', body: 'The inspection of {{unit}} under "{{scheme}}" has started.' },
    INSPECTION_SUBMITTED: {
      title: 'Inspection to confirm: {{unit}}',
      body: 'The inspection of {{unit}} under "{{scheme}}" was submitted (score {{total}}): the inspected unit responds, then the issuing unit finalises it.',
    },
    INSPECTION_FINALIZED: {
      title: 'Inspection finalised: {{unit}}',
      body: 'The inspection of {{unit}} under "{{scheme}}" was finalised: score {{total}}, grade {{grade}}.',
    },
    REMINDER_ITEM_DUE_SOON: {
      title: 'Due soon: {{title}}',
      body: 'The disclosure item "{{title}}" must be published by {{date}}: fewer than 5 working days left.',
    },
    REMINDER_ITEM_OVERDUE: { title: 'Overdue: {{title}}', body: 'The disclosure item "{{title}}" was due for publication by {{date}} and is overdue.' },
    REMINDER_MAINTENANCE_DUE: {
      title: 'Maintenance due: {{title}}',
      body: 'The disclosure item "{{title}}" must be checked by {{date}}: confirm that it is still valid.',
    },
    REMINDER_STATISTICS_NOT_SUBMITTED: {
      title: 'Statistics not submitted: {{unit}}, {{year}}',
      body: 'The disclosure statistics {{year}} of {{unit}} were due by {{date}} and have not been submitted.',
    },
  },
  rulings: { WITHHOLD: 'withhold for now', DISCLOSE: 'disclose: submit it for review again' },
  email: {
    subject: '[Government disclosure] {{title}}',
    greeting: 'Dear {{name}},',
    footer: 'This e-mail was sent by the government information disclosure system. To stop e-mail notifications, turn them off in the system.',
  },
  tooManyIds: 'at most {{max}} notifications can be marked at once',
  notYours: 'is not one of your notifications',
  notRunning: 'Real-time notifications are not running on this server',
};
