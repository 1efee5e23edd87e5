import { LockMode } from '@mikro-orm/core';
import { hashPassword, verifyPassword } from '../../auth/password';
import { oneTimePassword, passwordRefusal } from '../../auth/password-policy';
import { changingPrincipals } from '../../auth/principal-cache';
import { Role } from '../../auth/roles';
import type { ServiceContext } from '../../common/context';
import { ForbiddenError, msg, NotFoundError, UnauthenticatedError, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { inTransaction } from '../../common/transaction';
import { AuditService } from '../audit';
import { OrgUnit } from './org-unit.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { revokeRefusal } from './organisation.policy';

/** Changing one's own password, and resetting another user's to a one-time password. */
export class PasswordService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Changes the caller's password (also the way out of a one-time password). */
  async change(current: string, next: string): Promise<User> {
    const userId = this.ctx.auth.userId;
    if (!userId) throw new UnauthenticatedError();
    const refusal = passwordRefusal(next);
    if (refusal) throw ValidationError.field('newPassword', refusal);
    if (next === current) throw ValidationError.field('newPassword', msg('organisation.password.sameAsCurrent'));
    const user = await this.ctx.em.findOne(User, { id: userId, active: true }, { populate: ['passwordHash'] });
    if (!user) throw new UnauthenticatedError();
    if (!(await verifyPassword(current, user.passwordHash))) throw ValidationError.field('currentPassword', msg('organisation.password.wrongCurrent'));
    const passwordHash = await hashPassword(next);
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const u = await em.findOneOrFail(User, { id: userId }, { lockMode: LockMode.PESSIMISTIC_WRITE, populate: ['unit'] });
        const wasOneTime = u.mustChangePassword;
        u.passwordHash = passwordHash;
        u.mustChangePassword = false;
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.changePassword',
          targetType: 'User',
          targetId: toGlobalId('User', u.id),
          scopePath: u.unit.getEntity().path,
          after: { username: u.username, oneTimePasswordReplaced: wasOneTime },
        });
        return u;
      }),
    );
  }

  /**
   * Sets a one-time password for a user of a unit the caller administers (and whose every grant it
   * could revoke, so no admin takes over a more powerful account); the user must change it at the next login.
   */
  async reset(globalId: string): Promise<{ user: User; oneTimePassword: string }> {
    const id = decodeIntId(globalId, 'User');
    const password = oneTimePassword();
    const passwordHash = await hashPassword(password);
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const user = await em.findOne(User, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!user) throw new NotFoundError('User');
        const unit = await em.findOneOrFail(OrgUnit, { id: user.unit.id });
        if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) {
          if (!this.ctx.auth.isStaffOf(unit.path)) throw new NotFoundError('User');
          throw new ForbiddenError(msg('organisation.password.notAdminOfUser', { unit: unit.name }));
        }
        if (user.id === this.ctx.auth.userId) throw new ForbiddenError(msg('organisation.password.notYourself'));
        if (!user.active) throw ValidationError.field('id', msg('organisation.userDeactivated'));
        const grants = await em.find(RoleAssignment, { user: user.id, revokedAt: null }, { populate: ['unit'] });
        for (const a of grants) {
          const refusal = revokeRefusal(this.ctx.auth, a);
          if (refusal) throw new ForbiddenError(refusal);
        }
        user.passwordHash = passwordHash;
        user.mustChangePassword = true;
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.resetPassword',
          targetType: 'User',
          targetId: globalId,
          scopePath: unit.path,
          after: { username: user.username, mustChangePassword: true },
        });
        return { user, oneTimePassword: password };
      }),
    );
  }
}
