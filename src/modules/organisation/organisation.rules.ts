import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { organisationLoaders } from './organisation.loaders';
import type { User } from './user.entity';

/** The user itself, or an OFFICE_ADMIN over the user's unit. */
async function isSelfOrAdminOf(user: User, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  if (ctx.auth.userId === user.id) return true;
  const unit = await organisationLoaders(ctx).unitById.load(user.unit.id);
  return !!unit && ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path);
}

/** The user itself, or staff (any role) over the user's unit: whoever the `users` list shows it to. */
async function isSelfOrStaffOf(user: User, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  if (ctx.auth.userId === user.id) return true;
  const unit = await organisationLoaders(ctx).unitById.load(user.unit.id);
  return !!unit && ctx.auth.isStaffOf(unit.path);
}

/** Reason given when a login is redacted. */
export const USERNAME_REDACTED = 'Visible only to the user and to staff over its unit';

/**
 * May the caller read the login of user `userId` (wherever it appears: a reviewer, a revision's
 * author, an audit record's actor)? The same rule as `User.username`; a missing user hides nothing.
 */
export async function mayReadUsernameOf(ctx: Context, userId: number | null | undefined): Promise<boolean> {
  if (userId == null) return true;
  if (!ctx.auth.isAuthenticated) return false;
  if (ctx.auth.userId === userId) return true;
  const user = await organisationLoaders(ctx).userById.load(userId);
  return !!user && isSelfOrStaffOf(user, ctx);
}

const userPrivate = (field: string) => redactUnless<User>(`User.${field}`, 'Visible only to the user and to OFFICE_ADMINs over its unit', isSelfOrAdminOf);

/** graphql-shield rules of the organisation module. */
export const organisationRules = {
  Query: {
    orgUnit: allow,
    orgUnits: allow,
    me: isAuthenticated,
    users: isAuthenticated,
  },
  Mutation: {
    login: allow,
    changePassword: isAuthenticated,
    resetPassword: hasAnyRole(Role.OFFICE_ADMIN),
    createOrgUnit: hasAnyRole(Role.OFFICE_ADMIN),
    updateOrgUnit: hasAnyRole(Role.OFFICE_ADMIN),
    moveOrgUnit: hasAnyRole(Role.OFFICE_ADMIN),
    deactivateOrgUnit: hasAnyRole(Role.OFFICE_ADMIN),
    createUser: hasAnyRole(Role.OFFICE_ADMIN),
    deactivateUser: hasAnyRole(Role.OFFICE_ADMIN),
    assignRole: hasAnyRole(Role.OFFICE_ADMIN),
    revokeRole: hasAnyRole(Role.OFFICE_ADMIN),
  },
  // Unit names and structure are public (机构设置 is itself disclosed content).
  OrgUnit: allow,
  // Computed from the caller's own grants; all false for anonymous callers.
  OrgUnitViewerCan: allow,
  OrgUnitConnection: allow,
  OrgUnitEdge: allow,
  UserConnection: allow,
  UserEdge: allow,
  LoginPayload: allow,
  ResetPasswordPayload: allow,
  User: {
    '*': allow,
    // Logins are not public: others see the display name only.
    username: redactUnless<User>('User.username', USERNAME_REDACTED, isSelfOrStaffOf),
    email: userPrivate('email'),
    phone: userPrivate('phone'),
    mustChangePassword: userPrivate('mustChangePassword'),
    assignments: userPrivate('assignments'),
  },
  // Only reachable through fields and lookups that already check scope.
  RoleAssignment: allow,
};
