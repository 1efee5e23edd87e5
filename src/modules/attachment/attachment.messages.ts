import { msg, type Msg } from '../../common/errors';

/** The catalogue keys of the attachment module's messages (texts in src/i18n/attachment.*.ts). */
export const attachmentMessages = {
  /** Entity names for NotFoundError (`entities.<name>`). */
  attachment: 'Attachment',
  upload: 'Upload',
  report: 'AnnualReport',
  loginRequired: msg('attachment.loginRequired'),
  staffOnly: msg('attachment.staffOnly'),
  tooLarge: (maxBytes: number): Msg =>
    maxBytes >= 1024 * 1024 ? msg('attachment.tooLargeMb', { mb: Math.floor(maxBytes / 1024 / 1024) }) : msg('attachment.tooLargeBytes', { bytes: maxBytes }),
  unsupportedType: msg('attachment.unsupportedType'),
  emptyFile: msg('attachment.emptyFile'),
  nameRequired: msg('attachment.nameRequired'),
  alreadyAttached: msg('attachment.alreadyAttached'),
  mayNotAttachItem: (title: string): Msg => msg('attachment.mayNotAttachItem', { title }),
  mayNotAttachReport: (unit: string): Msg => msg('attachment.mayNotAttachReport', { unit }),
  /** zod messages are strings: catalogue keys (src/common/zod.ts renders them). */
  exactlyOneOwner: 'attachment.exactlyOneOwner',
  notYourUpload: 'attachment.notYourUpload',
  titleTooLong: 'attachment.titleTooLong',
};
