import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { ForbiddenError, msg, ProblemList } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit, User } from '../organisation';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { caseSnapshot, checkHandlingMode, checkReporter, dueDateOf, initialLevelOf, unitOrFail } from './contact-case.rules';
import { ContactCaseKind, ContactCaseStepKind, ContactCaseStatus, HandlingMode } from './contact.enums';
import { ContactCasesArgs, OpenContactCaseInput, openContactCaseSchema } from './contact.inputs';
import { canOpenCase, caseVisibilityFilter } from './contact.policy';
import { newTrackingNumber } from '../../common/tracking';

/** Registering cases, and reading them within the caller's scope. */
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
      throw new ForbiddenError(restricted ? msg('contact.staffConductInspector', { unit: unit.name }) : msg('contact.notStaffCases', { unit: unit.name }));
    }
    const today = todayInChina();
    const receivedOn = input.receivedOn ?? today;
    const problems = new ProblemList();
    problems.check(receivedOn <= today, 'input.receivedOn', msg('contact.future'));
    problems.check(
      !restricted || input.kind === ContactCaseKind.TIP_OFF || input.kind === ContactCaseKind.COMPLAINT,
      'input.concernsStaffConduct',
      msg('contact.staffConductKinds'),
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
