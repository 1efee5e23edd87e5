import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { msg, type Msg } from '../../common/errors';
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

/** May the caller grant any role over the unit (OrgUnit.viewerCan.grantRoles)? Some role is grantable exactly when LIAISON is. */
export function grantAnyRefusal(auth: Principal, unit: UnitRef): Msg | null {
  return grantRefusal(auth, Role.LIAISON, unit, false);
}
