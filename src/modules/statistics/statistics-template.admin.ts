import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { AnnualStatistics } from './annual-statistics.entity';
import {
  ActivateStatisticsTemplateInput,
  activateTemplateSchema,
  CreateStatisticsTemplateInput,
  createTemplateSchema,
  UpdateStatisticsTemplateInput,
  updateTemplateSchema,
} from './statistics-template.inputs';
import { StatisticsTemplate, TemplateStatus } from './statistics-template.entity';
import { forgetInstalledTemplates } from './statistics-template.service';
import { templateMessages, validateTemplateDefinition } from './statistics-template.validate';
import type { TemplateDefinition } from './template-definitions';

function snapshot(t: StatisticsTemplate) {
  return { code: t.code, version: t.version, name: t.name, yearFrom: t.yearFrom, yearTo: t.yearTo ?? null, status: t.status, definition: t.definition };
}

/**
 * Template versions maintained by the central administration (CENTRAL_ADMIN; the shield rule and
 * `assertCentral` both check it): created as DRAFT, changed while a draft, activated once valid,
 * frozen from then on (like inspection schemes), each step audited. A new version of a code
 * takes over the years it covers (the newest active version applies).
 */
export class StatisticsTemplateAdmin {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Creates the next DRAFT version of a template family; refused with every problem of the definition named. */
  async create(raw: CreateStatisticsTemplateInput): Promise<StatisticsTemplate> {
    const input = parseInput(createTemplateSchema, raw);
    const saved = await inTransaction(this.ctx.em, async (em) => {
      await this.checkDefinition(em, input.definition, input.yearFrom, input.yearTo ?? null);
      const newest = await em.findOne(StatisticsTemplate, { code: input.code }, { orderBy: { version: 'desc' } });
      const t = em.create(StatisticsTemplate, {
        code: input.code,
        version: (newest?.version ?? 0) + 1,
        name: input.name,
        yearFrom: input.yearFrom,
        yearTo: input.yearTo ?? null,
        definition: input.definition as unknown as TemplateDefinition,
        status: TemplateStatus.DRAFT,
        createdById: this.ctx.auth.userId,
      });
      await em.flush();
      await this.record(em, 'createStatisticsTemplate', t, null);
      return t;
    });
    return saved;
  }

  /** Changes a DRAFT version; an active one (possibly in use) is frozen. */
  async update(raw: UpdateStatisticsTemplateInput): Promise<StatisticsTemplate> {
    const input = parseInput(updateTemplateSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const t = await this.load(em, input.id);
      await this.assertDraft(em, t);
      const before = snapshot(t);
      const yearFrom = input.yearFrom ?? t.yearFrom;
      const yearTo = input.yearTo === undefined ? (t.yearTo ?? null) : input.yearTo;
      const definition = input.definition ?? (t.definition as unknown as Record<string, unknown>);
      await this.checkDefinition(em, definition, yearFrom, yearTo);
      t.name = input.name ?? t.name;
      t.yearFrom = yearFrom;
      t.yearTo = yearTo;
      t.definition = definition as unknown as TemplateDefinition;
      await em.flush();
      await this.record(em, 'updateStatisticsTemplate', t, before);
      return t;
    });
  }

  /** DRAFT → ACTIVE once valid: it applies to its years from now on and is frozen. */
  async activate(raw: ActivateStatisticsTemplateInput): Promise<StatisticsTemplate> {
    const input = parseInput(activateTemplateSchema, raw);
    const t = await inTransaction(this.ctx.em, async (em) => {
      const t = await this.load(em, input.id);
      if (t.status !== TemplateStatus.DRAFT) throw ValidationError.field('input.id', templateMessages.notDraft);
      await this.checkDefinition(em, t.definition as unknown as Record<string, unknown>, t.yearFrom, t.yearTo ?? null);
      const before = snapshot(t);
      t.status = TemplateStatus.ACTIVE;
      t.activatedAt = new Date();
      await em.flush();
      await this.record(em, 'activateStatisticsTemplate', t, before);
      return t;
    });
    // Committed: saves and reports of this process read the new set from now on.
    forgetInstalledTemplates(this.ctx.em);
    return t;
  }

  private async load(em: EntityManager, id: string): Promise<StatisticsTemplate> {
    const t = await em.findOne(StatisticsTemplate, { id: decodeIntId(id, 'StatisticsTemplate', 'input.id') });
    if (!t) throw new NotFoundError('Statistics template');
    return t;
  }

  private async assertDraft(em: EntityManager, t: StatisticsTemplate): Promise<void> {
    if (t.status === TemplateStatus.DRAFT) return;
    const rows = await em.count(AnnualStatistics, { template: t.id });
    throw ValidationError.field('input.id', templateMessages.frozen(t.code, t.version, rows));
  }

  /** The definition's own problems, the year range, and a supplement's main family, all named at once. */
  private async checkDefinition(em: EntityManager, definition: Record<string, unknown>, yearFrom: number, yearTo: number | null): Promise<void> {
    const problems = new ProblemList();
    for (const p of validateTemplateDefinition(definition)) problems.add(p.field, p.message);
    problems.check(yearTo === null || yearTo >= yearFrom, 'input.yearTo', templateMessages.yearRange);
    const main = definition.supplementTo;
    if (main !== undefined) {
      const exists = typeof main === 'string' && (await em.count(StatisticsTemplate, { code: main })) > 0;
      problems.check(exists, 'input.definition.supplementTo', templateMessages.unknownMain(String(main)));
    }
    problems.throwIfAny();
  }

  private async record(em: EntityManager, action: string, t: StatisticsTemplate, before: Record<string, unknown> | null): Promise<void> {
    const root = await em.findOne(OrgUnit, { parent: null });
    this.audit.record(em, {
      action: `statistics.${action}`,
      targetType: 'StatisticsTemplate',
      targetId: toGlobalId('StatisticsTemplate', t.id),
      scopePath: root?.path ?? '/',
      before,
      after: snapshot(t),
    });
  }
}
