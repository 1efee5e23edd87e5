import { executePrepared } from '../../db/prepared';
import { readModel, readModels } from '../../db/read-model';
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
import { cellsOf, checkCellTypes, checkRules, Figures, StatisticsProblem } from './statistics.checks';
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

/**
 * What the audit trail records of a revision: key, column, and how to read it from an entity. One
 * list serves both snapshots: `snapshot` of a loaded row, and `snapshotSql` where a save builds
 * them in the database, so the two shapes cannot drift apart.
 */
const SNAPSHOT_FIELDS: readonly [key: string, column: string, read: (s: AnnualStatistics) => unknown][] = [
  ['unitId', 'unit_id', (s) => s.unit.id], ['year', 'year', (s) => s.year], ['templateId', 'template_id', (s) => s.template.id],
  ['revision', 'revision', (s) => s.revision], ['status', 'status', (s) => s.status], ['figures', 'figures', (s) => s.figures],
  ['notes', 'notes', (s) => s.notes], ['correctionReason', 'correction_reason', (s) => s.correctionReason ?? null],
  ['reviewComment', 'review_comment', (s) => s.reviewComment ?? null], ['version', 'version', (s) => s.version],
];

/** Snapshot of a revision for the audit trail. */
function snapshot(s: AnnualStatistics): Record<string, unknown> {
  return Object.fromEntries(SNAPSHOT_FIELDS.map(([key, , read]) => [key, read(s)]));
}

const snapshotSqlByRelation = new Map<string, string>();
/** `snapshot` in SQL, over a relation with annual_statistics' columns (built once per relation name). */
function snapshotSql(r: string): string {
  let sql = snapshotSqlByRelation.get(r);
  if (!sql) snapshotSqlByRelation.set(r, (sql = `jsonb_build_object(${SNAPSHOT_FIELDS.map(([key, column]) => `'${key}', ${r}.${column}`).join(', ')})`));
  return sql;
}

