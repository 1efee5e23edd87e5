import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { notifyItemChange } from './catalogue.notifications';
import { isItemStaff } from './catalogue.policy';
import { DisclosureItem } from './disclosure-item.entity';
import { DisclosureRevision } from './disclosure-revision.entity';

/** What every change to a disclosure item shares (workflow and withholding): loading it locked, and its revision and audit record. */

/** Full snapshot of an item's state, kept in revisions and audit records. */
export function itemSnapshot(i: DisclosureItem): Record<string, unknown> {
  return {
    title: i.title,
    body: i.body,
    categoryId: i.category.id,
    ownerUnitId: i.ownerUnit.id,
    level: i.level,
    mode: i.mode,
    cadence: i.cadence ?? null,
    channels: [...i.channels],
    legalBasis: i.legalBasis ?? null,
    formedDate: i.formedDate,
    publishDeadline: i.publishDeadline,
    nextMaintenanceDate: i.nextMaintenanceDate ?? null,
    nextDueDate: i.nextDueDate ?? null,
    status: i.status,
    internalNotes: i.internalNotes ?? null,
    reviewRound: i.reviewRound,
    publishedVersion: i.publishedVersion ?? null,
    isPublic: i.isPublic,
    withholdingStatus: i.withholdingStatus ?? null,
  };
}

/** Loads and locks items for changes, and records each change (revision and audit record) in its transaction. */
export class ItemWrites {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Loads and locks an item for a change; NOT_FOUND outside the caller's scope (FORBIDDEN if it is public). */
  async loadForWrite(em: EntityManager, globalId: string, field = 'id'): Promise<{ item: DisclosureItem; unit: OrgUnit }> {
    const id = decodeIntId(globalId, 'DisclosureItem', field);
    const item = await em.findOne(DisclosureItem, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!item) throw new NotFoundError('Disclosure item');
    const unit = await em.findOneOrFail(OrgUnit, { id: item.ownerUnit.id });
    item.ownerPath = unit.path;
    if (!isItemStaff(this.ctx.auth, unit.path)) {
      if (item.isPublic) throw new ForbiddenError(`Items of ${unit.name} can only be changed by its staff`);
      throw new NotFoundError('Disclosure item');
    }
    return { item, unit };
  }

  /**
   * Keeps a revision (snapshot, who, when), writes the audit record and notifies whoever the change
   * gives work to (catalogue.notifications.ts), in the mutation's transaction.
   */
  async record(em: EntityManager, item: DisclosureItem, action: string, before: Record<string, unknown> | null): Promise<void> {
    const after = itemSnapshot(item);
    em.persist(
      em.create(DisclosureRevision, {
        item: item.id,
        version: item.version,
        action,
        snapshot: after,
        changedById: this.ctx.auth.userId,
        changedByUsername: this.ctx.auth.username,
      }),
    );
    this.audit.record(em, {
      action: `catalogue.${action.split('.')[0]}DisclosureItem`,
      targetType: 'DisclosureItem',
      targetId: toGlobalId('DisclosureItem', item.id),
      scopePath: item.ownerPath!,
      before,
      after,
    });
    // Already in the identity map (loaded by loadForWrite or create): no statement.
    const unit = await em.findOneOrFail(OrgUnit, { id: item.ownerUnit.id });
    await notifyItemChange(em, item, unit, action, this.ctx.auth.userId);
  }
}
