import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { unitScopeFilter } from '../../auth/scope';
import { msg, ValidationError } from '../../common/errors';
import { PageArgs, paginate, Connection } from '../../common/relay';
import type { ServiceContext } from '../../common/context';
import { runSqlOne } from '../../db/sql';
import { AuditRecord } from './audit-record.entity';
import { userByLoginSql } from './audit.queries';

/** What one audited change is about. */
export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  /** Path of the unit whose admins may read the record. */
  scopePath: string;
  before?: unknown;
  after?: unknown;
}

/** Filters for auditTrail. */
export interface AuditFilter {
  targetId?: string | null;
  action?: string | null;
  actorUsername?: string | null;
}

/** Writes and reads the append-only audit trail. */
export class AuditService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Adds an audit record to `em`'s unit of work: call it inside the mutation's transaction,
   * so the record commits with the change or not at all.
   */
  record(em: EntityManager, entry: AuditEntry): AuditRecord {
    const record = em.create(AuditRecord, {
      actorId: this.ctx.auth.userId,
      actorUsername: this.ctx.auth.username,
      requestId: this.ctx.requestId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      scopePath: entry.scopePath,
      before: entry.before ?? null,
      after: entry.after ?? null,
      occurredAt: new Date(),
    });
    em.persist(record);
    return record;
  }

  /** Audit records of units where the caller is OFFICE_ADMIN (CENTRAL_ADMIN: all), newest first. */
  async trail(filter: AuditFilter, page: PageArgs): Promise<Connection<AuditRecord>> {
    const where: Record<string, unknown> = { $and: [unitScopeFilter(this.ctx.auth, [Role.OFFICE_ADMIN], 'scopePath')] };
    if (filter.targetId) where.targetId = filter.targetId;
    if (filter.action) where.action = filter.action;
    if (filter.actorUsername) {
      // Filtering by a login is reading it: only logins the caller may read (itself, users of units
      // where it is staff) filter; any other name is refused alike, so the filter tells no one apart.
      const actor = await runSqlOne<{ id: number; path: string }>(this.ctx.em, userByLoginSql(filter.actorUsername));
      if (!actor || (actor.id !== this.ctx.auth.userId && !this.ctx.auth.isStaffOf(actor.path))) {
        throw ValidationError.field('actorUsername', msg('appointments.auditActorUnknown'));
      }
      where.actorUsername = filter.actorUsername;
    }
    return paginate(this.ctx.em, AuditRecord, where, page, { id: 'desc' });
  }

  /** One record if the caller may read it. */
  async findVisible(id: string): Promise<AuditRecord | null> {
    return this.ctx.em.findOne(AuditRecord, { id, ...unitScopeFilter(this.ctx.auth, [Role.OFFICE_ADMIN], 'scopePath') });
  }
}
