import { defaultMessage } from '../../i18n';
import DataLoader from 'dataloader';
import { LockMode } from '@mikro-orm/core';
import { Role } from '../../auth/roles';
import { perRequest, type Context, type ServiceContext } from '../../common/context';
import { ForbiddenError, NotFoundError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { portalMessages as m } from './portal.messages';
import { UnitContact } from './unit-contact.entity';
import { UpdateUnitContactInput, updateUnitContactSchema } from './unit-contact.inputs';

const EDITABLE = ['address', 'postcode', 'officeHours', 'website', 'email', 'phones'] as const;

function contactSnapshot(c: UnitContact) {
  return {
    address: c.address ?? null,
    postcode: c.postcode ?? null,
    officeHours: c.officeHours ?? null,
    website: c.website ?? null,
    email: c.email ?? null,
    phones: c.phones,
    version: c.version,
  };
}

/** The empty directory of a unit that has published none (version 0). */
export function emptyContact(unitId: number): UnitContact {
  const c = new UnitContact();
  Object.assign(c, { unitId, phones: [], version: 0, updatedAt: null });
  return c;
}

const LOADER = Symbol('unitContactLoader');

/** Contact rows by unit id, batched per request. */
export function unitContactLoader(ctx: Context): DataLoader<number, UnitContact> {
  return perRequest(
    ctx,
    LOADER,
    () =>
      new DataLoader<number, UnitContact>(async (ids) => {
        const rows = await ctx.em.find(UnitContact, { unitId: { $in: [...ids] } });
        const byId = new Map(rows.map((r) => [r.unitId, r]));
        return ids.map((id) => byId.get(id) ?? emptyContact(id));
      }),
  );
}

/** Contact directory of units: public to read; OFFICE_ADMINs over the unit change it, audited. */
export class UnitContactService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Applies the given fields with a version check (0: the unit has none yet) and returns the unit. */
  async update(raw: UpdateUnitContactInput): Promise<OrgUnit> {
    const input = parseInput(updateUnitContactSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    return inTransaction(this.ctx.em, async (em) => {
      const unit = await em.findOne(OrgUnit, { id: unitId });
      if (!unit) throw new NotFoundError(m.unit);
      if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) throw new ForbiddenError(m.onlyAdminMayEditContact(unit.name));
      let contact = await em.findOne(UnitContact, { unitId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      assertVersion(contact?.version ?? 0, input.expectedVersion, defaultMessage('portal.contactVersion'));
      const before = contact ? contactSnapshot(contact) : null;
      contact ??= em.create(UnitContact, { unitId });
      for (const key of EDITABLE) {
        const value = input[key];
        if (value === undefined) continue;
        if (key === 'phones') contact.phones = (value as UnitContact['phones'] | null) ?? [];
        else (contact as unknown as Record<string, unknown>)[key] = value;
      }
      await em.flush();
      this.audit.record(em, {
        action: 'portal.updateUnitContact',
        targetType: 'OrgUnit',
        targetId: input.unitId,
        scopePath: unit.path,
        before,
        after: contactSnapshot(contact),
      });
      return unit;
    });
  }
}
