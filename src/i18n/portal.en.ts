import type { portalZhCN } from './portal.zh-CN';
import type { LabelsOf } from './shape';

/** The public portal in English: the same keys as portal.zh-CN.ts. */
export const portalEn: LabelsOf<typeof portalZhCN> = {
  onlyAdminMayEditContact: 'Only an OFFICE_ADMIN over {{unit}} may change its contact details',
  contactVersion: 'Contact details',
  postcode: 'must be a 6-digit postcode',
  website: 'must be a web address starting with http:// or https://',
  email: 'must be an e-mail address',
  phoneNumber: 'must be a phone number (digits, spaces, brackets or hyphens)',
  tooManyPhones: 'at most {{max}} phone numbers',
  textTooLong: 'must be at most {{max}} characters',
  yearRange: 'must be a year from 2000 to 2100',
  feed: {
    title: '{{unit}}: government information disclosure',
    categoryTitle: '{{unit}} · {{category}}: government information disclosure',
    description: 'The latest disclosure items published by {{unit}} and its units',
    categoryDescription: 'The latest disclosure items of {{unit}} in "{{category}}"',
    legalBasis: 'Legal basis: {{basis}}',
  },
};
