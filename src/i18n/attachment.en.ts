import type { attachmentZhCN } from './attachment.zh-CN';
import type { LabelsOf } from './shape';

/** Attachments in English: the same keys as attachment.zh-CN.ts. */
export const attachmentEn: LabelsOf<typeof attachmentZhCN> = {
  loginRequired: 'Sign in to upload attachments',
  staffOnly: 'Only staff may upload attachments',
  tooLargeMb: 'The file is larger than the limit ({{mb}} MB)',
  tooLargeBytes: 'The file is larger than the limit ({{bytes}} bytes)',
  unsupportedType:
    'Unsupported file type: only PDF, Word, Excel, PowerPoint (old .doc/.xls/.ppt included), JPEG, PNG, GIF and WebP files are accepted (judged by the content, not the name)',
  emptyFile: 'The file is empty',
  nameRequired: 'Give the file name with ?name=',
  exactlyOneOwner: 'give exactly one of itemId and reportId',
  notYourUpload: 'is not a file you uploaded, or it no longer exists',
  alreadyAttached: 'The file is already attached elsewhere',
  mayNotAttachItem: 'Only a liaison or publisher of the unit that owns "{{title}}" may manage its attachments',
  mayNotAttachReport: 'Only a liaison, publisher or OFFICE_ADMIN of {{unit}} may manage the attachments of its annual reports',
  titleTooLong: 'must be at most {{max}} characters',
};
