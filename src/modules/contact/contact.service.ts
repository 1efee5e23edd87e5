import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { ConflictError, ForbiddenError, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { addWorkingDays, loadWorkCalendar } from '../catalogue';
import { OrgUnit, OrgUnitKind, User } from '../organisation';
import { addDays } from '../../common/dates';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { ContactCaseKind, ContactCaseStatus, ContactCaseStepKind, ContactLevel, HandlingMode, LEVEL_RANK } from './contact.enums';
import {
  CloseContactCaseInput,
  closeContactCaseSchema,
  ContactCasesArgs,
  EscalateContactCaseInput,
  escalateContactCaseSchema,
  OpenContactCaseInput,
  openContactCaseSchema,
  RecordContactFollowUpInput,
  recordContactFollowUpSchema,
} from './contact.inputs';
import { canHandleCase, canOpenCase, canSeeCase, CasePolicyFacts, caseVisibilityFilter } from './contact.policy';
import { selectLevelUnits } from './contact.queries';
import { newTrackingNumber } from '../../common/tracking';

/** The level a case starts at, from the kind of the unit it is about. */
export function initialLevelOf(kind: OrgUnitKind): ContactLevel {
  if (kind === OrgUnitKind.SECTION) return ContactLevel.SECTION;
  if (kind === OrgUnitKind.DIVISION || kind === OrgUnitKind.SUBORDINATE_OFFICE) return ContactLevel.DIVISION;
  return ContactLevel.DISTRICT_OFFICE;
}

/** Snapshot of a case for the audit trail: no personal data of the reporter, only whether one is named. */
export function caseSnapshot(c: ContactCase): Record<string, unknown> {
  return {
    unitId: c.unit.id,
    handlingUnitId: c.handlingUnit.id,
    kind: c.kind,
    channel: c.channel,
    restricted: c.restricted,
    anonymous: c.anonymous,
    receivedOn: c.receivedOn,
    handlingMode: c.handlingMode,
    timeLimitDays: c.timeLimitDays ?? null,
    dueOn: c.dueOn,
    level: c.level,
    escalations: c.escalations,
    status: c.status,
    ownerId: c.owner?.id ?? null,
    closedOn: c.closedOn ?? null,
    feedbackOn: c.feedbackOn ?? null,
    feedbackMethod: c.feedbackMethod ?? null,
    followUpOn: c.followUpOn ?? null,
    satisfaction: c.satisfaction ?? null,
    version: c.version,
  };
}

/** The policy's facts of a case whose unit and handling unit are loaded. */
export function factsOf(c: ContactCase): CasePolicyFacts {
  return { restricted: c.restricted, unitPath: c.unit.getEntity().path, handlingUnitPath: c.handlingUnit.getEntity().path, ownerId: c.owner?.id ?? null };
}

/** When a case received on `receivedOn` is due under a handling mode. */
export async function dueDateOf(
  em: EntityManager,
  receivedOn: string,
  mode: HandlingMode,
  workingDays?: number | null,
  dueOn?: string | null,
): Promise<string> {
  if (mode === HandlingMode.IMMEDIATE) return receivedOn;
  if (mode === HandlingMode.BY_DATE) return dueOn!;
  // Two weeks of holidays at most per month: three calendar days per working day is ample.
  const calendar = await loadWorkCalendar(em, receivedOn, addDays(receivedOn, workingDays! * 3 + 30));
  return addWorkingDays(receivedOn, workingDays!, calendar);
}

/** A unit by global id, or a field error naming `field`. */
export async function unitOrFail(em: EntityManager, globalId: string, field: string): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
  if (!unit) throw ValidationError.field(field, 'is not an existing unit');
  return unit;
}

