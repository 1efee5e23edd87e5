import { FilterQuery, LockMode } from '@mikro-orm/core';
import { Role } from '../../auth/roles';
import { enforce } from '../../common/refusal';
import { ConflictError, ForbiddenError, msg, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit, subtreePattern, User } from '../organisation';
import { LiaisonAppointment, LiaisonKind } from './liaison-appointment.entity';
import { todayInChina } from '../../common/dates';
import { AppointLiaisonInput, appointLiaisonSchema, EndLiaisonAppointmentInput, endLiaisonAppointmentSchema, LiaisonOfficersArgs } from './liaison.inputs';
import { activeOnFilter, canAppointLiaisonOver, canSeeAppointment, visibleAppointmentsFilter } from './liaison.policy';

type Where = FilterQuery<LiaisonAppointment>;

/** Snapshot of an appointment for audit records. */
export function appointmentSnapshot(a: LiaisonAppointment) {
  return {
    userId: a.user?.id ?? null,
    personName: a.personName,
    organisation: a.organisation ?? null,
    organisationKind: a.organisationKind ?? null,
    unitId: a.unit.id,
    kind: a.kind,
    startDate: a.startDate,
    endDate: a.endDate ?? null,
    duties: a.duties ?? null,
    officePhone: a.officePhone ?? null,
    mobile: a.mobile ?? null,
    email: a.email ?? null,
    notes: a.notes ?? null,
    version: a.version,
  };
}

/** PostgreSQL's exclusion_violation: the overlap constraint refused the row. */
function isOverlapViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  return !!e && (e.code === '23P01' || /liaison_appointment_no_overlap/.test(e.message ?? ''));
}

