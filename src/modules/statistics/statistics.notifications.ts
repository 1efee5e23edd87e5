import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../common/global-id';
import { notify, parentPathOf } from '../notifications/notify';
import type { OrgUnit } from '../organisation';
import type { AnnualStatistics } from './annual-statistics.entity';

/**
 * Notifies, in the change's transaction: submitted → the OFFICE_ADMINs of the unit above, who
 * accept; accepted or returned → the unit's liaisons and whoever submitted.
 */
export async function notifyStatisticsChange(
  em: EntityManager,
  row: AnnualStatistics,
  unit: OrgUnit,
  event: 'submitted' | 'accepted' | 'returned',
  actorId: number | null,
): Promise<void> {
  const base = {
    targetType: 'AnnualStatistics',
    targetId: toGlobalId('AnnualStatistics', row.id),
    unitId: unit.id,
    values: { unit: unit.name, year: row.year },
  };
  if (event === 'submitted') {
    await notify(em, {
      ...base,
      kind: 'STATISTICS_SUBMITTED',
      recipients: { roles: [Role.OFFICE_ADMIN], unitPath: parentPathOf(unit.path), exclude: [actorId] },
    });
    return;
  }
  await notify(em, {
    ...base,
    kind: event === 'accepted' ? 'STATISTICS_ACCEPTED' : 'STATISTICS_RETURNED',
    recipients: { roles: [Role.LIAISON], unitPath: unit.path, userIds: [row.submittedById], exclude: [actorId] },
  });
}