/** What a save reads before it writes. */
interface DraftRevision { id: number; status: StatisticsStatus; version: number; revision: number; correctionReason: string | null }
interface DraftStateRow { path: string; name: string; current: DraftRevision[]; last_revision: number | null; previous: Figures | null; new_id: string | null }
interface DraftState {
  unitId: number; year: number; path: string; name: string; lastRevision: number; previous: Figures | null; newId: number | null;
  working: DraftRevision | null; accepted: DraftRevision | null;
}
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
   *
   * Liaisons of every office save drafts through the filing season, so this is the hot write.
   * It reads the unit and the year's rows in one statement, checks in memory (templates are
   * cached), and writes the row and its audit record in one more: a single statement is atomic,
   * and the write only applies to the version it read. A save that raced another one (the draft
   * changed, or the first revision was created meanwhile) reads again and retries; with an
   * `expectedVersion` the retry reports the conflict.
   */
  async save(raw: SaveAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(saveStatisticsSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const notes = Object.fromEntries(Object.entries(input.notes ?? {}).filter(([, v]) => v));
    for (let attempt = 1; ; attempt++) {
      const state = await this.draftState(unitId, input.year);
      const { template, figures } = await this.checkDraft(input, state);
      const saved = await this.writeDraft(input, state, template, figures, notes);
      if (saved) return saved;
      if (attempt === 3) throw new ConflictError('The statistics changed while they were being saved; read them again and retry');
    }
  }

  /** The unit, the year's working and accepted revisions, and last year's accepted figures: one statement. */
  private async draftState(unitId: number, year: number): Promise<DraftState | null> {
    const [row] = await executePrepared<DraftStateRow>(this.ctx.em, `
      select u.path, u.name, a.current, a.last_revision, a.previous,
             -- The id of a first revision is drawn now, so the audit record can name it in the same write.
             case when not a.has_working then nextval('annual_statistics_id_seq') end as new_id
        from org_unit u,
             lateral (select coalesce(json_agg(json_build_object('id', s.id, 'status', s.status, 'version', s.version, 'revision', s.revision,
                                                'correctionReason', s.correction_reason)) filter (where s.year = ? and s.status <> 'SUPERSEDED'), '[]') as current,
                             max(s.revision) filter (where s.year = ?) as last_revision,
                             (array_agg(s.figures) filter (where s.year = ? and s.status = 'ACCEPTED'))[1] as previous,
                             coalesce(bool_or(s.year = ? and s.status in ('DRAFT', 'SUBMITTED', 'RETURNED')), false) as has_working
                        from annual_statistics s where s.unit_id = u.id and s.year in (?, ?)) a
       where u.id = ?`, [year, year, year - 1, year, year, year - 1, unitId]);
    if (!row) return null;
    return {
      unitId, year, path: row.path, name: row.name, lastRevision: row.last_revision ?? 0, previous: row.previous, newId: row.new_id === null ? null : Number(row.new_id),
      working: row.current.find((r) => WORKING.includes(r.status)) ?? null,
      accepted: row.current.find((r) => r.status === StatisticsStatus.ACCEPTED) ?? null,
    };
  }

  /** Scope, template and cell types: every problem at once (a ValidationError), else the clean figures. */
  private async checkDraft(input: ParsedSave, state: DraftState | null): Promise<{ template: StatisticsTemplate; figures: Figures }> {
    const problems: FieldProblem[] = [];
    if (!state) problems.push({ field: 'input.unitId', message: 'is not an existing unit' });
    else if (!this.ctx.auth.hasRoleOver(REPORTING_ROLES, state.path)) {
      problems.push({ field: 'input.unitId', message: `you may not report statistics for ${state.name}: requires LIAISON or OFFICE_ADMIN over it` });
    }
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
    if (problems.length) throw new ValidationError(problems);
    return { template: template!, figures };
  }

  /**
   * Writes the draft and its audit record in one statement, only over the revision `state` saw.
   * Returns null when that state no longer holds (a concurrent save won); nothing is written then.
   */
  private async writeDraft(input: ParsedSave, state: DraftState | null, template: StatisticsTemplate, figures: Figures, notes: Record<string, string>): Promise<AnnualStatistics | null> {
    const { working, accepted } = state!;
    const warnings = checkRules(template.definition, figures, state!.previous);
    let sql: string;
    let params: unknown[];
    if (working) {
      if (working.status === StatisticsStatus.SUBMITTED) throw new ConflictError('The statistics are submitted and wait for review: they cannot be edited until returned');
      assertVersion(working.version, input.expectedVersion, 'The statistics');
      let correctionReason = working.correctionReason;
      if (accepted) {
        correctionReason = input.correctionReason ?? working.correctionReason;
        if (!correctionReason) throw ValidationError.field('input.correctionReason', 'is required to correct accepted figures');
      }
      // `previous`: the row as it was, for the audit record (the statement sees the state before its update).
      sql = `previous as (select * from annual_statistics where id = ?),
             saved as (update annual_statistics set template_id = ?, status = 'DRAFT', figures = ?::jsonb, notes = ?::jsonb, warnings = ?::jsonb,
                              correction_reason = ?, version = version + 1, updated_at = now()
                        where id = ? and version = ? and status in ('DRAFT', 'RETURNED')
                       returning *)`;
      params = [working.id, template.id, JSON.stringify(figures), JSON.stringify(notes), JSON.stringify(warnings), correctionReason ?? null, working.id, working.version];
    } else {
      if (accepted && !input.correctionReason) throw ValidationError.field('input.correctionReason', 'is required to correct accepted figures');
      // `on conflict do nothing`: a concurrent first save holds the working-row index or the revision number.
      sql = `saved as (insert into annual_statistics (id, unit_id, year, template_id, status, revision, supersedes_id, correction_reason, created_by_id, figures, notes, warnings)
                       values (?, ?, ?, ?, 'DRAFT', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                       on conflict do nothing
                       returning *)`;
      params = [state!.newId, state!.unitId, input.year, template.id, state!.lastRevision + 1, accepted?.id ?? null, accepted ? input.correctionReason! : null,
        this.ctx.auth.userId, JSON.stringify(figures), JSON.stringify(notes), JSON.stringify(warnings)];
    }
    const audit = this.audit.insertSql({
      action: 'statistics.saveAnnualStatistics', targetType: 'AnnualStatistics', targetId: toGlobalId('AnnualStatistics', working?.id ?? state!.newId!), scopePath: state!.path,
    }, working ? 'saved, previous' : 'saved', { before: working ? snapshotSql('previous') : 'null::jsonb', after: snapshotSql('saved') });
    // The written row comes back without the figures, notes and warnings just sent: no point in
    // PostgreSQL printing them and Node parsing them again.
    const rows = await executePrepared<{ row: Record<string, unknown> }>(this.ctx.em,
      `with ${sql}, audited as (${audit.insert}) select to_jsonb(saved) - 'figures' - 'notes' - 'warnings' as row from saved`, [...params, ...audit.params]);
    return rows.length ? readModel(this.ctx.em, AnnualStatistics, { ...rows[0].row, figures, notes, warnings }) : null;
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