/** Cases handled by staff: registering, escalating, closing and following up (the log is contact-log.service.ts). */
export class ContactService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** The caller as a reference, for owner and closedBy. */
  private actorRef(em: EntityManager) {
    return em.getReference(User, this.ctx.auth.userId!, { wrapped: true });
  }

  private unitOrFail(globalId: string, field: string): Promise<OrgUnit> {
    return unitOrFail(this.ctx.em, globalId, field);
  }

  /** Registers a case; the caller is its first responder and owner (首问负责). */
  async open(raw: OpenContactCaseInput): Promise<ContactCase> {
    const input = parseInput(openContactCaseSchema, raw);
    const unit = await this.unitOrFail(input.unitId, 'input.unitId');
    const restricted = !!input.concernsStaffConduct;
    if (!canOpenCase(this.ctx.auth, unit.path, restricted)) {
      throw new ForbiddenError(
        restricted
          ? `A case about staff conduct is registered by an INSPECTOR (监察室) over ${unit.name}`
          : `Only staff of ${unit.name} may register its cases`,
      );
    }
    const today = todayInChina();
    const receivedOn = input.receivedOn ?? today;
    const problems = new ProblemList();
    problems.check(receivedOn <= today, 'input.receivedOn', 'must not be in the future');
    problems.check(
      !restricted || input.kind === ContactCaseKind.TIP_OFF || input.kind === ContactCaseKind.COMPLAINT,
      'input.concernsStaffConduct',
      'applies to tip-offs and complaints only',
    );
    checkHandlingMode(problems, input.handlingMode, input.timeLimitWorkingDays, input.dueOn, receivedOn);
    checkReporter(problems, input.reporterName, input.reporterContact, input.reporterOrganisation);
    problems.throwIfAny();
    const dueOn = await dueDateOf(this.ctx.em, receivedOn, input.handlingMode, input.timeLimitWorkingDays, input.dueOn);
    const level = initialLevelOf(unit.kind);
    return inTransaction(this.ctx.em, async (em) => {
      const c = em.create(ContactCase, {
        unit: unit.id,
        handlingUnit: unit.id,
        kind: input.kind,
        channel: input.channel,
        restricted,
        subject: input.subject,
        description: input.description,
        anonymous: !input.reporterName,
        reporterName: input.reporterName ?? null,
        reporterContact: input.reporterContact ?? null,
        reporterOrganisation: input.reporterOrganisation ?? null,
        receivedOn,
        owner: this.ctx.auth.userId,
        createdBy: this.ctx.auth.userId,
        handlingMode: input.handlingMode,
        timeLimitDays: input.handlingMode === HandlingMode.TIME_LIMITED ? input.timeLimitWorkingDays! : null,
        dueOn,
        level,
        initialLevel: level,
        trackingNumber: newTrackingNumber(receivedOn),
      });
      em.create(ContactCaseStep, { case: c, kind: ContactCaseStepKind.OPENED, toLevel: level, toUnit: unit.id, actor: this.ctx.auth.userId });
      await em.flush();
      this.audit.record(em, {
        action: 'contact.openContactCase',
        targetType: 'ContactCase',
        targetId: toGlobalId('ContactCase', c.id),
        scopePath: unit.path,
        after: caseSnapshot(c),
      });
      return c;
    });
  }

  /**
   * Loads a case for a change under a row lock: NOT_FOUND when the caller cannot see it, FORBIDDEN
   * when it sees but does not handle it, CONFLICT on a stale version.
   */
  private async lockForHandling(em: EntityManager, globalId: string, expectedVersion?: number | null): Promise<ContactCase> {
    const id = decodeIntId(globalId, 'ContactCase', 'input.id');
    const c = await em.findOne(ContactCase, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (c) await em.populate(c, ['unit', 'handlingUnit']);
    if (!c || !canSeeCase(this.ctx.auth, factsOf(c))) throw new NotFoundError('Contact case');
    if (!canHandleCase(this.ctx.auth, factsOf(c))) {
      throw new ForbiddenError('Only the case’s owner, and OFFICE_ADMINs and LIAISONs over the unit handling it (INSPECTORs for staff conduct), may act on it');
    }
    assertVersion(c.version, expectedVersion, 'The case');
    return c;
  }

  /** Passes a case up (三级负责): only to a higher level, with who and why recorded. */
  async escalate(raw: EscalateContactCaseInput): Promise<ContactCase> {
    const input = parseInput(escalateContactCaseSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.OPEN) throw new ConflictError('The case is closed');
      if (LEVEL_RANK[input.toLevel] <= LEVEL_RANK[c.level]) {
        throw ValidationError.field('input.toLevel', `must be above the current level ${c.level} (escalation goes section → division → district office)`);
      }
      const levels = await selectLevelUnits(em, c.unit.id);
      const targetId = input.toLevel === ContactLevel.DIVISION ? levels.division_id : levels.district_id;
      if (!targetId) throw ValidationError.field('input.toLevel', `${c.unit.getEntity().name} has no unit at level ${input.toLevel} above it`);
      const before = caseSnapshot(c);
      em.create(ContactCaseStep, {
        case: c,
        kind: ContactCaseStepKind.ESCALATED,
        fromLevel: c.level,
        toLevel: input.toLevel,
        fromUnit: c.handlingUnit.id,
        toUnit: targetId,
        actor: this.ctx.auth.userId,
        reason: input.reason,
      });
      c.owner ??= this.actorRef(em);
      c.level = input.toLevel;
      c.handlingUnit = ref(await em.findOneOrFail(OrgUnit, { id: targetId }));
      c.escalations += 1;
      await em.flush();
      this.audit.record(em, {
        action: 'contact.escalateContactCase',
        targetType: 'ContactCase',
        targetId: input.id,
        scopePath: c.unit.getEntity().path,
        before,
        after: { ...caseSnapshot(c), reason: input.reason },
      });
      return c;
    });
  }

  /** Closes a case with its result; a named reporter must have been given feedback (date and way). */
  async close(raw: CloseContactCaseInput): Promise<ContactCase> {
    const input = parseInput(closeContactCaseSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.OPEN) throw new ConflictError('The case is closed already');
      const today = todayInChina();
      const closedOn = input.closedOn ?? today;
      const problems = new ProblemList();
      problems.check(closedOn >= c.receivedOn, 'input.closedOn', `must not be before the case was received (${c.receivedOn})`);
      problems.check(closedOn <= today, 'input.closedOn', 'must not be in the future');
      if (input.feedback) {
        problems.check(input.feedback.givenOn >= c.receivedOn, 'input.feedback.givenOn', `must not be before the case was received (${c.receivedOn})`);
        problems.check(input.feedback.givenOn <= today, 'input.feedback.givenOn', 'must not be in the future');
      } else if (!c.anonymous) {
        problems.add('input.feedback', 'is required: the reporter is named and must be told the result (有反馈)');
      }
      problems.throwIfAny();
      const before = caseSnapshot(c);
      c.owner ??= this.actorRef(em);
      c.status = ContactCaseStatus.CLOSED;
      c.result = input.result;
      c.closedOn = closedOn;
      c.closedAt = new Date();
      c.closedBy = this.actorRef(em);
      if (input.feedback) {
        c.feedbackOn = input.feedback.givenOn;
        c.feedbackMethod = input.feedback.method;
        c.feedbackNote = input.feedback.note ?? null;
      }
      em.create(ContactCaseStep, { case: c, kind: ContactCaseStepKind.CLOSED, fromLevel: c.level, fromUnit: c.handlingUnit.id, actor: this.ctx.auth.userId });
      await em.flush();
      this.audit.record(em, {
        action: 'contact.closeContactCase',
        targetType: 'ContactCase',
        targetId: input.id,
        scopePath: c.unit.getEntity().path,
        before,
        after: caseSnapshot(c),
      });
      return c;
    });
  }

  /** Records the follow-up visit (回访) of a closed case with a named reporter. */
  async followUp(raw: RecordContactFollowUpInput): Promise<ContactCase> {
    const input = parseInput(recordContactFollowUpSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.CLOSED) throw new ConflictError('The case is not closed yet: visit the reporter after closing it');
      if (c.followUpOn) throw new ConflictError(`The follow-up visit was recorded already (${c.followUpOn})`);
      const problems = new ProblemList();
      problems.check(!c.anonymous, 'input.id', 'the reporter is anonymous and cannot be visited');
      problems.check(input.visitedOn >= c.closedOn!, 'input.visitedOn', `must not be before the case was closed (${c.closedOn})`);
      problems.check(input.visitedOn <= todayInChina(), 'input.visitedOn', 'must not be in the future');
      problems.throwIfAny();
      const before = caseSnapshot(c);
      c.followUpOn = input.visitedOn;
      c.satisfaction = input.satisfaction;
      c.followUpNote = input.note ?? null;
      em.create(ContactCaseStep, { case: c, kind: ContactCaseStepKind.FOLLOW_UP, actor: this.ctx.auth.userId, reason: input.note ?? null });
      await em.flush();
      this.audit.record(em, {
        action: 'contact.recordContactFollowUp',
        targetType: 'ContactCase',
        targetId: input.id,
        scopePath: c.unit.getEntity().path,
        before,
        after: caseSnapshot(c),
      });
      return c;
    });
  }

  /** One case if the caller may see it. */
  findVisible(id: number): Promise<ContactCase | null> {
    return this.ctx.em.findOne(ContactCase, { $and: [{ id }, caseVisibilityFilter(this.ctx.auth)] } as never);
  }

  /** Cases the caller may see, filtered in SQL, newest first. */
  async list(args: ContactCasesArgs): Promise<Connection<ContactCase>> {
    const where: Record<string, unknown>[] = [caseVisibilityFilter(this.ctx.auth)];
    if (args.unitId) {
      const unit = await this.unitOrFail(args.unitId, 'unitId');
      where.push({ unit: { path: { $like: `${unit.path}%` } } });
    }
    if (args.status) where.push({ status: args.status });
    if (args.kind) where.push({ kind: args.kind });
    if (args.overdue) where.push({ status: ContactCaseStatus.OPEN, dueOn: { $lt: todayInChina() } });
    return paginate<ContactCase>(this.ctx.em, ContactCase, { $and: where } as never, args, { id: 'desc' });
  }
}

