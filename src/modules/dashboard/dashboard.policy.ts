import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';

/**
 * Roles that see a unit's dashboard (DESIGN.md §1, §7): the disclosure office that runs the subtree
 * (OFFICE_ADMIN), the office-level publisher answerable for timeliness, and the inspector who scores
 * it; CENTRAL_ADMIN implies them all. Liaisons have myTasks, reviewers their review queues.
 */
export const DASHBOARD_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.OFFICE_PUBLISHER, Role.INSPECTOR];

/** May the caller read the dashboard of the unit at `unitPath` (a dashboard role over it)? Elsewhere the unit reads as not found. */
export function maySeeDashboard(auth: Principal, unitPath: string): boolean {
  return auth.hasRoleOver(DASHBOARD_ROLES, unitPath);
}
