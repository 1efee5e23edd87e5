import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { FailedPreconditionError, ForbiddenError, ProblemList } from '../../common/errors';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { User } from '../organisation';
import { DisclosureRequest } from './request.entity';
import { conclusionDocument, correctionNotice, extensionNotice, GeneratedDocument } from './request-documents';
import { addEvent, assertNotClosed, checkStepDate, documentFacts, RequestService, requestSnapshot, workCalendar } from './request.service';
import { correctionNoticeDeadline, MAX_CONSULTATION_WORKING_DAYS, MAX_EXTENSION_WORKING_DAYS, replyDueOn, workingDaysBetween } from './requests.clock';
import { OutcomeReason, REASONS, RequestEventKind, RequestOutcome, RequestStatus } from './requests.enums';
import {
  AppealKind,
  ConcludeRequestInput,
  concludeRequestSchema,
  ExtendRequestInput,
  extendRequestSchema,
  RecordAppealInput,
  recordAppealSchema,
  RecordFeeInput,
  recordFeeSchema,
  RequestCorrectionInput,
  requestCorrectionSchema,
  RequestStepInput,
  requestStepSchema,
  StartConsultationInput,
  startConsultationSchema,
} from './requests.inputs';
import { messages } from './requests.messages';
import { canApproveExtension } from './requests.policy';

