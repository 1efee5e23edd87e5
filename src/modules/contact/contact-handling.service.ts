import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { ConflictError, ForbiddenError, msg, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit, User } from '../organisation';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { caseSnapshot, factsOf } from './contact-case.rules';
import { ContactCaseStatus, ContactCaseStepKind, ContactLevel, LEVEL_RANK } from './contact.enums';
import {
  CloseContactCaseInput,
  closeContactCaseSchema,
  EscalateContactCaseInput,
  escalateContactCaseSchema,
  RecordContactFollowUpInput,
  recordContactFollowUpSchema,
} from './contact.inputs';
import { canHandleCase, canSeeCase } from './contact.policy';
import { selectLevelUnits } from './contact.queries';

/** The steps of an open case: escalation (三级负责), closing with feedback, the follow-up visit (回访). */
export class ContactHandlingService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** The caller as a reference, for owner and closedBy. */
  private actorRef(em: EntityManager) {
    return em.getReference(User, this.ctx.auth.userId!, { wrapped: true });
  }

  /** The audit record of one step: the case before and after it. */
  private recordChange(em: EntityManager, action: string, c: ContactCase, before: Record<string, unknown>, extra: Record<string, unknown> = {}): void {
    this.audit.record(em, {
      action,
      targetType: 'ContactCase',
      targetId: toGlobalId('ContactCase', c.id),
      scopePath: c.unit.getEntity().path,
      before,
      after: { ...caseSnapshot(c), ...extra },
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
    if (!c || !canSeeCase(this.ctx.auth, factsOf(c))) throw new NotFoundError('ContactCase');
    if (!canHandleCase(this.ctx.auth, factsOf(c))) {
      throw new ForbiddenError(msg('contact.notHandler'));
    }
    assertVersion(c.version, expectedVersion, 'The case');
    return c;
  }

  /** Passes a case up (三级负责): only to a higher level, with who and why recorded. */
  async escalate(raw: EscalateContactCaseInput): Promise<ContactCase> {
    const input = parseInput(escalateContactCaseSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.OPEN) throw new ConflictError(msg('contact.closed'));
      if (LEVEL_RANK[input.toLevel] <= LEVEL_RANK[c.level]) {
        throw ValidationError.field('input.toLevel', msg('contact.notAbove', { level: c.level }));
      }
      const levels = await selectLevelUnits(em, c.unit.id);
      const targetId = input.toLevel === ContactLevel.DIVISION ? levels.division_id : levels.district_id;
      if (!targetId) throw ValidationError.field('input.toLevel', msg('contact.noUnitAtLevel', { unit: c.unit.getEntity().name, level: input.toLevel }));
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
      this.recordChange(em, 'contact.escalateContactCase', c, before, { reason: input.reason });
      return c;
    });
  }

  /** Closes a case with its result; a named reporter must have been given feedback (date and way). */
  async close(raw: CloseContactCaseInput): Promise<ContactCase> {
    const input = parseInput(closeContactCaseSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.OPEN) throw new ConflictError(msg('contact.closed'));
      const today = todayInChina();
      const closedOn = input.closedOn ?? today;
      const problems = new ProblemList();
      problems.check(closedOn >= c.receivedOn, 'input.closedOn', msg('contact.beforeReceipt', { date: c.receivedOn }));
      problems.check(closedOn <= today, 'input.closedOn', msg('contact.future'));
      if (input.feedback) {
        problems.check(input.feedback.givenOn >= c.receivedOn, 'input.feedback.givenOn', msg('contact.beforeReceipt', { date: c.receivedOn }));
        problems.check(input.feedback.givenOn <= today, 'input.feedback.givenOn', msg('contact.future'));
      } else if (!c.anonymous) {
        problems.add('input.feedback', msg('contact.feedbackRequired'));
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
      this.recordChange(em, 'contact.closeContactCase', c, before);
      return c;
    });
  }

  /** Records the follow-up visit (回访) of a closed case with a named reporter. */
  async followUp(raw: RecordContactFollowUpInput): Promise<ContactCase> {
    const input = parseInput(recordContactFollowUpSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const c = await this.lockForHandling(em, input.id, input.expectedVersion);
      if (c.status !== ContactCaseStatus.CLOSED) throw new ConflictError(msg('contact.notClosedYet'));
      if (c.followUpOn) throw new ConflictError(msg('contact.followUpAlready', { date: c.followUpOn }));
      const problems = new ProblemList();
      problems.check(!c.anonymous, 'input.id', msg('contact.anonymous'));
      problems.check(input.visitedOn >= c.closedOn!, 'input.visitedOn', msg('contact.beforeClosed', { date: c.closedOn }));
      problems.check(input.visitedOn <= todayInChina(), 'input.visitedOn', msg('contact.future'));
      problems.throwIfAny();
      const before = caseSnapshot(c);
      c.followUpOn = input.visitedOn;
      c.satisfaction = input.satisfaction;
      c.followUpNote = input.note ?? null;
      em.create(ContactCaseStep, { case: c, kind: ContactCaseStepKind.FOLLOW_UP, actor: this.ctx.auth.userId, reason: input.note ?? null });
      await em.flush();
      this.recordChange(em, 'contact.recordContactFollowUp', c, before);
      return c;
    });
  }
}
