import type { moreEntitiesZhCN } from './entities.zh-CN';
import type { LabelsOf } from './shape';

/** Names of further entities for NotFoundError in English: the same keys as entities.zh-CN.ts. */
export const moreEntitiesEn: LabelsOf<typeof moreEntitiesZhCN> = {
  DisclosureRequest: 'Request for disclosure',
  ContactCase: 'Contact case',
  LiaisonAppointment: 'Liaison appointment',
  Notification: 'Notification',
  Attachment: 'Attachment',
  Upload: 'Upload',
  AnnualReport: 'Annual report',
  InspectionScheme: 'Inspection scheme',
  Node: 'Object',
};