/** The steps of a request: correction, third-party consultation, extension, conclusion, withdrawal, appeals, fee. Each is a dated event. */
export class RequestWorkflowService {
  private readonly audit: AuditService;
  private readonly requests: RequestService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
    this.requests = new RequestService(ctx);
  }

  /**
   * Runs one step in a transaction: locks the request (scope, handler, version), lets `apply`
   * check and change it, records the event (and document) and the audit record.
   */
  private step(
    action: string,
    id: string,
    expectedVersion: number | null | undefined,
    apply: (r: DisclosureRequest, em: EntityManager) => Promise<{ kind: RequestEventKind; on: string; note?: string | null; doc?: GeneratedDocument }>,
  ): Promise<DisclosureRequest> {
    return inTransaction(this.ctx.em, async (em) => {
      const r = await this.requests.lockForHandling(em, id, expectedVersion);
      const before = requestSnapshot(r);
      const event = await apply(r, em);
      addEvent(em, r, event.kind, event.on, this.ctx.auth.userId, event.note, event.doc);
      await em.flush();
      this.audit.record(em, {
        action: `requests.${action}`,
        targetType: 'DisclosureRequest',
        targetId: id,
        scopePath: r.bodyUnit.getEntity().path,
        before,
        after: requestSnapshot(r),
      });
      return r;
    });
  }

  /** Sends a correction notice (补正告知, within 7 working days of receipt): the clock stops until the applicant answers. */
  async requestCorrection(raw: RequestCorrectionInput): Promise<DisclosureRequest> {
    const input = parseInput(requestCorrectionSchema, raw);
    const calendar = await workCalendar(this.ctx.em);
    return this.step('requestCorrection', input.id, input.expectedVersion, async (r) => {
      assertNotClosed(r);
      if (r.status !== RequestStatus.OPEN) throw new FailedPreconditionError(messages.notOpen(r.status), { field: 'input.id' });
      const on = input.issuedOn ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.issuedOn', on, r);
      const deadline = correctionNoticeDeadline(r.receivedOn, calendar);
      problems.check(on <= deadline, 'input.issuedOn', messages.correctionTooLate(deadline));
      problems.check(input.answerBy >= on, 'input.answerBy', messages.answerByBeforeNotice);
      problems.throwIfAny();
      r.status = RequestStatus.AWAITING_CORRECTION;
      r.pausedSince = on;
      r.correctionAnswerBy = input.answerBy;
      return {
        kind: RequestEventKind.CORRECTION_REQUESTED,
        on,
        note: input.whatToCorrect,
        doc: correctionNotice(documentFacts(r, on), input.whatToCorrect, input.answerBy),
      };
    });
  }

  /** The applicant answered the correction notice in time: the clock runs again, the stopped working days added to the due date. */
  async answerCorrection(raw: RequestStepInput): Promise<DisclosureRequest> {
    const input = parseInput(requestStepSchema, raw);
    const calendar = await workCalendar(this.ctx.em);
    return this.step('answerCorrection', input.id, input.expectedVersion, async (r) => {
      assertNotClosed(r);
      if (r.status !== RequestStatus.AWAITING_CORRECTION) throw new FailedPreconditionError(messages.notAwaitingCorrection, { field: 'input.id' });
      const on = input.on ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.on', on, r, { date: r.pausedSince!, message: messages.beforeCorrectionNotice(r.pausedSince!) });
      problems.check(on <= r.correctionAnswerBy!, 'input.on', messages.correctionLapsed(r.correctionAnswerBy!));
      problems.throwIfAny();
      r.pausedWorkingDays += workingDaysBetween(r.pausedSince!, on, calendar);
      r.pausedSince = null;
      r.status = RequestStatus.OPEN;
      r.dueOn = replyDueOn(r.receivedOn, r.pausedWorkingDays, r.extensionWorkingDays, calendar);
      return { kind: RequestEventKind.CORRECTION_ANSWERED, on, note: input.note };
    });
  }

  /** Starts a third-party consultation (征求第三方意见): the clock stops. */
  async startConsultation(raw: StartConsultationInput): Promise<DisclosureRequest> {
    const input = parseInput(startConsultationSchema, raw);
    return this.step('startConsultation', input.id, input.expectedVersion, async (r) => {
      assertNotClosed(r);
      if (r.status !== RequestStatus.OPEN) throw new FailedPreconditionError(messages.notOpen(r.status), { field: 'input.id' });
      const on = input.on ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.on', on, r);
      problems.throwIfAny();
      r.status = RequestStatus.THIRD_PARTY;
      r.pausedSince = on;
      return { kind: RequestEventKind.CONSULTATION_STARTED, on, note: input.thirdParty };
    });
  }

  /** Ends the consultation: the clock runs again, stopped for at most 15 working days. */
  async endConsultation(raw: RequestStepInput): Promise<DisclosureRequest> {
    const input = parseInput(requestStepSchema, raw);
    const calendar = await workCalendar(this.ctx.em);
    return this.step('endConsultation', input.id, input.expectedVersion, async (r) => {
      assertNotClosed(r);
      if (r.status !== RequestStatus.THIRD_PARTY) throw new FailedPreconditionError(messages.notInConsultation, { field: 'input.id' });
      const on = input.on ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.on', on, r, { date: r.pausedSince!, message: messages.beforeConsultation(r.pausedSince!) });
      problems.throwIfAny();
      r.pausedWorkingDays += Math.min(MAX_CONSULTATION_WORKING_DAYS, workingDaysBetween(r.pausedSince!, on, calendar));
      r.pausedSince = null;
      r.status = RequestStatus.OPEN;
      r.dueOn = replyDueOn(r.receivedOn, r.pausedWorkingDays, r.extensionWorkingDays, calendar);
      return { kind: RequestEventKind.CONSULTATION_ENDED, on, note: input.note };
    });
  }

  /** Extends the reply period (at most 20 working days in all), approved by the caller as OFFICE_ADMIN of the body; issues the notice. */
  async extend(raw: ExtendRequestInput): Promise<DisclosureRequest> {
    const input = parseInput(extendRequestSchema, raw);
    const calendar = await workCalendar(this.ctx.em);
    return this.step('extendRequest', input.id, input.expectedVersion, async (r, em) => {
      if (!canApproveExtension(this.ctx.auth, r.bodyUnit.getEntity().path)) throw new ForbiddenError(messages.extensionNeedsAdmin);
      assertNotClosed(r);
      if (r.status !== RequestStatus.OPEN) throw new FailedPreconditionError(messages.notOpen(r.status), { field: 'input.id' });
      const on = input.issuedOn ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.issuedOn', on, r);
      problems.check(on <= r.dueOn, 'input.issuedOn', messages.extensionAfterDue(r.dueOn));
      const left = MAX_EXTENSION_WORKING_DAYS - r.extensionWorkingDays;
      problems.check(input.workingDays <= left, 'input.workingDays', messages.extensionTooLong(left));
      problems.throwIfAny();
      r.extensionWorkingDays += input.workingDays;
      r.extensionApprovedBy = em.getReference(User, this.ctx.auth.userId!, { wrapped: true });
      r.dueOn = replyDueOn(r.receivedOn, r.pausedWorkingDays, r.extensionWorkingDays, calendar);
      return {
        kind: RequestEventKind.EXTENDED,
        on,
        note: input.reason,
        doc: extensionNotice(documentFacts(r, on), input.workingDays, input.reason, r.dueOn),
      };
    });
  }

  /** Concludes a request with one outcome row of table 3 (and the reason its row needs); issues the reply or notice. */
  async conclude(raw: ConcludeRequestInput): Promise<DisclosureRequest> {
    const input = parseInput(concludeRequestSchema, raw);
    return this.step('concludeRequest', input.id, input.expectedVersion, async (r, em) => {
      assertNotClosed(r);
      const on = input.concludedOn ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.concludedOn', on, r, r.pausedSince ? { date: r.pausedSince, message: messages.beforeDate(r.pausedSince) } : undefined);
      checkOutcome(problems, input.outcome, input.reason ?? null, input.referredTo ?? null);
      if (input.reason === OutcomeReason.NO_CORRECTION) {
        const lapsed = r.status === RequestStatus.AWAITING_CORRECTION && on > r.correctionAnswerBy!;
        problems.check(lapsed, 'input.reason', messages.noCorrectionNeedsLapse(r.status === RequestStatus.AWAITING_CORRECTION ? r.correctionAnswerBy! : null));
      }
      problems.throwIfAny();
      r.status = RequestStatus.CONCLUDED;
      r.pausedSince = null;
      r.outcome = input.outcome;
      r.outcomeReason = input.reason ?? null;
      r.referredTo = input.referredTo ?? null;
      r.conclusionNote = input.note ?? null;
      r.concludedOn = on;
      r.concludedBy = em.getReference(User, this.ctx.auth.userId!, { wrapped: true });
      const doc = conclusionDocument(documentFacts(r, on), input.outcome, input.reason ?? null, input.referredTo ?? null, input.note ?? null);
      return { kind: RequestEventKind.CONCLUDED, on, note: input.note, doc };
    });
  }

  /** The applicant withdrew the request: it ends (counted under 其他处理·其他), and nothing may conclude it later. */
  async withdraw(raw: RequestStepInput): Promise<DisclosureRequest> {
    const input = parseInput(requestStepSchema, raw);
    return this.step('withdrawRequest', input.id, input.expectedVersion, async (r, em) => {
      assertNotClosed(r);
      const on = input.on ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.on', on, r);
      problems.throwIfAny();
      r.status = RequestStatus.WITHDRAWN;
      r.pausedSince = null;
      r.outcome = RequestOutcome.OTHER;
      r.outcomeReason = OutcomeReason.OTHER;
      r.conclusionNote = input.note ? `申请人撤回申请：${input.note}` : '申请人撤回申请';
      r.concludedOn = on;
      r.concludedBy = em.getReference(User, this.ctx.auth.userId!, { wrapped: true });
      return { kind: RequestEventKind.WITHDRAWN, on, note: input.note };
    });
  }

  /** Records a reconsideration or lawsuit about a concluded request, or its later result (table 4). */
  async recordAppeal(raw: RecordAppealInput): Promise<DisclosureRequest> {
    const input = parseInput(recordAppealSchema, raw);
    return this.step('recordAppeal', input.id, input.expectedVersion, async (r) => {
      if (r.status !== RequestStatus.CONCLUDED) throw new FailedPreconditionError(messages.appealNeedsConcluded, { field: 'input.id' });
      const problems = new ProblemList();
      checkStepDate(problems, 'input.filedOn', input.filedOn, r, { date: r.concludedOn!, message: messages.beforeConclusion(r.concludedOn!) });
      if (input.kind === AppealKind.RECONSIDERATION) {
        problems.throwIfAny();
        r.reconsiderationFiledOn = input.filedOn;
        r.reconsiderationResult = input.result;
        return { kind: RequestEventKind.RECONSIDERATION, on: input.filedOn, note: input.result };
      }
      const after = input.afterReconsideration ?? !!r.reconsiderationFiledOn;
      problems.check(!after || !!r.reconsiderationFiledOn, 'input.afterReconsideration', messages.noReconsideration);
      problems.check(!after || input.filedOn >= r.reconsiderationFiledOn!, 'input.filedOn', messages.beforeReconsideration(r.reconsiderationFiledOn!));
      problems.throwIfAny();
      r.litigationFiledOn = input.filedOn;
      r.litigationAfterReconsideration = after;
      r.litigationResult = input.result;
      return { kind: RequestEventKind.LITIGATION, on: input.filedOn, note: input.result };
    });
  }

  /** Records the processing fee charged (信息处理费). */
  async recordFee(raw: RecordFeeInput): Promise<DisclosureRequest> {
    const input = parseInput(recordFeeSchema, raw);
    return this.step('recordFee', input.id, input.expectedVersion, async (r) => {
      const on = input.chargedOn ?? todayInChina();
      const problems = new ProblemList();
      checkStepDate(problems, 'input.chargedOn', on, r);
      problems.throwIfAny();
      r.feeAmount = input.amount;
      return { kind: RequestEventKind.FEE_RECORDED, on, note: `${input.amount} 元` };
    });
  }
}

/** An outcome with the reason its row needs (none for 予以公开 and 部分公开), and a referral only for information this body does not hold. */
export function checkOutcome(problems: ProblemList, outcome: RequestOutcome, reason: OutcomeReason | null, referredTo: string | null): void {
  const needsReason = outcome !== RequestOutcome.GRANTED && outcome !== RequestOutcome.PARTLY_GRANTED;
  if (needsReason && !reason) problems.add('input.reason', messages.reasonRequired(outcome));
  if (!needsReason && reason) problems.add('input.reason', messages.reasonNotAllowed(outcome));
  if (needsReason && reason && REASONS[reason].outcome !== outcome) problems.add('input.reason', messages.reasonMismatch(reason, outcome));
  if (referredTo && reason !== OutcomeReason.NOT_HELD) problems.add('input.referredTo', messages.referredOnlyNotHeld);
}
