import { Role } from '../../auth/roles';
import { allow, hasAnyRole } from '../../auth/rules';

/** graphql-shield rules of the audit module; rows are scoped in SQL by AuditService. */
export const auditRules = {
  Query: { auditTrail: hasAnyRole(Role.OFFICE_ADMIN) },
  AuditRecord: allow,
  AuditRecordConnection: allow,
  AuditRecordEdge: allow,
};
