import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { FailedPreconditionError, ForbiddenError, NotFoundError, ProblemList, ValidationError, type Text } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { newTrackingNumber } from '../../common/tracking';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { loadWorkCalendar } from '../catalogue';
import type { WorkCalendar } from '../catalogue/calendar/working-days';
import { OrgUnit } from '../organisation';
import { DisclosureRequest, RequestDocument, RequestEvent } from './request.entity';
import { DocumentFacts, GeneratedDocument, renderDocumentHtml } from './request-documents';
import { replyDueOn } from './requests.clock';
import { RequestEventKind, RequestStatus } from './requests.enums';
import { DisclosureRequestsArgs, RegisterRequestInput, registerRequestSchema } from './requests.inputs';
import { messages } from './requests.messages';
import { isDisclosureBody } from './request-bodies.service';
import { canHandleRequests, canSeeRequests, requestVisibilityFilter } from './requests.policy';

/** Tracking numbers of requests start with YS (依申请). */
export const TRACKING_PREFIX = 'YS';

/** The holiday calendar the clock counts with (the catalogue's, cached per process). */
export function workCalendar(em: EntityManager): Promise<WorkCalendar> {
  return loadWorkCalendar(em, '', '');
}

/** Snapshot of a request for the audit trail: no personal data of the applicant. */
export function requestSnapshot(r: DisclosureRequest): Record<string, unknown> {
  return {
    bodyUnitId: r.bodyUnit.id,
    channel: r.channel,
    applicantType: r.applicantType,
    receivedOn: r.receivedOn,
    status: r.status,
    dueOn: r.dueOn,
    pausedSince: r.pausedSince ?? null,
    pausedWorkingDays: r.pausedWorkingDays,
    extensionWorkingDays: r.extensionWorkingDays,
    outcome: r.outcome ?? null,
    outcomeReason: r.outcomeReason ?? null,
    referredTo: r.referredTo ?? null,
    concludedOn: r.concludedOn ?? null,
    feeAmount: r.feeAmount ?? null,
    reconsideration: r.reconsiderationResult ?? null,
    litigation: r.litigationResult ?? null,
    version: r.version,
  };
}

/** A disclosure body by global id, or a field error naming `field`. */
export async function bodyOrFail(em: EntityManager, globalId: string, field: string): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field), active: true });
  if (!unit || !(await isDisclosureBody(em, unit))) throw ValidationError.field(field, messages.notABody);
  return unit;
}

/** Checks a date of a step: not before receipt (nor `notBefore`), not in the future. */
export function checkStepDate(problems: ProblemList, field: string, date: string, r: DisclosureRequest, notBefore?: { date: string; message: Text }): void {
  problems.check(date >= r.receivedOn, field, messages.beforeReceipt(r.receivedOn));
  if (notBefore) problems.check(date >= notBefore.date, field, notBefore.message);
  problems.check(date <= todayInChina(), field, messages.future);
}

/** Refuses a step on a request that is concluded or withdrawn. */
export function assertNotClosed(r: DisclosureRequest): void {
  if (r.status === RequestStatus.WITHDRAWN) throw new FailedPreconditionError(messages.withdrawn(r.concludedOn!), { field: 'input.id' });
  if (r.status === RequestStatus.CONCLUDED) throw new FailedPreconditionError(messages.concluded(r.concludedOn!), { field: 'input.id' });
}

/** The facts every document names. */
export function documentFacts(r: DisclosureRequest, issuedOn: string): DocumentFacts {
  return {
    bodyName: r.bodyUnit.getEntity().name,
    trackingNumber: r.trackingNumber,
    applicantName: r.applicantName,
    receivedOn: r.receivedOn,
    description: r.description,
    issuedOn,
  };
}

/** Adds an event (and a document) of a request to the unit of work. */
export function addEvent(
  em: EntityManager,
  r: DisclosureRequest,
  kind: RequestEventKind,
  occurredOn: string,
  actorId: number | null,
  note?: string | null,
  doc?: GeneratedDocument,
): void {
  em.create(RequestEvent, { request: r, kind, occurredOn, actor: actorId, note: note ?? null, dueOnAfter: r.dueOn });
  if (doc)
    em.create(RequestDocument, { request: r, kind: doc.kind, title: doc.title, issuedOn: occurredOn, markdown: doc.markdown, html: renderDocumentHtml(doc) });
}

