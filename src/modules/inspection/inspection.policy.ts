import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { PathReach, reachesPath, reachFilter, reachSql, roleReach } from '../../auth/scope';
import { sql, type Sql } from '../../db/sql';
import { selfAndAncestorPaths } from '../organisation';
import { InspectionStatus, SchemeStatus } from './inspection.enums';

/**
 * Who may see schemes and inspections (DESIGN.md §5). Each rule is written once, as where in the
 * unit tree it reaches (auth/scope.ts), and rendered as a yes/no for rows in hand (rules, the
 * dashboard) and as a filter for lists and lookups, so both always agree:
 *
 * - details (scores, comments, the response) and in-progress inspections: the inspector, the
 *   inspected unit's admins and its superiors (DETAIL_ROLES over the unit);
 * - finalised totals, grades and ranks: also staff of the issuing unit's subtree (the district for
 *   its departments, the centre for districts) and of its superiors; never other districts;
 * - schemes: active ones for every logged-in caller, drafts for ISSUER_ROLES of the issuing unit.
 */

/** Roles that see an inspection's scores, comments and response: the inspector, the unit's admins and superiors. */
export const DETAIL_ROLES: readonly Role[] = [Role.INSPECTOR, Role.OFFICE_ADMIN];
/** Roles that manage a scheme of their unit and finalise inspections under it. */
export const ISSUER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.INSPECTOR];

/** Inspected units whose inspections' details the caller reads. */
function detailReach(auth: Principal): PathReach[] {
  return roleReach(auth, DETAIL_ROLES);
}

/**
 * Issuing units whose schemes' finalised results the caller reads: the subtree of each cascading
 * grant (superiors), and the unit of every grant and its ancestors (staff of the issuer's subtree).
 */
function resultReach(auth: Principal): PathReach[] {
  const subtrees = auth.grants.filter((g) => g.cascade).map((g) => ({ path: g.unitPath, subtree: true }));
  const units = new Set(auth.grants.flatMap((g) => selfAndAncestorPaths(g.unitPath)));
  return [...subtrees, ...[...units].map((path) => ({ path, subtree: false }))];
}

// ---- yes/no ---------------------------------------------------------------------------------

/** May the caller read scores, comments and the response of an inspection of the unit at `unitPath`? */
export function canSeeInspectionDetails(auth: Principal, unitPath: string): boolean {
  return reachesPath(detailReach(auth), unitPath);
}

/** May the caller read finalised totals and grades under a scheme issued at `issuerPath`? */
export function canSeeInspectionResults(auth: Principal, issuerPath: string): boolean {
  return reachesPath(resultReach(auth), issuerPath);
}

/**
 * May the caller read the total, grade and rank of a FINALIZED inspection of the unit at `unitPath`
 * under a scheme issued at `issuerPath`? The same rule as `visibleInspectionsFilter`: details in
 * scope, or results of a related scheme.
 */
export function canSeeFinalisedResult(auth: Principal, unitPath: string, issuerPath: string): boolean {
  return canSeeInspectionDetails(auth, unitPath) || canSeeInspectionResults(auth, issuerPath);
}

/** May the caller see a scheme with `status` issued at `issuerPath`? */
export function canSeeScheme(auth: Principal, status: SchemeStatus, issuerPath: string): boolean {
  return auth.isAuthenticated && (status === SchemeStatus.ACTIVE || reachesPath(roleReach(auth, ISSUER_ROLES), issuerPath));
}

// ---- filters --------------------------------------------------------------------------------

/**
 * SQL condition on the finalised inspections of one scheme issued at `issuerPath` (its ranking):
 * `canSeeFinalisedResult` with the issuer known, so it is `true` or the details scope on `unitPath`.
 */
export function finalisedResultsSql(auth: Principal, unitPath: Sql, issuerPath: string): Sql {
  return canSeeInspectionResults(auth, issuerPath) ? sql`true` : reachSql(detailReach(auth), unitPath);
}

/** MikroORM filter of the inspections the caller may see: details in scope, or finalised results of related schemes. */
export function visibleInspectionsFilter(auth: Principal): Record<string, unknown> {
  const or: Record<string, unknown>[] = [{ unit: reachFilter(detailReach(auth)) }];
  const results = resultReach(auth);
  if (results.length) or.push({ status: InspectionStatus.FINALIZED, scheme: { issuerUnit: reachFilter(results) } });
  return { $or: or };
}

/** MikroORM filter of the schemes the caller may see; anonymous callers see none, by any path. */
export function visibleSchemesFilter(auth: Principal): Record<string, unknown> {
  if (!auth.isAuthenticated) return { id: { $in: [] } };
  return { $or: [{ status: SchemeStatus.ACTIVE }, { issuerUnit: reachFilter(roleReach(auth, ISSUER_ROLES)) }] };
}
