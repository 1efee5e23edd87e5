import type { LabelsOf } from './shape';
import type { tasksZhCN } from './tasks.zh-CN';

/** English texts of the task lists and their notifications: the same keys as tasks.zh-CN.ts. */
export const tasksEn: LabelsOf<typeof tasksZhCN> = {
  detail: {
    overdue: 'Not published by its deadline',
    maintenanceDue: 'Standing content due for its periodic check',
    periodicDue: 'Periodic content due for its update',
    resubmitAfterDisclose: 'The withholding request was ruled DISCLOSE: submit the item for review again',
    reviewLegal: 'Awaiting legal review',
    reviewSecrecy: 'Awaiting confidentiality review',
    publish: 'Reviews passed, awaiting publication',
    ruling: 'Withholding request awaiting a ruling',
    rulingWithReason: 'Withholding request awaiting a ruling: {{reason}}',
    statisticsAcceptance: 'Submitted, awaiting acceptance',
    reportPublication: 'Annual report approved, awaiting publication',
    inspectionScoring: 'Inspection awaiting scores',
    inspectionResponse: 'Inspection submitted, awaiting the unit’s response',
    requestDue: 'Request for disclosure due on {{date}}',
    requestOverdue: 'Request for disclosure past its deadline ({{date}})',
  },
  title: {
    statisticsNotSubmitted: '{{year}} disclosure statistics of {{unit}} not submitted',
    statisticsAcceptance: '{{year}} disclosure statistics of {{unit}} awaiting acceptance',
    reportPublication: '{{year}} annual disclosure report of {{unit}} awaiting publication',
    inspection: '{{scheme}}: {{unit}}',
    request: 'Request for disclosure {{tracking}}: {{description}}',
  },
  notifications: {
    appointmentEnding: {
      title: 'Liaison appointment ending: {{person}} ({{unit}})',
      body: 'The appointment of {{person}} at {{unit}} ends on {{date}}; renew it or appoint someone else in time.',
    },
  },
};
