import { STAFF_ROLES } from '../../auth/roles';
import { allow, hasAnyRole } from '../../auth/rules';

/** graphql-shield rules of the attachment module; the services check the owner and its scope. */
export const attachmentRules = {
  Mutation: {
    attachFile: hasAnyRole(...STAFF_ROLES),
    detachFile: hasAnyRole(...STAFF_ROLES),
  },
  // Reached only through owners' `attachments` fields, which filter in SQL, and attachFile.
  Attachment: allow,
};
