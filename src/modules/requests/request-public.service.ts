import { todayInChina } from '../../common/dates';
import { NotFoundError, ProblemList } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { consumePublicLimit, type PublicLimit } from '../../common/public-limiter';
import { hashSecret, newSecret, newTrackingNumber, secretMatches } from '../../common/tracking';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { DisclosureRequest, RequestDocument, RequestEvent } from './request.entity';
import { addEvent, bodyOrFail, requestSnapshot, TRACKING_PREFIX, workCalendar } from './request.service';
import { replyDueOn } from './requests.clock';
import { RequestChannel, RequestEventKind } from './requests.enums';
import { FileRequestInput, fileRequestSchema } from './requests.inputs';
import { messages } from './requests.messages';
import { PublicRequestStatus, RequestReceipt } from './requests.types';

/** Online filings per client address per hour. */
export const FILINGS_PER_HOUR = 5;
/** Status look-ups per client address per hour. */
export const STATUS_LOOKUPS_PER_HOUR = 60;
const FILE_LIMIT: PublicLimit = { keyPrefix: 'request-file', points: FILINGS_PER_HOUR };
const LOOKUP_LIMIT: PublicLimit = { keyPrefix: 'request-lookup', points: STATUS_LOOKUPS_PER_HOUR };

/** The public side of the register: online filing without an account, and following a request by tracking number and secret. */
export class PublicRequestService {
  constructor(private readonly ctx: ServiceContext & { clientAddress?: string }) {}

  /**
   * Files a request online. Checked first (size, emptiness, body, a way to deliver the reply),
   * then counted against the client address's hourly allowance, then written with its RECEIVED
   * event and audit record in one transaction. Received the day it is confirmed: today. The secret
   * is returned once; only its hash is kept.
   */
  async file(raw: FileRequestInput): Promise<RequestReceipt> {
    const input = parseInput(fileRequestSchema, raw);
    const body = await bodyOrFail(this.ctx.em, input.bodyUnitId, 'input.bodyUnitId');
    new ProblemList().check(!!(input.applicant.phone || input.applicant.email), 'input.applicant.phone', messages.applicantContactRequired).throwIfAny();
    await consumePublicLimit(this.ctx.em, FILE_LIMIT, this.ctx.clientAddress);
    const receivedOn = todayInChina();
    const dueOn = replyDueOn(receivedOn, 0, 0, await workCalendar(this.ctx.em));
    const secret = newSecret();
    const r = await inTransaction(this.ctx.em, async (em) => {
      const row = em.create(DisclosureRequest, {
        bodyUnit: body.id,
        trackingNumber: newTrackingNumber(receivedOn, TRACKING_PREFIX),
        secretHash: hashSecret(secret),
        channel: RequestChannel.ONLINE,
        applicantType: input.applicantType,
        applicantName: input.applicant.name,
        applicantIdDocument: input.applicant.idDocument ?? null,
        applicantAddress: input.applicant.address ?? null,
        applicantPhone: input.applicant.phone ?? null,
        applicantEmail: input.applicant.email ?? null,
        description: input.description,
        receivedOn,
        dueOn,
      });
      addEvent(em, row, RequestEventKind.RECEIVED, receivedOn, null);
      await em.flush();
      new AuditService(this.ctx).record(em, {
        action: 'requests.fileRequest',
        targetType: 'DisclosureRequest',
        targetId: toGlobalId('DisclosureRequest', row.id),
        scopePath: body.path,
        after: requestSnapshot(row),
      });
      return row;
    });
    return { trackingNumber: r.trackingNumber, secret, receivedOn, dueOn };
  }

  /** The request by tracking number and secret, with its events and documents; a wrong pair reads as NOT_FOUND, whichever half is wrong. */
  async status(trackingNumber: string, secret: string): Promise<PublicRequestStatus> {
    if (trackingNumber.length > 32 || secret.length > 64) throw new NotFoundError('DisclosureRequest');
    await consumePublicLimit(this.ctx.em, LOOKUP_LIMIT, this.ctx.clientAddress);
    const r = await this.ctx.em.findOne(DisclosureRequest, { trackingNumber: trackingNumber.trim().toUpperCase() }, { populate: ['bodyUnit'] });
    if (!r || !secretMatches(secret, r.secretHash)) throw new NotFoundError('DisclosureRequest');
    const [events, documents] = await Promise.all([
      this.ctx.em.find(RequestEvent, { request: r.id }, { orderBy: { id: 'asc' } }),
      this.ctx.em.find(RequestDocument, { request: r.id }, { orderBy: { id: 'asc' } }),
    ]);
    return {
      trackingNumber: r.trackingNumber,
      bodyName: r.bodyUnit.getEntity().name,
      receivedOn: r.receivedOn,
      status: r.status,
      dueOn: r.dueOn,
      outcome: r.outcome ?? null,
      concludedOn: r.concludedOn ?? null,
      events: events.map((e) => ({ kind: e.kind, occurredOn: e.occurredOn })),
      documents: documents.map((d) => ({ kind: d.kind, title: d.title, issuedOn: d.issuedOn, markdown: d.markdown, html: d.html })),
    };
  }
}
