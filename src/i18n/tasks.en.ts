import type { LabelsOf } from './shape';
import type { tasksZhCN } from './tasks.zh-CN';

/** English texts of the task lists and their notifications: the same keys as tasks.zh-CN.ts. */
export const tasksEn: LabelsOf<typeof tasksZhCN> = {
  detail: {
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
