import { Role } from '../../auth/roles';
import { allow, hasAnyRole, redactUnless } from '../../auth/rules';
import { mayReadUsernameOf, USERNAME_REDACTED } from '../organisation/organisation.rules';
import type { AuditRecord } from './audit-record.entity';

/** graphql-shield rules of the audit module; rows are scoped in SQL by AuditService. */
export const auditRules = {
  Query: { auditTrail: hasAnyRole(Role.OFFICE_ADMIN) },
  AuditRecord: {
    '*': allow,
    actorUsername: redactUnless<AuditRecord>('AuditRecord.actorUsername', USERNAME_REDACTED, (r, ctx) => mayReadUsernameOf(ctx, r.actorId)),
  },
  AuditRecordConnection: allow,
  AuditRecordEdge: allow,
};
