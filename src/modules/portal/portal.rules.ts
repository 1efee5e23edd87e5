import { Role } from '../../auth/roles';
import { allow, hasAnyRole } from '../../auth/rules';

/** graphql-shield rules of the portal module: contact directories and the report index are public. */
export const portalRules = {
  Query: {
    annualReports: allow,
  },
  Mutation: {
    // Coarse gate; the service checks OFFICE_ADMIN over the unit.
    updateUnitContact: hasAnyRole(Role.OFFICE_ADMIN),
  },
  UnitContact: allow,
  ContactPhone: allow,
  // Pages of published reports; AnnualReport's own rules apply to each node.
  AnnualReportConnection: allow,
  AnnualReportEdge: allow,
};
