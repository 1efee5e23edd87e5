import { todayInChina } from '../../common/dates';
import { msg, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { ContactCaseChannel, ContactCaseKind, ContactCaseStepKind, HandlingMode } from './contact.enums';
import { SubmitPublicContactInput, submitPublicContactSchema } from './contact.inputs';
import { consumePublicPoint } from './contact.limiter';
import { caseSnapshot, checkReporter, dueDateOf, initialLevelOf } from './contact-case.rules';
import { PublicContactCase, PublicContactReceipt } from './contact.types';
import { hashSecret, newSecret, newTrackingNumber, secretMatches } from '../../common/tracking';

/** Working days the office has to answer a public submission (限时办). */
export const PUBLIC_ANSWER_WORKING_DAYS = 15;

/** The public side: submissions without an account, and reading the answer by tracking number and secret. */
export class PublicContactService {
  constructor(private readonly ctx: ServiceContext & { clientAddress?: string }) {}

  /**
   * Files a complaint, suggestion or tip-off to a unit. Checked first (size, emptiness, unit), then
   * counted against the client address's hourly allowance, then written with its OPENED step and
   * audit record in one transaction. The secret is returned once; only its hash is kept.
   */
  async submit(raw: SubmitPublicContactInput): Promise<PublicContactReceipt> {
    const input = parseInput(submitPublicContactSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const unit = await this.ctx.em.findOne(OrgUnit, { id: unitId, active: true });
    if (!unit) throw ValidationError.field('input.unitId', msg('organisation.notAUnit'));
    const problems = new ProblemList();
    const restricted = !!input.concernsStaffConduct;
    problems.check(!restricted || input.kind !== ContactCaseKind.SUGGESTION, 'input.concernsStaffConduct', msg('contact.staffConductKinds'));
    checkReporter(problems, input.reporterName, input.reporterContact, input.reporterOrganisation);
    problems.throwIfAny();
    await consumePublicPoint(this.ctx.em, 'submit', this.ctx.clientAddress);

    const receivedOn = todayInChina();
    const dueOn = await dueDateOf(this.ctx.em, receivedOn, HandlingMode.TIME_LIMITED, PUBLIC_ANSWER_WORKING_DAYS);
    const secret = newSecret();
    const level = initialLevelOf(unit.kind);
    const c = await inTransaction(this.ctx.em, async (em) => {
      const row = em.create(ContactCase, {
        unit: unit.id,
        handlingUnit: unit.id,
        kind: input.kind,
        channel: ContactCaseChannel.PUBLIC_SUBMISSION,
        restricted,
        subject: input.subject,
        description: input.description,
        anonymous: !input.reporterName,
        reporterName: input.reporterName ?? null,
        reporterContact: input.reporterContact ?? null,
        reporterOrganisation: input.reporterOrganisation ?? null,
        receivedOn,
        handlingMode: HandlingMode.TIME_LIMITED,
        timeLimitDays: PUBLIC_ANSWER_WORKING_DAYS,
        dueOn,
        level,
        initialLevel: level,
        trackingNumber: newTrackingNumber(receivedOn),
        secretHash: hashSecret(secret),
      });
      em.create(ContactCaseStep, { case: row, kind: ContactCaseStepKind.OPENED, toLevel: level, toUnit: unit.id });
      await em.flush();
      new AuditService(this.ctx).record(em, {
        action: 'contact.submitPublicContact',
        targetType: 'ContactCase',
        targetId: toGlobalId('ContactCase', row.id),
        scopePath: unit.path,
        after: caseSnapshot(row),
      });
      return row;
    });
    return { trackingNumber: c.trackingNumber, secret, receivedOn, dueOn };
  }

  /** The case by tracking number and secret; a wrong pair reads as NOT_FOUND, whichever half is wrong. */
  async read(trackingNumber: string, secret: string): Promise<PublicContactCase> {
    if (trackingNumber.length > 32 || secret.length > 64) throw new NotFoundError('ContactCase');
    await consumePublicPoint(this.ctx.em, 'lookup', this.ctx.clientAddress);
    const c = await this.ctx.em.findOne(ContactCase, { trackingNumber: trackingNumber.trim().toUpperCase() }, { populate: ['unit'] });
    if (!c || !secretMatches(secret, c.secretHash)) throw new NotFoundError('ContactCase');
    return {
      trackingNumber: c.trackingNumber,
      kind: c.kind,
      unitName: c.unit.getEntity().name,
      subject: c.subject,
      receivedOn: c.receivedOn,
      dueOn: c.dueOn,
      status: c.status,
      result: c.result ?? null,
      closedOn: c.closedOn ?? null,
    };
  }
}
