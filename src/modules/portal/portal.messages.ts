import { msg, type Msg } from '../../common/errors';

/** The catalogue keys of the portal module's messages (texts in src/i18n/portal.*.ts). */
export const portalMessages = {
  /** Entity name for NotFoundError (`entities.OrgUnit`). */
  unit: 'OrgUnit',
  onlyAdminMayEditContact: (unit: string): Msg => msg('portal.onlyAdminMayEditContact', { unit }),
  yearRange: msg('portal.yearRange'),
  /** zod messages are strings: catalogue keys (src/common/zod.ts renders them, `{{max}}` from the schema). */
  postcode: 'portal.postcode',
  website: 'portal.website',
  email: 'portal.email',
  phoneNumber: 'portal.phoneNumber',
  tooManyPhones: 'portal.tooManyPhones',
  textTooLong: 'portal.textTooLong',
};
