import { readModel, readModels } from '../../db/read-model';
import { runSql, runSqlOne } from '../../db/sql';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { ConflictError, FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit } from '../organisation';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualStatistics, StatisticsStatus, StatisticsSubmission } from './annual-statistics.entity';
import { cellsOf, checkCellTypes, checkRules, Figures, StatisticsProblem } from './statistics.checks';
import {
  acceptStatisticsSchema, ReviewAnnualStatisticsInput, returnStatisticsSchema, SaveAnnualStatisticsInput, saveStatisticsSchema,
  SubmitAnnualStatisticsInput, submitStatisticsSchema,
} from './statistics.inputs';
import { StatisticsTemplate } from './statistics-template.entity';
import {
  carriedCellsJson, REPORTING_KINDS, REPORTING_ROLES, reportingGrantsJson, saveDraftSql, SaveDraftRow, snapshot, templatesSql, unitPathAndNameSql,
} from './statistics.queries';

export { REPORTING_KINDS, REPORTING_ROLES };

/** The working revision a save found (when it wrote nothing). */
interface DraftRevision { status: StatisticsStatus; version: number; correctionReason: string | null }
/** Last year's accepted figures (the carried cells) a save read with the row it wrote, for its warnings. */
const lastYearKnown = new WeakMap<AnnualStatistics, Figures | null>();
type ParsedSave = ReturnType<typeof saveStatisticsSchema.parse>;

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
    cached = runSql(em, templatesSql()).then((rows) => readModels(em, StatisticsTemplate, rows));
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

  /** Has the unit published its annual report for the year? (Its accepted figures are then public, also while a correction is prepared.) */
  async isPublished(unitId: number, year: number): Promise<boolean> {
    return (await this.ctx.em.count(AnnualReportPublication, { unit: unitId, year })) > 0;
  }

  /** Last year's accepted figures of the unit, for CARRY_OVER rules. */
  private async previousAccepted(em: EntityManager, unitId: number, year: number): Promise<Figures | null> {
    const prev = await em.findOne(AnnualStatistics, { unit: unitId, year: year - 1, status: StatisticsStatus.ACCEPTED });
    return prev?.figures ?? null;
  }

  /**
   * Saves a draft. Bad input (scope, template, unknown cells, wrong types) is refused with every
   * problem named. Rule problems (sums, identities, carry-over) are not refused: the `warnings`
   * field works them out when read (`warningsOf`). On accepted figures a save starts a correction:
   * a new revision with a reason, the accepted one kept.
   *
   * Liaisons of every office save drafts through the filing season, so this is the hot write: one
   * statement. The template and cell checks need no database (templates are cached, the caller's
   * grants are in the principal). The statement checks the caller's scope over the unit, updates
   * the working revision it read (only that version, only a draft or returned one) or inserts the
   * first one, writes the audit record with both snapshots, and answers, when nothing was written,
   * what it found, so the refusal can say why. A save that lost a race to a concurrent one (the
   * draft changed, or the first revision was created meanwhile) tries again; with an
   * `expectedVersion` the retry reports the conflict.
   */
  async save(raw: SaveAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(saveStatisticsSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const notes = Object.fromEntries(Object.entries(input.notes ?? {}).filter(([, v]) => v));
    const { template, figures, problems } = await this.checkFigures(input);
    if (problems.length) {
      // Refused anyway: read the unit too, so a scope problem is named with the others.
      const unit = await runSqlOne<{ path: string; name: string }>(this.ctx.em, unitPathAndNameSql(unitId));
      throw new ValidationError([...this.scopeProblems(unit ?? null), ...problems]);
    }
    for (let attempt = 1; ; attempt++) {
      const result = await this.writeDraft(unitId, input, template!, figures, notes);
      if (result.saved) return result.saved;
      const { unit, working, hasAccepted } = result;
      const scope = this.scopeProblems(unit);
      if (scope.length) throw new ValidationError(scope);
      if (working?.status === StatisticsStatus.SUBMITTED) throw new ConflictError('The statistics are submitted and wait for review: they cannot be edited until returned');
      if (working) assertVersion(working.version, input.expectedVersion, 'The statistics');
      if (hasAccepted && !input.correctionReason && !working?.correctionReason) throw ValidationError.field('input.correctionReason', 'is required to correct accepted figures');
      if (attempt === 3) throw new ConflictError('The statistics changed while they were being saved; read them again and retry');
    }
  }

  /** The unit must exist and the caller report for it (LIAISON or OFFICE_ADMIN over it). */
  private scopeProblems(unit: { path: string; name: string } | null): FieldProblem[] {
    if (!unit) return [{ field: 'input.unitId', message: 'is not an existing unit' }];
    if (this.ctx.auth.hasRoleOver(REPORTING_ROLES, unit.path)) return [];
    return [{ field: 'input.unitId', message: `you may not report statistics for ${unit.name}: requires LIAISON or OFFICE_ADMIN over it` }];
  }

  /** Template and cell types, which need nothing from the database: the problems, else the template and the clean figures. */
  private async checkFigures(input: ParsedSave): Promise<{ template: StatisticsTemplate | null; figures: Figures; problems: FieldProblem[] }> {
    const problems: FieldProblem[] = [];
    let template: StatisticsTemplate | null;
    // The template the figures are checked against, even when it does not apply, so every problem is named at once.
    let checkedAgainst: StatisticsTemplate | null;
    if (input.templateCode) {
      const newest = (await installedTemplates(this.ctx.em)).filter((t) => t.code === input.templateCode).sort((a, b) => b.version - a.version)[0];
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
      const cells = cellsOf(checkedAgainst.definition);
      for (const key of Object.keys(input.notes ?? {})) {
        if (!cells.has(key)) problems.push({ field: `input.notes.${key}`, message: `is not a cell of template ${checkedAgainst.code}` });
      }
    }
    return { template, figures, problems };
  }

  /**
   * The save as one statement (see `save`). `saved` is the written row; when nothing was written,
   * `unit`, `working` and `hasAccepted` are what the statement found. Last year's accepted figures
   * of the cells the template carries over come back with the row, for its warnings.
   */
  private async writeDraft(unitId: number, input: ParsedSave, template: StatisticsTemplate, figures: Figures, notes: Record<string, string>): Promise<{
    saved: AnnualStatistics | null; unit: { path: string; name: string } | null; working: DraftRevision | null; hasAccepted: boolean;
  }> {
    const em = this.ctx.em;
    const row = (await runSqlOne<SaveDraftRow>(em, saveDraftSql(em, {
      actor: { userId: this.ctx.auth.userId, username: this.ctx.auth.username, requestId: this.ctx.requestId },
      unitId, year: input.year, templateId: template.id, figuresJson: JSON.stringify(figures), notesJson: JSON.stringify(notes),
      // An empty reason is no reason (the refusal below treats it so too).
      reason: input.correctionReason || null,
      expectedVersion: input.expectedVersion ?? null,
      // The caller's grants that allow reporting, checked against the unit's path in the statement.
      grantsJson: reportingGrantsJson(this.ctx.auth),
      carriedJson: carriedCellsJson(template.definition),
    }), { prepare: true }))!;
    if (!row.row) {
      return { saved: null, unit: row.path === null ? null : { path: row.path, name: row.name! }, working: row.working as DraftRevision | null, hasAccepted: row.has_accepted };
    }
    const saved = readModel(this.ctx.em, AnnualStatistics, { ...row.row, figures, notes, warnings: [] });
    lastYearKnown.set(saved, row.previous as Figures | null);
    return { saved, unit: null, working: null, hasAccepted: false };
  }

  /**
   * Rule problems of a draft or returned revision: its figures against its template's rules and
   * last year's accepted figures (carry-over). Worked out when read, so a save needs no read of
   * its own; submitted and accepted revisions passed every rule.
   */
  async warningsOf(s: AnnualStatistics, lastYear: (unitId: number, year: number) => Promise<Figures | null>): Promise<StatisticsProblem[]> {
    if (s.status !== StatisticsStatus.DRAFT && s.status !== StatisticsStatus.RETURNED) return [];
    const template = (await installedTemplates(this.ctx.em)).find((t) => t.id === s.template.id);
    if (!template) return [];
    const previous = lastYearKnown.has(s) ? lastYearKnown.get(s)! : await lastYear(s.unit.id, s.year - 1);
    return checkRules(template.definition, s.figures, previous);
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
