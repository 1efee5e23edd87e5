import type { ServiceContext } from '../../common/context';
import { todayInChina } from '../../common/dates';
import { ForbiddenError, msg, ProblemList } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { escapeLike } from '../../common/sql';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import { AuditService } from '../audit';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { ContactConsultation } from './contact-consultation.entity';
import { ConsultationChannel, ConsultationOutcome, ContactCaseChannel, ContactCaseKind, ContactCaseStepKind, HandlingMode } from './contact.enums';
import {
  ContactConsultationsArgs,
  LogConsultationInput,
  logConsultationSchema,
  RecordConsultationCountsInput,
  recordConsultationCountsSchema,
} from './contact.inputs';
import { consultationVisibilityFilter } from './contact.policy';
import { upsertTallies } from './contact.queries';
import { caseSnapshot, dueDateOf, initialLevelOf, unitOrFail } from './contact-case.rules';
import { ConsultationCountsResult } from './contact.types';
import { newTrackingNumber } from '../../common/tracking';

/** The case channel of an escalated consultation. */
const CASE_CHANNEL_OF: Record<ConsultationChannel, ContactCaseChannel> = {
  PHONE: ContactCaseChannel.PHONE,
  COUNTER: ContactCaseChannel.COUNTER,
  ONLINE: ContactCaseChannel.ONLINE,
  OTHER: ContactCaseChannel.LETTER,
};

/** Days a logged consultation escalated to a difficult question has, in working days (限时办). */
export const ESCALATED_QUESTION_WORKING_DAYS = 5;

/** The consultation log kept by staff at the counter, on the phone and online: single consultations and daily tallies. */
export class ContactLogService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Logs one consultation (staff of the unit); an ESCALATED one with its question opens a difficult-question case owned by the logger. */
  async logConsultation(raw: LogConsultationInput): Promise<ContactConsultation> {
    const input = parseInput(logConsultationSchema, raw);
    const unit = await unitOrFail(this.ctx.em, input.unitId, 'input.unitId');
    if (!this.ctx.auth.isStaffOf(unit.path)) throw new ForbiddenError(msg('contact.notStaffLog', { unit: unit.name }));
    const today = todayInChina();
    const occurredOn = input.occurredOn ?? today;
    const problems = new ProblemList();
    problems.check(occurredOn <= today, 'input.occurredOn', msg('contact.future'));
    if (input.outcome === ConsultationOutcome.ESCALATED) problems.check(!!input.question, 'input.question', msg('contact.questionRequired'));
    else problems.check(!input.question, 'input.question', msg('contact.questionOnly'));
    problems.throwIfAny();
    const dueOn = input.question ? await dueDateOf(this.ctx.em, occurredOn, HandlingMode.TIME_LIMITED, ESCALATED_QUESTION_WORKING_DAYS) : null;
    return inTransaction(this.ctx.em, async (em) => {
      const log = em.create(ContactConsultation, {
        unit: unit.id,
        occurredOn,
        channel: input.channel,
        topic: input.topic,
        outcome: input.outcome,
        loggedBy: this.ctx.auth.userId,
      });
      await em.flush();
      if (input.question) {
        const level = initialLevelOf(unit.kind);
        const c = em.create(ContactCase, {
          unit: unit.id,
          handlingUnit: unit.id,
          kind: ContactCaseKind.DIFFICULT_QUESTION,
          channel: CASE_CHANNEL_OF[log.channel],
          subject: input.question.slice(0, 200),
          description: input.question,
          anonymous: true,
          receivedOn: occurredOn,
          owner: this.ctx.auth.userId,
          createdBy: this.ctx.auth.userId,
          handlingMode: HandlingMode.TIME_LIMITED,
          timeLimitDays: ESCALATED_QUESTION_WORKING_DAYS,
          dueOn: dueOn!,
          level,
          initialLevel: level,
          trackingNumber: newTrackingNumber(occurredOn),
          consultation: log.id,
        });
        em.create(ContactCaseStep, {
          case: c,
          kind: ContactCaseStepKind.OPENED,
          toLevel: level,
          toUnit: unit.id,
          actor: this.ctx.auth.userId,
          reason: 'escalated consultation',
        });
        await em.flush();
        this.audit.record(em, {
          action: 'contact.openContactCase',
          targetType: 'ContactCase',
          targetId: toGlobalId('ContactCase', c.id),
          scopePath: unit.path,
          after: caseSnapshot(c),
        });
      }
      this.audit.record(em, {
        action: 'contact.logConsultation',
        targetType: 'ContactConsultation',
        targetId: toGlobalId('ContactConsultation', log.id),
        scopePath: unit.path,
        after: { unitId: unit.id, occurredOn, channel: log.channel, topic: log.topic, outcome: log.outcome },
      });
      return log;
    });
  }

  /** Writes daily tallies per channel for a unit (staff of the unit); a day and channel sent again replaces the earlier count. */
  async recordCounts(raw: RecordConsultationCountsInput): Promise<ConsultationCountsResult> {
    const input = parseInput(recordConsultationCountsSchema, raw);
    const unit = await unitOrFail(this.ctx.em, input.unitId, 'input.unitId');
    if (!this.ctx.auth.isStaffOf(unit.path)) throw new ForbiddenError(msg('contact.notStaffCounts', { unit: unit.name }));
    const today = todayInChina();
    const problems = new ProblemList();
    const seen = new Set<string>();
    input.days.forEach((d, i) => {
      problems.check(d.date <= today, `input.days.${i}.date`, msg('contact.future'));
      const key = `${d.date}|${d.channel}`;
      problems.check(!seen.has(key), `input.days.${i}`, msg('contact.repeatedDay', { date: d.date, channel: d.channel }));
      seen.add(key);
    });
    problems.throwIfAny();
    return inTransaction(this.ctx.em, async (em) => {
      const rowsWritten = await upsertTallies(em, unit.id, this.ctx.auth.userId, input.days);
      const total = input.days.reduce((s, d) => s + d.count, 0);
      this.audit.record(em, {
        action: 'contact.recordConsultationCounts',
        targetType: 'OrgUnit',
        targetId: toGlobalId('OrgUnit', unit.id),
        scopePath: unit.path,
        after: { days: input.days, total },
      });
      return { rowsWritten, total };
    });
  }

  /** The consultation log (single consultations and daily tallies) of a unit's subtree, newest first; staff of the units. */
  async consultations(args: ContactConsultationsArgs): Promise<Connection<ContactConsultation>> {
    const unit = await unitOrFail(this.ctx.em, args.unitId, 'unitId');
    const problems = new ProblemList();
    if (args.from && args.to) problems.check(args.from <= args.to, 'to', msg('contact.toBeforeFrom'));
    problems.throwIfAny();
    const where: Record<string, unknown>[] = [consultationVisibilityFilter(this.ctx.auth), { unit: { path: { $like: `${escapeLike(unit.path)}%` } } }];
    if (args.from) where.push({ occurredOn: { $gte: args.from } });
    if (args.to) where.push({ occurredOn: { $lte: args.to } });
    if (args.channel) where.push({ channel: args.channel });
    return paginate<ContactConsultation>(this.ctx.em, ContactConsultation, { $and: where } as never, args, { id: 'desc' });
  }

  /** One logged consultation or tally, if the caller may see it (the list's rule). */
  async findConsultation(id: number): Promise<ContactConsultation | null> {
    return this.ctx.em.findOne(ContactConsultation, { $and: [{ id }, consultationVisibilityFilter(this.ctx.auth)] } as never);
  }
}
