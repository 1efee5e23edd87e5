import { readModels } from '../../db/read-model';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { ConflictError, FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../graphql/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { AnnualReport, ReportStatus } from './annual-report.entity';
import { AnnualStatistics, StatisticsStatus, StatisticsSubmission } from './annual-statistics.entity';
import { checkCellTypes, checkRules, Figures, StatisticsProblem } from './statistics.checks';
import {
  acceptStatisticsSchema, ReviewAnnualStatisticsInput, returnStatisticsSchema, SaveAnnualStatisticsInput, saveStatisticsSchema,
  SubmitAnnualStatisticsInput, submitStatisticsSchema,
} from './statistics.inputs';
import { StatisticsTemplate } from './statistics-template.entity';

/** Roles that may fill in and submit a unit's statistics. */
export const REPORTING_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_ADMIN];
/** Unit kinds expected to submit yearly statistics (sections report through their division). */
export const REPORTING_KINDS = ['ADMINISTRATION', 'DISTRICT', 'SUBORDINATE_OFFICE', 'DIVISION'];
const WORKING = [StatisticsStatus.DRAFT, StatisticsStatus.SUBMITTED, StatisticsStatus.RETURNED];

/** Snapshot of a revision for the audit trail. */
function snapshot(s: AnnualStatistics) {
  return {
    unitId: s.unit.id, year: s.year, templateId: s.template.id, revision: s.revision, status: s.status,
    figures: s.figures, notes: s.notes, correctionReason: s.correctionReason ?? null, reviewComment: s.reviewComment ?? null, version: s.version,
  };
}

const templateCache = new WeakMap<object, Promise<StatisticsTemplate[]>>();

/**
 * Every installed template version, read once per process and database. Templates are data that
 * only migrations install (no API changes them), so a save does not have to look them up again;
 * they are read models (src/db/read-model.ts), never flushed.
 */
function installedTemplates(em: EntityManager): Promise<StatisticsTemplate[]> {
  const key = em.getConnection();
  let cached = templateCache.get(key);
  if (!cached) {
    cached = em.getConnection().execute<Record<string, unknown>[]>('select * from statistics_template')
      .then((rows) => readModels(em, StatisticsTemplate, rows));
    cached.catch(() => templateCache.delete(key));
    templateCache.set(key, cached);
  }
  return cached;
}