/** Mode-specific fields: a time limit for TIME_LIMITED only, a date (not before receipt) for BY_DATE only. */
export function checkHandlingMode(
  problems: ProblemList,
  mode: HandlingMode,
  days: number | null | undefined,
  dueOn: string | null | undefined,
  receivedOn: string,
): void {
  if (mode === HandlingMode.TIME_LIMITED) problems.check(days != null, 'input.timeLimitWorkingDays', 'is required for TIME_LIMITED (限时办)');
  else problems.check(days == null, 'input.timeLimitWorkingDays', 'is only for TIME_LIMITED');
  if (mode === HandlingMode.BY_DATE) {
    problems.check(dueOn != null, 'input.dueOn', 'is required for BY_DATE (限期办)');
    if (dueOn) problems.check(dueOn >= receivedOn, 'input.dueOn', `must not be before the case was received (${receivedOn})`);
  } else problems.check(dueOn == null, 'input.dueOn', 'is only for BY_DATE');
}

/** Contact and organisation belong to a named reporter. */
export function checkReporter(problems: ProblemList, name?: string | null, contact?: string | null, organisation?: string | null): void {
  if (!name) {
    problems.check(!contact, 'input.reporterContact', 'is only for a named reporter (give reporterName or leave it out)');
    problems.check(!organisation, 'input.reporterOrganisation', 'is only for a named reporter (give reporterName or leave it out)');
  }
}
