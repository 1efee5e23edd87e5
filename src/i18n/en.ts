import type { LabelsOf } from './shape';
import type { zhCN } from './zh-CN';

/** The English message catalogue: the same keys as zh-CN.ts (the type checks it). */
export const en: LabelsOf<typeof zhCN> = {
  errors: {
    unauthenticated: 'Authentication required',
    forbidden: 'Not allowed',
    notFound: '{{what}} not found',
    invalidInput: 'Invalid input: {{problems}}',
    invalidToken: 'Invalid or expired token',
    passwordChangeRequired: 'Change your password first: a one-time password set by an administrator must be changed at the next login',
  },
  entities: {
    User: 'User',
    OrgUnit: 'Org unit',
    'Role assignment': 'Role assignment',
    DisclosureItem: 'Disclosure item',
    'Disclosure item': 'Disclosure item',
  },
  organisation: {
    grant: {
      notAdminOfUnit: 'Only an OFFICE_ADMIN over {{unit}} may grant roles there',
      userOutsideScope: 'The user belongs to a unit outside your scope',
      centralOnly: 'Only a CENTRAL_ADMIN may grant CENTRAL_ADMIN',
      officeAdminBelowOnly: 'OFFICE_ADMIN may only be granted over units strictly below those you administer ({{unit}} is not)',
      alreadyHeld: 'the user already holds {{role}} over {{unit}}',
      notInScope: 'You may not grant this role over {{unit}}: a cascading grant needs your administration of its whole subtree',
    },
    revoke: {
      centralOnly: 'Only a CENTRAL_ADMIN may revoke CENTRAL_ADMIN',
      notAdminOfUnit: 'Only an OFFICE_ADMIN over {{unit}} may revoke its {{role}} grant',
      alreadyRevoked: 'is already revoked',
    },
    password: {
      tooShort: 'must be at least {{min}} characters',
      tooCommon: 'is too common: choose another',
      sameAsCurrent: 'must differ from the current password',
      wrongCurrent: 'is not your current password',
      demoOnly: 'the demo password is for demo users only',
      notAdminOfUser: "Only an OFFICE_ADMIN over {{unit}} may reset its users' passwords",
      notYourself: 'You cannot reset your own password: use changePassword',
    },
    login: { failed: 'Invalid username or password' },
    unitDeactivated: 'is deactivated',
    userDeactivated: 'is deactivated',
    notAUnit: 'is not an existing unit',
    notAUser: 'is not an existing user',
  },
  catalogue: {},
};
