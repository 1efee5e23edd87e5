import sql, { empty, Sql } from 'sql-template-tag';
import type { Principal } from '../../auth/principal';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { unitScopeFilter } from '../../auth/scope';

/**
 * Who may see and do what with contact cases. Each rule is given twice, as a yes/no over a loaded
 * case and as a filter (MikroORM for lists, sql-template-tag for aggregates), from the same roles.
 *
 * - A case about staff conduct (`restricted`) is seen only by INSPECTORs (监察室) over its unit and
 *   CENTRAL_ADMIN: never by the unit's other staff, not even its OFFICE_ADMIN.
 * - Any other case is seen by staff (any role) over its unit, and by its owner.
 * - Handlers (personal data, escalate, close, follow up): of a restricted case its INSPECTORs; of
 *   another, the owner (first responder) and OFFICE_ADMINs and LIAISONs over the unit handling it now.
 */
export const RESTRICTED_ROLES: readonly Role[] = [Role.INSPECTOR];
export const HANDLER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.LIAISON];

/** What the rules need to know of a case. */
export interface CasePolicyFacts {
  restricted: boolean;
  unitPath: string;
  handlingUnitPath: string;
  ownerId: number | null;
}

/** May the caller see the case at all? */
export function canSeeCase(auth: Principal, c: CasePolicyFacts): boolean {
  if (!auth.isAuthenticated) return false;
  if (c.restricted) return auth.hasRoleOver(RESTRICTED_ROLES, c.unitPath);
  return auth.isStaffOf(c.unitPath) || (c.ownerId !== null && c.ownerId === auth.userId);
}

/** Does the caller handle the case (reads the reporter, escalates, closes, follows up)? */
export function canHandleCase(auth: Principal, c: CasePolicyFacts): boolean {
  if (!auth.isAuthenticated) return false;
  if (c.restricted) return auth.hasRoleOver(RESTRICTED_ROLES, c.unitPath);
  return (c.ownerId !== null && c.ownerId === auth.userId) || auth.hasRoleOver(HANDLER_ROLES, c.handlingUnitPath);
}

/** May the caller register a case about the unit (restricted: INSPECTOR over it; else staff over it)? */
export function canOpenCase(auth: Principal, unitPath: string, restricted: boolean): boolean {
  return restricted ? auth.hasRoleOver(RESTRICTED_ROLES, unitPath) : auth.isStaffOf(unitPath);
}

/** May the caller see a logged consultation or tally of the unit? Staff (any role) over the unit. */
export function canSeeConsultation(auth: Principal, unitPath: string): boolean {
  return auth.isAuthenticated && auth.isStaffOf(unitPath);
}

/** `canSeeConsultation` as a MikroORM filter on ContactConsultation. */
export function consultationVisibilityFilter(auth: Principal): Record<string, unknown> {
  if (!auth.isAuthenticated) return { id: 0 };
  return { unit: unitScopeFilter(auth, STAFF_ROLES) };
}

/** `canSeeCase` as a MikroORM filter on ContactCase. */
export function caseVisibilityFilter(auth: Principal): Record<string, unknown> {
  if (!auth.isAuthenticated) return { id: 0 };
  return {
    $or: [
      { restricted: false, unit: unitScopeFilter(auth, STAFF_ROLES) },
      { restricted: false, owner: auth.userId },
      { restricted: true, unit: unitScopeFilter(auth, RESTRICTED_ROLES) },
    ],
  };
}

/**
 * The caller's grants for `roles` as an SQL condition on a materialised-path column. The grants
 * travel as one JSON parameter, so the statement text is the same whatever the number of grants.
 */
export function pathScope(auth: Principal, roles: readonly Role[], pathColumn: Sql): Sql {
  const grants = auth.grantsFor(roles);
  if (!grants.length) return sql`false`;
  const json = JSON.stringify(grants.map((g) => ({ path: g.unitPath, cascade: g.cascade })));
  return sql`exists (select 1 from jsonb_to_recordset(${json}::jsonb) g(path text, cascade boolean)
                      where case when g.cascade then starts_with(${pathColumn}, g.path) else ${pathColumn} = g.path end)`;
}

/**
 * `canSeeCase` as an SQL condition over a contact_case alias `c` joined to its unit as `u`
 * (`c.restricted`, `c.owner_id`, `u.path`).
 */
export function caseVisibilitySql(auth: Principal): Sql {
  if (!auth.isAuthenticated) return sql`false`;
  const owner = auth.userId !== null ? sql` or c.owner_id = ${auth.userId}` : empty;
  return sql`((not c.restricted and (${pathScope(auth, STAFF_ROLES, sql`u.path`)}${owner})) or (c.restricted and ${pathScope(auth, RESTRICTED_ROLES, sql`u.path`)}))`;
}