/** Appointments of liaison officers, invited liaisons and volunteer supervisors. */
export class LiaisonAppointmentService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** One appointment if the caller may see it (liaison.policy.ts), else null. */
  async findVisible(id: number): Promise<LiaisonAppointment | null> {
    return this.ctx.em.findOne(LiaisonAppointment, { $and: [{ id }, visibleAppointmentsFilter(this.ctx.auth, todayInChina())] });
  }

  /** Lists appointments, filtered in SQL by visibility and the arguments, paginated by id. */
  async list(args: LiaisonOfficersArgs): Promise<Connection<LiaisonAppointment>> {
    const today = todayInChina();
    const where: Where[] = [visibleAppointmentsFilter(this.ctx.auth, today)];
    if (args.unitId) {
      const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(args.unitId, 'OrgUnit', 'unitId') });
      if (!unit) throw ValidationError.field('unitId', msg('organisation.notAUnit'));
      where.push(args.includeSubtree === false ? { unit: unit.id } : { unit: { path: { $like: subtreePattern(unit.path) } } });
    }
    if (args.kinds?.length) where.push({ kind: { $in: args.kinds } });
    if (args.activeOn) where.push(activeOnFilter(args.activeOn));
    else if (!args.includeEnded) where.push({ $or: [{ endDate: null }, { endDate: { $gte: today } }] });
    return paginate<LiaisonAppointment>(this.ctx.em, LiaisonAppointment, { $and: where }, args, { id: 'asc' });
  }

  /** Appoints a user or an outside person to a unit the caller administers (OFFICE_ADMIN in scope). */
  async appoint(raw: AppointLiaisonInput): Promise<LiaisonAppointment> {
    const input = parseInput(appointLiaisonSchema, raw);
    const { em, auth } = this.ctx;
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const userId = input.userId ? decodeIntId(input.userId, 'User', 'input.userId') : null;
    const unit = await em.findOne(OrgUnit, { id: unitId });
    if (!unit) throw ValidationError.field('input.unitId', msg('organisation.notAUnit'));
    enforce(canAppointLiaisonOver(auth, unit));
    const user = userId ? await em.findOne(User, { id: userId }, { populate: ['unit'] }) : null;

    const problems = new ProblemList();
    if (userId) {
      if (!user) problems.add('input.userId', msg('organisation.notAUser'));
      else {
        if (!auth.hasRoleOver(Role.OFFICE_ADMIN, user.unit.getEntity().path)) throw new ForbiddenError(msg('appointments.userOutsideScope'));
        problems.check(user.active, 'input.userId', msg('organisation.userDeactivated'));
      }
      problems.check(!input.organisation, 'input.organisation', msg('appointments.outsideOnly'));
      problems.check(!input.organisationKind, 'input.organisationKind', msg('appointments.outsideOnly'));
    } else {
      problems.check(!!input.personName, 'input.personName', msg('appointments.personNameRequired'));
      // A department's own liaison without an account needs no organisation; invited liaisons and supervisors come from one.
      const needsOrganisation = input.kind !== LiaisonKind.DEPARTMENT || !!input.organisation || !!input.organisationKind;
      if (needsOrganisation) {
        problems.check(!!input.organisation, 'input.organisation', msg('appointments.outsideRequired'));
        problems.check(!!input.organisationKind, 'input.organisationKind', msg('appointments.outsideRequired'));
      }
    }
    if (input.endDate) problems.check(input.endDate >= input.startDate, 'input.endDate', msg('appointments.endBeforeStart'));
    problems.throwIfAny();

    const personName = input.personName ?? user!.displayName;
    try {
      return await inTransaction(em, async (tem) => {
        const a = tem.create(LiaisonAppointment, {
          user: userId,
          personName,
          organisation: userId ? null : (input.organisation ?? null),
          organisationKind: userId ? null : (input.organisationKind ?? null),
          unit: unit.id,
          kind: input.kind,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          duties: input.duties ?? null,
          officePhone: input.officePhone ?? null,
          mobile: input.mobile ?? null,
          email: input.email ?? null,
          notes: input.notes ?? null,
          createdBy: auth.userId,
        });
        await tem.flush();
        this.audit.record(tem, {
          action: 'liaison.appointLiaison',
          targetType: 'LiaisonAppointment',
          targetId: toGlobalId('LiaisonAppointment', a.id),
          scopePath: unit.path,
          after: appointmentSnapshot(a),
        });
        return a;
      });
    } catch (err) {
      if (isOverlapViolation(err)) {
        throw new ConflictError(
          msg('appointments.overlapping', { person: personName, kind: input.kind, unit: unit.name, from: input.startDate, to: input.endDate ?? '…' }),
        );
      }
      throw err;
    }
  }

  /** Ends an appointment (default: today is its last day); it stays in the history. */
  async end(raw: EndLiaisonAppointmentInput): Promise<LiaisonAppointment> {
    const input = parseInput(endLiaisonAppointmentSchema, raw);
    const id = decodeIntId(input.id, 'LiaisonAppointment', 'input.id');
    const endDate = input.endDate ?? todayInChina();
    return inTransaction(this.ctx.em, async (em) => {
      const a = await em.findOne(LiaisonAppointment, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!a) throw new NotFoundError('LiaisonAppointment');
      const unit = await em.findOneOrFail(OrgUnit, { id: a.unit.id });
      const auth = this.ctx.auth;
      if (!auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) {
        // Say FORBIDDEN only about rows the caller can see anyway; others read as missing.
        if (canSeeAppointment(auth, a, unit.path, todayInChina())) throw new ForbiddenError(msg('appointments.notAdminEnd', { unit: unit.name }));
        throw new NotFoundError('LiaisonAppointment');
      }
      assertVersion(a.version, input.expectedVersion, 'The appointment');
      const problems = new ProblemList();
      problems.check(!a.endedAt, 'input.id', msg('appointments.alreadyEnded'));
      problems.check(endDate >= a.startDate, 'input.endDate', msg('appointments.beforeStartDate', { date: a.startDate }));
      if (a.endDate && !a.endedAt) problems.check(endDate <= a.endDate, 'input.endDate', msg('appointments.afterPlannedEnd', { date: a.endDate }));
      problems.throwIfAny();
      const before = appointmentSnapshot(a);
      a.endDate = endDate;
      a.endedAt = new Date();
      a.endedBy = auth.userId ? (em.getReference(User, auth.userId) as never) : null;
      await em.flush();
      this.audit.record(em, {
        action: 'liaison.endLiaisonAppointment',
        targetType: 'LiaisonAppointment',
        targetId: toGlobalId('LiaisonAppointment', a.id),
        scopePath: unit.path,
        before,
        after: appointmentSnapshot(a),
      });
      return a;
    });
  }
}
