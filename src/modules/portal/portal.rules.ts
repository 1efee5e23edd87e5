import { Role } from '../../auth/roles';
import { allow, hasAnyRole } from '../../auth/rules';

/** graphql-shield rules of the portal module: contact directories and the report index are public. */
export const portalRules = {
  Mutation: {
    // Coarse gate; the service checks OFFICE_ADMIN over the unit.
    updateUnitContact: hasAnyRole(Role.OFFICE_ADMIN),
  },
  UnitContact: allow,
  ContactPhone: allow,
};
