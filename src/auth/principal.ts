import { Role, STAFF_ROLES } from './roles';

/** One active role assignment, with the materialised path of its unit. */
export interface Grant {
  role: Role;
  unitId: number;
  unitPath: string;
  cascade: boolean;
}

/** Does `grant` reach the unit at `unitPath`? A grant never reaches siblings or parents. */
export function grantReaches(grant: Pick<Grant, 'unitPath' | 'cascade'>, unitPath: string): boolean {
  return grant.cascade ? unitPath.startsWith(grant.unitPath) : unitPath === grant.unitPath;
}

/** The authenticated caller (or anonymous) with its active grants; lives in the request context. */
export class Principal {
  private constructor(
    readonly userId: number | null,
    readonly username: string | null,
    readonly homeUnitId: number | null,
    readonly grants: readonly Grant[],
    /** An administrator reset the password: only changePassword (and me) until it is changed. */
    readonly mustChangePassword = false,
  ) {}

  static anonymous(): Principal {
    return new Principal(null, null, null, []);
  }

  static user(userId: number, username: string, homeUnitId: number, grants: Grant[], mustChangePassword = false): Principal {
    return new Principal(userId, username, homeUnitId, grants, mustChangePassword);
  }

  get isAuthenticated(): boolean {
    return this.userId !== null;
  }

  get isCentralAdmin(): boolean {
    return this.grants.some((g) => g.role === Role.CENTRAL_ADMIN);
  }

  /** Grants that confer `role` (CENTRAL_ADMIN confers every role over its subtree). */
  grantsFor(roles: readonly Role[]): Grant[] {
    return this.grants.filter((g) => g.role === Role.CENTRAL_ADMIN || roles.includes(g.role));
  }

  /** Does the caller hold one of `roles` over the unit at `unitPath`? */
  hasRoleOver(roles: Role | readonly Role[], unitPath: string): boolean {
    const wanted = typeof roles === 'string' ? [roles] : roles;
    return this.grantsFor(wanted).some((g) => grantReaches(g, unitPath));
  }

  /** Does the caller hold one of `roles` anywhere? (Coarse check for shield rules; services check scope.) */
  hasAnyRole(roles: Role | readonly Role[]): boolean {
    const wanted = typeof roles === 'string' ? [roles] : roles;
    return this.grantsFor(wanted).length > 0;
  }

  /** Is the caller staff (any role) over the unit? */
  isStaffOf(unitPath: string): boolean {
    return this.hasRoleOver(STAFF_ROLES, unitPath);
  }

  /**
   * May the caller grant `role` over the unit at `unitPath` (and, when `wholeSubtree`, its whole
   * subtree)? Delegated administration: an OFFICE_ADMIN over U grants every role but CENTRAL_ADMIN
   * over U or below (a cascading grant only where its own admin grant cascades), and OFFICE_ADMIN
   * itself only over units strictly below U, so no admin can make a peer or a superior.
   */
  mayGrantRole(role: Role, unitPath: string, wholeSubtree: boolean): boolean {
    if (this.isCentralAdmin) return true;
    if (role === Role.CENTRAL_ADMIN) return false;
    const admin = this.grants.filter((g) => g.role === Role.OFFICE_ADMIN);
    if (role === Role.OFFICE_ADMIN) return admin.some((g) => g.cascade && unitPath.startsWith(g.unitPath) && unitPath !== g.unitPath);
    return admin.some((g) => (wholeSubtree ? g.cascade && unitPath.startsWith(g.unitPath) : grantReaches(g, unitPath)));
  }
}
