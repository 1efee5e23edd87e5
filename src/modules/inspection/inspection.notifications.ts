import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../common/global-id';
import { notify } from '../notifications/notify';
import type { OrgUnit } from '../organisation';
import type { InspectionScheme } from './inspection-scheme.entity';
import type { Inspection } from './inspection.entity';

/**
 * Notifies, in the change's transaction: opened → the inspected unit's OFFICE_ADMINs; submitted →
 * them (to respond) and the issuing unit's OFFICE_ADMINs and INSPECTORs (to finalise); finalised →
 * the inspected unit's OFFICE_ADMINs and liaisons.
 */
export async function notifyInspectionChange(
  em: EntityManager,
  inspection: Inspection,
  unit: OrgUnit,
  scheme: InspectionScheme,
  issuer: OrgUnit,
  event: 'opened' | 'submitted' | 'finalized',
  actorId: number | null,
): Promise<void> {
  const base = {
    targetType: 'Inspection',
    targetId: toGlobalId('Inspection', inspection.id),
    unitId: unit.id,
    values: { unit: unit.name, scheme: scheme.name, total: inspection.total ?? null, grade: inspection.grade ?? null },
  };
  const exclude = [actorId];
  if (event === 'opened') {
    await notify(em, { ...base, kind: 'INSPECTION_OPENED', recipients: { roles: [Role.OFFICE_ADMIN], unitPath: unit.path, exclude } });
  } else if (event === 'submitted') {
    const reach = [
      { roles: [Role.OFFICE_ADMIN], unitPath: unit.path },
      { roles: [Role.OFFICE_ADMIN, Role.INSPECTOR], unitPath: issuer.path },
    ];
    await notify(em, { ...base, kind: 'INSPECTION_SUBMITTED', recipients: { reach, exclude } });
  } else {
    await notify(em, { ...base, kind: 'INSPECTION_FINALIZED', recipients: { roles: [Role.OFFICE_ADMIN, Role.LIAISON], unitPath: unit.path, exclude } });
  }
}
