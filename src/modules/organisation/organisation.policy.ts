import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { msg, type Msg } from '../../common/errors';
import { forbidden, precondition, firstRefusal, type Refusal } from '../../common/refusal';
import { OrgUnitKind } from './org-unit.entity';
import type { RoleAssignment } from './role-assignment.entity';

/**
 * Who may administer units, users and roles. Each rule returns why not (a catalogue message) or
 * null: the mutation throws the reason, `OrgUnit.viewerCan` shows its absence as `true`.
 */

/** A unit as the rules need it. */
export interface UnitRef {
  path: string;
  name: string;
  active?: boolean;
  kind?: OrgUnitKind;
}

/** Which parent kinds each kind may sit under. */
export const ALLOWED_PARENTS: Record<OrgUnitKind, OrgUnitKind[]> = {
  ADMINISTRATION: [],
  DISTRICT: [OrgUnitKind.ADMINISTRATION],
  SUBORDINATE_OFFICE: [OrgUnitKind.DISTRICT],
  DIVISION: [OrgUnitKind.ADMINISTRATION, OrgUnitKind.DISTRICT, OrgUnitKind.SUBORDINATE_OFFICE, OrgUnitKind.DIVISION],
  SECTION: [OrgUnitKind.SUBORDINATE_OFFICE, OrgUnitKind.DIVISION],
};

/** The kinds of unit that may sit under a unit of `kind`. */
export function childKindsOf(kind: OrgUnitKind): OrgUnitKind[] {
  return (Object.keys(ALLOWED_PARENTS) as OrgUnitKind[]).filter((k) => ALLOWED_PARENTS[k].includes(kind));
}

function adminOver(auth: Principal, unit: UnitRef): Refusal {
  return auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path) ? null : forbidden(msg('organisation.unit.notAdmin', { unit: unit.name }));
}

function activeUnit(unit: UnitRef): Refusal {
  return unit.active === false ? precondition(msg('organisation.unit.inactive', { unit: unit.name })) : null;
}

/** May the caller rename or recode the unit (OrgUnit.viewerCan.update, updateOrgUnit)? */
export function canUpdateUnit(auth: Principal, unit: UnitRef): Refusal {
  return adminOver(auth, unit);
}

/** May the caller create a unit under this one (an active unit whose kind takes sub-units)? */
export function canCreateChildUnit(auth: Principal, unit: UnitRef): Refusal {
  return firstRefusal(
    () => adminOver(auth, unit),
    () => activeUnit(unit),
    () => (unit.kind && !childKindsOf(unit.kind).length ? precondition(msg('organisation.unit.noChildKinds', { unit: unit.name })) : null),
  );
}

/** May the caller grant roles over the unit (to a user in its scope): OrgUnit.viewerCan.grantRoles, assignRole. */
export function canGrantRolesOver(auth: Principal, unit: UnitRef): Refusal {
  return firstRefusal(
    () => grantAnyRefusal(auth, unit),
    () => activeUnit(unit),
  );
}

/**
 * Why the caller may not grant `role` over `unit` (null when it may): OFFICE_ADMIN over the unit;
 * every role but CENTRAL_ADMIN over its own scope, OFFICE_ADMIN only strictly below (delegated
 * administration, Principal.mayGrantRole); CENTRAL_ADMIN only by CENTRAL_ADMIN.
 */
export function grantRefusal(auth: Principal, role: Role, unit: UnitRef, cascade: boolean): Msg | null {
  if (!auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) return msg('organisation.grant.notAdminOfUnit', { unit: unit.name });
  if (role === Role.CENTRAL_ADMIN && !auth.isCentralAdmin) return msg('organisation.grant.centralOnly');
  if (role === Role.OFFICE_ADMIN && !auth.mayGrantRole(role, unit.path, cascade)) return msg('organisation.grant.officeAdminBelowOnly', { unit: unit.name });
  if (!auth.mayGrantRole(role, unit.path, cascade)) return msg('organisation.grant.notInScope', { unit: unit.name });
  return null;
}

/** Why the caller may not revoke an assignment (null when it may): OFFICE_ADMIN over its unit, CENTRAL_ADMIN for CENTRAL_ADMIN. */
export function revokeRefusal(auth: Principal, a: RoleAssignment): Msg | null {
  const unit = a.unit.getEntity();
  if (a.role === Role.CENTRAL_ADMIN && !auth.isCentralAdmin) return msg('organisation.revoke.centralOnly');
  if (!auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) return msg('organisation.revoke.notAdminOfUnit', { unit: unit.name, role: a.role });
  return null;
}

/** May the caller grant some role over the unit? Some role is grantable exactly when LIAISON is (unit only). */
function grantAnyRefusal(auth: Principal, unit: UnitRef): Refusal {
  const refusal = grantRefusal(auth, Role.LIAISON, unit, false);
  return refusal ? forbidden(refusal) : null;
}
