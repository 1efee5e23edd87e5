import type { Principal } from '../../auth/principal';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { pathScopeSql, unitScopeFilter } from '../../auth/scope';
import { sql, type Sql } from '../../db/sql';
import { OrgUnitKind } from '../organisation';

/**
 * Who may see and do what with requests for disclosure, each rule as a yes/no and as a filter.
 *
 * - A disclosure body is a DISTRICT or the ADMINISTRATION: requests are addressed to it.
 * - Staff (any role) over the body see its requests, without the applicant's personal data.
 * - Handlers are the body's LIAISONs and OFFICE_ADMINs (grants that reach the body; CENTRAL_ADMIN
 *   everywhere): they register and handle requests and read the applicant's personal data, every
 *   read audited. No new role: the disclosure office's admin and liaisons are who handle requests.
 * - An extension needs an OFFICE_ADMIN over the body (the approval).
 */
export const HANDLER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.LIAISON];

/** Kinds of unit that receive requests. */
export const BODY_KINDS: readonly OrgUnitKind[] = [OrgUnitKind.DISTRICT, OrgUnitKind.ADMINISTRATION];

/** May the caller see requests of the body at `bodyPath` (without personal data)? */
export function canSeeRequests(auth: Principal, bodyPath: string): boolean {
  return auth.isAuthenticated && auth.isStaffOf(bodyPath);
}

/** Does the caller handle requests of the body (register, act, read personal data)? */
export function canHandleRequests(auth: Principal, bodyPath: string): boolean {
  return auth.isAuthenticated && auth.hasRoleOver(HANDLER_ROLES, bodyPath);
}

/** May the caller approve an extension (OFFICE_ADMIN over the body)? */
export function canApproveExtension(auth: Principal, bodyPath: string): boolean {
  return auth.isAuthenticated && auth.hasRoleOver(Role.OFFICE_ADMIN, bodyPath);
}

/** `canSeeRequests` as a MikroORM filter on DisclosureRequest. */
export function requestVisibilityFilter(auth: Principal): Record<string, unknown> {
  if (!auth.isAuthenticated) return { id: 0 };
  return { bodyUnit: unitScopeFilter(auth, STAFF_ROLES) };
}

/** `canSeeRequests` as an SQL condition on the body's path column. */
export function requestVisibilitySql(auth: Principal, bodyPathColumn: Sql): Sql {
  if (!auth.isAuthenticated) return sql`false`;
  return pathScopeSql(auth, STAFF_ROLES, bodyPathColumn);
}
