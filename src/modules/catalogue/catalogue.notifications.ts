import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../common/global-id';
import { notify, parentPathOf, type NotificationEvent } from '../notifications/notify';
import { PublishingLevel } from '../organisation';
import type { OrgUnit } from '../organisation';
import { ItemStatus } from './catalogue.enums';
import type { DisclosureItem } from './disclosure-item.entity';

/** The people who draft and resubmit an item: its unit's liaisons and whoever created it. */
function authors(item: DisclosureItem, unit: OrgUnit, actorId: number | null) {
  return { roles: [Role.LIAISON], unitPath: unit.path, userIds: [item.createdBy?.id], exclude: [actorId] };
}

/**
 * Notifies whoever a change of an item gives work to, in the change's transaction (`action` as
 * recorded in its revision): submitted → both reviewers; returned → authors; approved → publishers;
 * published → authors; withholding requested → the superior unit's admins; ruled → authors.
 */
export async function notifyItemChange(em: EntityManager, item: DisclosureItem, unit: OrgUnit, action: string, actorId: number | null): Promise<void> {
  const base = { targetType: 'DisclosureItem', targetId: toGlobalId('DisclosureItem', item.id), unitId: unit.id };
  const values = { title: item.title, unit: unit.name, round: item.reviewRound };
  const events: NotificationEvent[] = [];
  const [verb, , decision] = action.split('.');
  if (verb === 'submit') {
    events.push({
      ...base,
      kind: 'ITEM_SUBMITTED',
      values,
      recipients: { roles: [Role.LEGAL_REVIEWER, Role.SECRECY_REVIEWER], unitPath: unit.path, exclude: [actorId] },
    });
  } else if (verb === 'review' && item.status === ItemStatus.RETURNED) {
    events.push({ ...base, kind: 'ITEM_RETURNED', values, recipients: authors(item, unit, actorId) });
  } else if (verb === 'review' && decision === 'PASS' && item.status === ItemStatus.APPROVED) {
    const roles = item.level === PublishingLevel.OFFICE ? [Role.OFFICE_PUBLISHER] : [Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER];
    events.push({ ...base, kind: 'ITEM_APPROVED', values, recipients: { roles, unitPath: unit.path, exclude: [actorId] } });
  } else if (verb === 'publish') {
    events.push({ ...base, kind: 'ITEM_PUBLISHED', values, recipients: authors(item, unit, actorId) });
  } else if (verb === 'requestWithholding') {
    const above = parentPathOf(unit.path);
    events.push({ ...base, kind: 'WITHHOLDING_REQUESTED', values, recipients: { roles: [Role.OFFICE_ADMIN], unitPath: above, exclude: [actorId] } });
  } else if (verb === 'ruleOnWithholding') {
    const ruling = action.split('.')[1];
    events.push({ ...base, kind: 'WITHHOLDING_RULED', values: { ...values, ruling }, recipients: authors(item, unit, actorId) });
  }
  for (const e of events) await notify(em, e);
}
