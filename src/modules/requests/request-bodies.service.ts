import type { EntityManager } from '@mikro-orm/postgresql';
import { ForbiddenError, msg, ValidationError } from '../../common/errors';
import { messages } from './requests.messages';
import { decodeIntId } from '../../common/global-id';
import { inTransaction } from '../../common/transaction';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { DisclosureBodySetting } from './request.entity';
import { BODY_KINDS } from './requests.policy';

/** Does the unit receive requests: its setting, else whether it is a district or the administration? */
export function acceptsRequests(unit: OrgUnit, setting: DisclosureBodySetting | null | undefined): boolean {
  return setting ? setting.acceptsRequests : BODY_KINDS.includes(unit.kind);
}

/** Does the unit receive requests (one statement)? */
export async function isDisclosureBody(em: EntityManager, unit: OrgUnit): Promise<boolean> {
  return acceptsRequests(unit, await em.findOne(DisclosureBodySetting, { unitId: unit.id }));
}

/** Which units receive requests, set per unit by a CENTRAL_ADMIN. */
export class RequestBodiesService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Sets whether a unit receives requests (CENTRAL_ADMIN: it decides the bodies of the whole tree). */
  async setAcceptsRequests(unitGlobalId: string, accepts: boolean): Promise<OrgUnit> {
    if (!this.ctx.auth.isCentralAdmin) throw new ForbiddenError(messages.bodiesCentralOnly);
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(unitGlobalId, 'OrgUnit', 'unitId'), active: true });
    if (!unit) throw ValidationError.field('unitId', msg('organisation.notAUnit'));
    return inTransaction(this.ctx.em, async (em) => {
      const before = await em.findOne(DisclosureBodySetting, { unitId: unit.id });
      const wasAccepting = acceptsRequests(unit, before);
      if (before) before.acceptsRequests = accepts;
      else em.create(DisclosureBodySetting, { unitId: unit.id, acceptsRequests: accepts });
      await em.flush();
      new AuditService(this.ctx).record(em, {
        action: 'requests.setAcceptsRequests',
        targetType: 'OrgUnit',
        targetId: unitGlobalId,
        scopePath: unit.path,
        before: { acceptsRequests: wasAccepting },
        after: { acceptsRequests: accepts },
      });
      return unit;
    });
  }
}