/** Yearly statistics: drafting, checks, submission, acceptance, and who may read what. */
export class StatisticsService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Every template version, by code and version. */
  templates(): Promise<StatisticsTemplate[]> {
    return this.ctx.em.find(StatisticsTemplate, {}, { orderBy: { code: 'asc', version: 'desc' } });
  }

  /** The newest template version that applies to `year` (of `code`, when given); null when none does. */
  async templateFor(year: number, code?: string | null): Promise<StatisticsTemplate | null> {
    const all = await installedTemplates(this.ctx.em);
    return all
      .filter((t) => t.yearFrom <= year && (t.yearTo == null || t.yearTo >= year) && (!code || t.code === code))
      .sort((a, b) => b.yearFrom - a.yearFrom || b.version - a.version)[0] ?? null;
  }

  /** May the caller read drafts and returned revisions of the unit (its staff and its superiors)? */
  isStaffOf(unit: OrgUnit): boolean {
    return this.ctx.auth.isStaffOf(unit.path);
  }

  /**
   * The revisions of a unit's statistics for a year the caller may read, newest first: staff of the
   * unit and its superiors see all; others see the accepted figures once the year's report is published.
   */
  async forUnit(unitGlobalId: string, year: number): Promise<AnnualStatistics[]> {
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(unitGlobalId, 'OrgUnit', 'unitId') });
    if (!unit) throw new NotFoundError('Org unit');
    if (this.isStaffOf(unit)) {
      return this.ctx.em.find(AnnualStatistics, { unit: unit.id, year }, { orderBy: { revision: 'desc' } });
    }
    if (!(await this.isPublished(unit.id, year))) return [];
    return this.ctx.em.find(AnnualStatistics, { unit: unit.id, year, status: StatisticsStatus.ACCEPTED });
  }

  /** One revision by numeric id if the caller may read it (for node(id:)). */
  async findVisible(id: number): Promise<AnnualStatistics | null> {
    const row = await this.ctx.em.findOne(AnnualStatistics, { id }, { populate: ['unit'] });
    if (!row) return null;
    if (this.isStaffOf(row.unit.getEntity())) return row;
    if (row.status !== StatisticsStatus.ACCEPTED) return null;
    return (await this.isPublished(row.unit.id, row.year)) ? row : null;
  }

  /** Has the unit published its annual report for the year? (Its accepted figures are then public.) */
  async isPublished(unitId: number, year: number): Promise<boolean> {
    return (await this.ctx.em.count(AnnualReport, { unit: unitId, year, status: ReportStatus.PUBLISHED })) > 0;
  }

  /** Last year's accepted figures of the unit, for CARRY_OVER rules. */
  private async previousAccepted(em: EntityManager, unitId: number, year: number): Promise<Figures | null> {
    const prev = await em.findOne(AnnualStatistics, { unit: unitId, year: year - 1, status: StatisticsStatus.ACCEPTED });
    return prev?.figures ?? null;
  }

  /**
   * Saves a draft. Bad input (scope, template, unknown cells, wrong types) is refused with every
   * problem named; rule problems (sums, identities, carry-over) are kept as warnings. On accepted
   * figures a save starts a correction: a new revision with a reason, the accepted one kept.
   */
  async save(raw: SaveAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(saveStatisticsSchema, raw);
    const problems: FieldProblem[] = [];
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const unit = await this.ctx.em.findOne(OrgUnit, { id: unitId });
    if (!unit) problems.push({ field: 'input.unitId', message: 'is not an existing unit' });
    else if (!this.ctx.auth.hasRoleOver(REPORTING_ROLES, unit.path)) {
      problems.push({ field: 'input.unitId', message: `you may not report statistics for ${unit.name}: requires LIAISON or OFFICE_ADMIN over it` });
    }
    let template: StatisticsTemplate | null = null;
    // The template the figures are checked against, even when it does not apply, so every problem is named at once.
    let checkedAgainst: StatisticsTemplate | null = null;
    if (input.templateCode) {
      const [newest] = await this.ctx.em.find(StatisticsTemplate, { code: input.templateCode }, { orderBy: { version: 'desc' }, limit: 1 });
      template = await this.templateFor(input.year, input.templateCode);
      checkedAgainst = template ?? newest ?? null;
      if (!newest) problems.push({ field: 'input.templateCode', message: `is not a statistics template` });
      else if (!template) problems.push({ field: 'input.templateCode', message: `${input.templateCode} does not apply to ${input.year} (it applies to ${newest.yearFrom}–${newest.yearTo ?? ''})` });
    } else {
      template = checkedAgainst = await this.templateFor(input.year);
      if (!template) problems.push({ field: 'input.year', message: `no statistics template applies to ${input.year}` });
    }
    let figures: Figures = {};
    if (checkedAgainst) {
      const typed = checkCellTypes(checkedAgainst.definition, input.figures, checkedAgainst.code);
      figures = typed.figures;
      problems.push(...typed.problems);
      const cells = new Set(checkedAgainst.definition.cells.map((c) => c.key));
      for (const key of Object.keys(input.notes ?? {})) {
        if (!cells.has(key)) problems.push({ field: `input.notes.${key}`, message: `is not a cell of template ${checkedAgainst.code}` });
      }
    }
    if (problems.length) throw new ValidationError(problems);
    const notes = Object.fromEntries(Object.entries(input.notes ?? {}).filter(([, v]) => v));

    return inTransaction(this.ctx.em, async (em) => {
      // The year's rows, locked, and last year's in the same statement (for CARRY_OVER rules;
      // locking them too only makes a concurrent save of last year wait).
      const both = await em.find(
        AnnualStatistics,
        { unit: unitId, year: { $in: [input.year, input.year - 1] }, status: { $ne: StatisticsStatus.SUPERSEDED } },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      const rows = both.filter((r) => r.year === input.year);
      const working = rows.find((r) => WORKING.includes(r.status));
      const accepted = rows.find((r) => r.status === StatisticsStatus.ACCEPTED);
      const previous = both.find((r) => r.year === input.year - 1 && r.status === StatisticsStatus.ACCEPTED);
      const warnings = checkRules(template!.definition, figures, previous?.figures ?? null);
      let row: AnnualStatistics;
      let before: ReturnType<typeof snapshot> | null = null;
      if (working) {
        if (working.status === StatisticsStatus.SUBMITTED) throw new ConflictError('The statistics are submitted and wait for review: they cannot be edited until returned');
        assertVersion(working.version, input.expectedVersion, 'The statistics');
        before = snapshot(working);
        row = working;
        row.template = em.getReference(StatisticsTemplate, template!.id) as never;
        row.status = StatisticsStatus.DRAFT;
        if (accepted) {
          const reason = input.correctionReason ?? row.correctionReason;
          if (!reason) throw ValidationError.field('input.correctionReason', 'is required to correct accepted figures');
          row.correctionReason = reason;
        }
      } else {
        if (accepted && !input.correctionReason) throw ValidationError.field('input.correctionReason', 'is required to correct accepted figures');
        const last = await em.find(AnnualStatistics, { unit: unitId, year: input.year }, { orderBy: { revision: 'desc' }, limit: 1 });
        row = em.create(AnnualStatistics, {
          unit: unitId, year: input.year, template: template!.id, status: StatisticsStatus.DRAFT,
          revision: (last[0]?.revision ?? 0) + 1, supersedesId: accepted?.id ?? null,
          correctionReason: accepted ? input.correctionReason : null, createdById: this.ctx.auth.userId,
        });
      }
      row.figures = figures;
      row.notes = notes;
      row.warnings = warnings;
      await em.flush();
      this.audit.record(em, {
        action: 'statistics.saveAnnualStatistics', targetType: 'AnnualStatistics', targetId: toGlobalId('AnnualStatistics', row.id),
        scopePath: unit!.path, before, after: snapshot(row),
      });
      return row;
    });
  }

  /**
   * Submits a draft for review after every check passes. The row lock serialises concurrent
   * submits and the (unit, key) unique constraint backs it: the same key submits at most once,
   * and repeats return the submitted row without writing anything.
   */
  async submit(raw: SubmitAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(submitStatisticsSchema, raw);
    const id = decodeIntId(input.id, 'AnnualStatistics', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const row = await em.findOne(AnnualStatistics, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const unit = row ? await em.findOneOrFail(OrgUnit, { id: row.unit.id }) : null;
      if (!row || !unit || !this.isStaffOf(unit)) throw new NotFoundError('Annual statistics');
      if (!this.ctx.auth.hasRoleOver(REPORTING_ROLES, unit.path)) throw new ForbiddenError(`Only a LIAISON or OFFICE_ADMIN of ${unit.name} may submit its statistics`);
      const done = await em.findOne(StatisticsSubmission, { unitId: unit.id, idempotencyKey: input.idempotencyKey });
      if (done) {
        if (done.statisticsId !== row.id) throw new ConflictError('This idempotency key was already used for another submission');
        return row;
      }
      if (row.status !== StatisticsStatus.DRAFT && row.status !== StatisticsStatus.RETURNED) {
        throw new ConflictError(`The statistics are ${row.status}: only a draft or returned revision can be submitted`);
      }
      assertVersion(row.version, input.expectedVersion, 'The statistics');
      const template = await em.findOneOrFail(StatisticsTemplate, { id: row.template.id });
      const typed = checkCellTypes(template.definition, row.figures, template.code);
      const problems = [...typed.problems, ...checkRules(template.definition, typed.figures, await this.previousAccepted(em, unit.id, row.year))];
      if (problems.length) throw new ValidationError(problems);
      const before = snapshot(row);
      em.create(StatisticsSubmission, { statisticsId: row.id, unitId: unit.id, idempotencyKey: input.idempotencyKey, submittedById: this.ctx.auth.userId });
      row.status = StatisticsStatus.SUBMITTED;
      row.warnings = [];
      row.submittedAt = new Date();
      row.submittedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, { action: 'statistics.submitAnnualStatistics', targetType: 'AnnualStatistics', targetId: input.id, scopePath: unit.path, before, after: snapshot(row) });
      return row;
    });
  }

  /** Accepts submitted figures (OFFICE_ADMIN over the unit's parent); they are frozen from then on. */
  async accept(raw: ReviewAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(acceptStatisticsSchema, raw);
    return this.review(input.id, input.expectedVersion, input.comment ?? null, true);
  }

  /** Returns submitted figures to the unit with a comment (OFFICE_ADMIN over the unit's parent). */
  async returnForRevision(raw: ReviewAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(returnStatisticsSchema, raw);
    return this.review(input.id, input.expectedVersion, input.comment, false);
  }

  private async review(globalId: string, expectedVersion: number | null | undefined, comment: string | null, accept: boolean): Promise<AnnualStatistics> {
    const id = decodeIntId(globalId, 'AnnualStatistics', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const row = await em.findOne(AnnualStatistics, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const unit = row ? await em.findOneOrFail(OrgUnit, { id: row.unit.id }) : null;
      if (!row || !unit || !this.isStaffOf(unit)) throw new NotFoundError('Annual statistics');
      const parent = unit.parent ? await em.findOneOrFail(OrgUnit, { id: unit.parent.id }) : null;
      const mayReview = parent ? this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, parent.path) : this.ctx.auth.isCentralAdmin;
      if (!mayReview) throw new ForbiddenError(`Only an OFFICE_ADMIN of the unit above ${unit.name} may ${accept ? 'accept' : 'return'} its statistics`);
      if (row.status !== StatisticsStatus.SUBMITTED) throw new ConflictError(`The statistics are ${row.status}, not SUBMITTED`);
      assertVersion(row.version, expectedVersion, 'The statistics');
      const before = snapshot(row);
      if (accept) {
        // The accepted revision a correction replaces is kept, marked SUPERSEDED; flushed first so the
        // one-accepted-per-year index never sees two.
        await em.nativeUpdate(AnnualStatistics, { unit: unit.id, year: row.year, status: StatisticsStatus.ACCEPTED }, { status: StatisticsStatus.SUPERSEDED });
        row.status = StatisticsStatus.ACCEPTED;
        row.acceptedAt = new Date();
      } else {
        row.status = StatisticsStatus.RETURNED;
      }
      row.reviewComment = comment;
      row.reviewedAt = new Date();
      row.reviewedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: accept ? 'statistics.acceptAnnualStatistics' : 'statistics.returnAnnualStatistics', targetType: 'AnnualStatistics',
        targetId: globalId, scopePath: unit.path, before, after: snapshot(row),
      });
      return row;
    });
  }
}

export type { StatisticsProblem };
