import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';

/** Roles that see an inspection's scores, comments and response: the inspector, the unit's admins and superiors. */
export const DETAIL_ROLES: readonly Role[] = [Role.INSPECTOR, Role.OFFICE_ADMIN];

/** May the caller read scores, comments and the response of an inspection of the unit at `unitPath`? */
export function canSeeInspectionDetails(auth: Principal, unitPath: string): boolean {
  return auth.hasRoleOver(DETAIL_ROLES, unitPath);
}

/**
 * May the caller read finalised totals and grades under a scheme issued at `issuerPath`? Staff of
 * the issuing unit's subtree (the district for its departments, the centre for districts) and
 * of its superiors; never other districts.
 */
export function canSeeInspectionResults(auth: Principal, issuerPath: string): boolean {
  return auth.grants.some((g) => (g.cascade && issuerPath.startsWith(g.unitPath)) || g.unitPath.startsWith(issuerPath));
}

/**
 * May the caller read the total, grade and rank of a FINALIZED inspection of the unit at `unitPath`
 * under a scheme issued at `issuerPath`? The same rule as the `inspections` query's SQL scope:
 * details in scope, or results of a related scheme.
 */
export function canSeeFinalisedResult(auth: Principal, unitPath: string, issuerPath: string): boolean {
  return canSeeInspectionDetails(auth, unitPath) || canSeeInspectionResults(auth, issuerPath);
}