/** The register seen by staff: registering paper requests, reading and listing (the steps are in request-workflow.service.ts). */
export class RequestService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Registers a request received on paper (or by e-mail, fax, other); the body's LIAISONs and OFFICE_ADMINs only. */
  async register(raw: RegisterRequestInput): Promise<DisclosureRequest> {
    const input = parseInput(registerRequestSchema, raw);
    const body = await bodyOrFail(this.ctx.em, input.bodyUnitId, 'input.bodyUnitId');
    if (!canHandleRequests(this.ctx.auth, body.path)) throw new ForbiddenError(messages.notHandler);
    const receivedOn = input.receivedOn ?? todayInChina();
    new ProblemList().check(receivedOn <= todayInChina(), 'input.receivedOn', messages.future).throwIfAny();
    const dueOn = replyDueOn(receivedOn, 0, 0, await workCalendar(this.ctx.em));
    return inTransaction(this.ctx.em, async (em) => {
      const r = em.create(DisclosureRequest, {
        bodyUnit: body.id,
        trackingNumber: newTrackingNumber(receivedOn, TRACKING_PREFIX),
        channel: input.channel,
        applicantType: input.applicantType,
        applicantName: input.applicant.name,
        applicantIdDocument: input.applicant.idDocument ?? null,
        applicantAddress: input.applicant.address ?? null,
        applicantPhone: input.applicant.phone ?? null,
        applicantEmail: input.applicant.email ?? null,
        description: input.description,
        receivedOn,
        dueOn,
        createdBy: this.ctx.auth.userId,
      });
      addEvent(em, r, RequestEventKind.RECEIVED, receivedOn, this.ctx.auth.userId);
      await em.flush();
      this.audit.record(em, {
        action: 'requests.registerRequest',
        targetType: 'DisclosureRequest',
        targetId: toGlobalId('DisclosureRequest', r.id),
        scopePath: body.path,
        after: requestSnapshot(r),
      });
      return r;
    });
  }

  /**
   * Loads a request for a step under a row lock: NOT_FOUND when the caller cannot see it,
   * FORBIDDEN when it sees but does not handle it, CONFLICT on a stale version.
   */
  async lockForHandling(em: EntityManager, globalId: string, expectedVersion?: number | null): Promise<DisclosureRequest> {
    const id = decodeIntId(globalId, 'DisclosureRequest', 'input.id');
    const r = await em.findOne(DisclosureRequest, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (r) await em.populate(r, ['bodyUnit']);
    if (!r || !canSeeRequests(this.ctx.auth, r.bodyUnit.getEntity().path)) throw new NotFoundError('DisclosureRequest');
    if (!canHandleRequests(this.ctx.auth, r.bodyUnit.getEntity().path)) throw new ForbiddenError(messages.notHandler);
    assertVersion(r.version, expectedVersion, 'The request');
    return r;
  }

  /** One request if the caller may see it. */
  findVisible(id: number): Promise<DisclosureRequest | null> {
    return this.ctx.em.findOne(DisclosureRequest, { $and: [{ id }, requestVisibilityFilter(this.ctx.auth)] } as never);
  }

  /** Requests the caller may see, filtered in SQL, newest first. */
  async list(args: DisclosureRequestsArgs): Promise<Connection<DisclosureRequest>> {
    const where: Record<string, unknown>[] = [requestVisibilityFilter(this.ctx.auth)];
    if (args.bodyUnitId) where.push({ bodyUnit: decodeIntId(args.bodyUnitId, 'OrgUnit', 'bodyUnitId') });
    if (args.status) where.push({ status: args.status });
    if (args.overdue) where.push({ status: RequestStatus.OPEN, dueOn: { $lt: todayInChina() } });
    return paginate<DisclosureRequest>(this.ctx.em, DisclosureRequest, { $and: where } as never, args, { id: 'desc' });
  }
}
