import { decodeBigIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { AuditRecord } from './audit-record.entity';
import { AuditResolver } from './audit.resolver';
import { auditRules } from './audit.rules';
import { AuditService } from './audit.service';

export { AuditService } from './audit.service';
export type { AuditEntry } from './audit.service';
export { AuditRecord } from './audit-record.entity';

/** The audit module: the append-only trail every mutation writes. */
export const auditModule: ModuleDefinition = {
  name: 'audit',
  entities: [AuditRecord],
  resolvers: [AuditResolver],
  rules: auditRules,
  nodes: {
    AuditRecord: (ctx, globalId) => new AuditService(ctx).findVisible(decodeBigIntId(globalId, 'AuditRecord')),
  },
};
