import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { LoginThrottle } from '../../auth/login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../auth/password';
import { Grant, Principal } from '../../auth/principal';
import { changingPrincipals, principalCacheFor } from '../../auth/principal-cache';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { unitScopeFilter } from '../../auth/scope';
import type { TokenService } from '../../auth/tokens';
import { ForbiddenError, msg, NotFoundError, ProblemList, UnauthenticatedError, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { inTransaction } from '../../common/transaction';
import { escapeLike } from '../../common/sql';
import { parseInput } from '../../common/zod';
import { runSql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from './org-unit.entity';
import { subtreePattern } from './org-path';
import { principalSql } from './organisation.queries';
import { grantRefusal, revokeRefusal } from './organisation.policy';
import { AssignRoleInput, CreateUserInput, createUserSchema, UsersArgs } from './organisation.inputs';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

/** Snapshot of a user for audit records (never the password hash). */
export function userSnapshot(u: User) {
  return { username: u.username, displayName: u.displayName, email: u.email ?? null, phone: u.phone ?? null, unitId: u.unit.id, active: u.active };
}

function assignmentSnapshot(a: RoleAssignment) {
  return { userId: a.user.id, role: a.role, unitId: a.unit.id, cascade: a.cascade, revokedAt: a.revokedAt ?? null };
}

/**
 * Loads the caller and its active grants in one statement; null when the user is unknown or inactive.
 * Grants over deactivated units are ignored.
 */
export function loadPrincipal(em: EntityManager, userId: number): Promise<Principal | null> {
  // Inside a transaction the grants read may be that transaction's own, uncommitted: never remembered.
  const cache = em.getTransactionContext() ? undefined : principalCacheFor(em.getConnection());
  return cache ? cache.get(userId, () => readPrincipal(em, userId)) : readPrincipal(em, userId);
}

async function readPrincipal(em: EntityManager, userId: number): Promise<Principal | null> {
  // Every authenticated request the cache cannot answer runs this: a named prepared statement, planned once per connection.
  const rows = await runSql<{
    username: string;
    unit_id: number;
    must_change_password: boolean;
    role: Role | null;
    grant_unit_id: number | null;
    cascade: boolean | null;
    path: string | null;
  }>(em, principalSql(userId), { prepare: true });
  if (!rows.length) return null;
  const grants: Grant[] = rows
    .filter((r) => r.role && r.path)
    .map((r) => ({ role: r.role!, unitId: r.grant_unit_id!, unitPath: r.path!, cascade: !!r.cascade }));
  return Principal.user(userId, rows[0].username, rows[0].unit_id, grants, rows[0].must_change_password);
}

/** Users, logins and role assignments. */
export class UserService {
  private readonly audit: AuditService;
  constructor(
    private readonly ctx: ServiceContext,
    private readonly tokens?: TokenService,
  ) {
    this.audit = new AuditService(ctx);
  }

  /**
   * Checks credentials and issues a token; every failure reads the same. With a throttle, a
   * username or address over its failure limit is refused (TOO_MANY_REQUESTS) before any hashing.
   */
  async login(
    username: string,
    password: string,
    guard?: { throttle?: LoginThrottle; clientAddress?: string },
  ): Promise<{ token: string; expiresAt: Date; user: User; mustChangePassword: boolean }> {
    if (!this.tokens) throw new Error('UserService.login needs a TokenService');
    const throttle = guard?.throttle;
    await throttle?.check(username, guard?.clientAddress);
    const user = await this.ctx.em.findOne(User, { username: username.trim().toLowerCase(), active: true }, { populate: ['passwordHash'] });
    const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
    if (!user || !ok) {
      await throttle?.failed(username, guard?.clientAddress);
      throw new UnauthenticatedError(msg('organisation.login.failed'));
    }
    await throttle?.succeeded(username);
    const { token, expiresAt } = await this.tokens.issue(user.id);
    return { token, expiresAt, user, mustChangePassword: user.mustChangePassword };
  }

  /** The calling user. */
  async me(): Promise<User> {
    if (!this.ctx.auth.userId) throw new UnauthenticatedError();
    const user = await this.ctx.em.findOne(User, { id: this.ctx.auth.userId });
    if (!user) throw new UnauthenticatedError();
    return user;
  }

  /** A user by global id; user names are public. */
  async get(globalId: string, field = 'id'): Promise<User> {
    const user = await this.ctx.em.findOne(User, { id: decodeIntId(globalId, 'User', field) });
    if (!user) throw new NotFoundError('User');
    return user;
  }

  /** Users of units where the caller is staff (any role), filtered in SQL. */
  async list(args: UsersArgs): Promise<Connection<User>> {
    const where: Record<string, unknown>[] = [{ unit: unitScopeFilter(this.ctx.auth, STAFF_ROLES) }];
    if (args.subtreeOf) {
      const root = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(args.subtreeOf, 'OrgUnit', 'subtreeOf') });
      if (!root) throw ValidationError.field('subtreeOf', 'is not an existing unit');
      where.push({ unit: { path: { $like: subtreePattern(root.path) } } });
    }
    if (args.search?.trim()) {
      const term = `%${escapeLike(args.search.trim())}%`;
      where.push({ $or: [{ username: { $ilike: term } }, { displayName: { $like: term } }] });
    }
    if (!args.includeInactive) where.push({ active: true });
    return paginate<User>(this.ctx.em, User, { $and: where }, args, { id: 'asc' });
  }

  /** A user the caller may see as `users` does: itself, or a user of a unit where it is staff (for node(id:)). */
  async findVisible(id: number): Promise<User | null> {
    if (!this.ctx.auth.isAuthenticated) return null;
    const user = await this.ctx.em.findOne(User, { id }, { populate: ['unit'] });
    if (!user) return null;
    return user.id === this.ctx.auth.userId || this.ctx.auth.isStaffOf(user.unit.getEntity().path) ? user : null;
  }

  /**
   * An active role assignment the caller may see where `assignments` shows it: its own, or one of a
   * user of a unit it administers (for node(id:)).
   */
  async getAssignment(id: number): Promise<RoleAssignment | null> {
    const a = await this.ctx.em.findOne(RoleAssignment, { id, revokedAt: null }, { populate: ['user', 'user.unit'] });
    if (!a) return null;
    const mine = a.user.id === this.ctx.auth.userId;
    return mine || this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, a.user.getEntity().unit.getEntity().path) ? a : null;
  }

  /** Creates a user in a unit the caller administers. */
  async create(raw: CreateUserInput): Promise<User> {
    const input = parseInput(createUserSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const unit = await this.ctx.em.findOne(OrgUnit, { id: unitId });
    if (!unit) throw ValidationError.field('input.unitId', 'is not an existing unit');
    if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) throw new ForbiddenError(`Only an OFFICE_ADMIN over ${unit.name} may create its users`);
    const problems = new ProblemList();
    problems.check(unit.active, 'input.unitId', 'is deactivated');
    if (await this.ctx.em.findOne(User, { username: input.username })) problems.add('input.username', 'is already taken');
    problems.throwIfAny();
    const passwordHash = await hashPassword(input.password);
    return inTransaction(this.ctx.em, async (em) => {
      const user = em.create(User, {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        phone: input.phone ?? null,
        unit: unit.id,
        passwordHash,
      });
      await em.flush();
      this.audit.record(em, {
        action: 'organisation.createUser',
        targetType: 'User',
        targetId: toGlobalId('User', user.id),
        scopePath: unit.path,
        after: userSnapshot(user),
      });
      return user;
    });
  }

  /** Deactivates a user of a unit the caller administers; its tokens stop working at once. */
  async deactivate(globalId: string): Promise<User> {
    const id = decodeIntId(globalId, 'User');
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const user = await em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!user) throw new NotFoundError('User');
        const unit = await em.findOneOrFail(OrgUnit, { id: user.unit.id });
        if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path))
          throw new ForbiddenError(`Only an OFFICE_ADMIN over ${unit.name} may deactivate its users`);
        // Deactivating ends every grant at once: it takes the powers needed to revoke each of them.
        const grants = await em.find(RoleAssignment, { user: user.id, revokedAt: null }, { populate: ['unit'] });
        for (const a of grants) {
          const refusal = revokeRefusal(this.ctx.auth, a);
          if (refusal) throw new ForbiddenError(refusal);
        }
        const problems = new ProblemList();
        problems.check(user.id !== this.ctx.auth.userId, 'id', 'you cannot deactivate yourself');
        problems.check(user.active, 'id', 'is already deactivated');
        problems.throwIfAny();
        const before = userSnapshot(user);
        user.active = false;
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.deactivateUser',
          targetType: 'User',
          targetId: globalId,
          scopePath: unit.path,
          before,
          after: userSnapshot(user),
        });
        return user;
      }),
    );
  }

  /**
   * Grants a role. The caller must administer the unit and the user's unit (organisation.policy.ts
   * `grantRefusal`): every role but CENTRAL_ADMIN in its scope, OFFICE_ADMIN only strictly below it.
   */
  async assignRole(input: AssignRoleInput): Promise<RoleAssignment> {
    const userId = decodeIntId(input.userId, 'User', 'input.userId');
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const cascade = input.cascade ?? true;
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const [user, unit] = await Promise.all([em.findOne(User, { id: userId }, { populate: ['unit'] }), em.findOne(OrgUnit, { id: unitId })]);
        const problems = new ProblemList();
        if (!user) problems.add('input.userId', msg('organisation.notAUser'));
        if (!unit) problems.add('input.unitId', msg('organisation.notAUnit'));
        problems.throwIfAny();
        const auth = this.ctx.auth;
        const refusal = grantRefusal(auth, input.role, unit!, cascade);
        if (refusal) throw new ForbiddenError(refusal);
        if (!auth.hasRoleOver(Role.OFFICE_ADMIN, user!.unit.getEntity().path)) throw new ForbiddenError(msg('organisation.grant.userOutsideScope'));
        problems.check(user!.active, 'input.userId', msg('organisation.userDeactivated'));
        problems.check(unit!.active, 'input.unitId', msg('organisation.unitDeactivated'));
        const existing = await em.findOne(RoleAssignment, { user: userId, role: input.role, unit: unitId, revokedAt: null });
        problems.check(!existing, 'input.role', msg('organisation.grant.alreadyHeld', { role: input.role, unit: unit!.name }));
        problems.throwIfAny();
        const assignment = em.create(RoleAssignment, { user: userId, role: input.role, unit: unitId, cascade, grantedBy: auth.userId });
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.assignRole',
          targetType: 'RoleAssignment',
          targetId: toGlobalId('RoleAssignment', assignment.id),
          scopePath: unit!.path,
          after: assignmentSnapshot(assignment),
        });
        return assignment;
      }),
    );
  }

  /** Revokes an active assignment over a unit the caller administers; it stays as history. */
  async revokeRole(globalId: string): Promise<RoleAssignment> {
    const id = decodeIntId(globalId, 'RoleAssignment');
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const a = await em.findOne(RoleAssignment, { id }, { populate: ['unit'], lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!a) throw new NotFoundError('Role assignment');
        const unit = a.unit.getEntity();
        if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) {
          if (a.user.id === this.ctx.auth.userId) throw new ForbiddenError('Only an OFFICE_ADMIN over the unit may revoke this role');
          throw new NotFoundError('Role assignment');
        }
        const refusal = revokeRefusal(this.ctx.auth, a);
        if (refusal) throw new ForbiddenError(refusal);
        if (a.revokedAt) throw ValidationError.field('id', msg('organisation.revoke.alreadyRevoked'));
        const before = assignmentSnapshot(a);
        a.revokedAt = new Date();
        a.revokedBy = em.getReference(User, this.ctx.auth.userId!) as never;
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.revokeRole',
          targetType: 'RoleAssignment',
          targetId: globalId,
          scopePath: unit.path,
          before,
          after: assignmentSnapshot(a),
        });
        return a;
      }),
    );
  }
}
