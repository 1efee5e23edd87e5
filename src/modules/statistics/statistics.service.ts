import { executePrepared } from '../../db/prepared';
import { readModel, readModels, rowJsonSql } from '../../db/read-model';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { ConflictError, FieldProblem, ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId, globalIdSql } from '../../common/global-id';
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
import type { TemplateDefinition } from './template-definitions';

/** Roles that may fill in and submit a unit's statistics. */
export const REPORTING_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_ADMIN];
/** Unit kinds expected to submit yearly statistics (sections report through their division). */
export const REPORTING_KINDS = ['ADMINISTRATION', 'DISTRICT', 'SUBORDINATE_OFFICE', 'DIVISION'];

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

/** The working revision a save found (when it wrote nothing). */
interface DraftRevision { status: StatisticsStatus; version: number; correctionReason: string | null }
/**
 * The save statement, built once: the same string every time, so looking up its prepared form
 * (db/prepared.ts) compares pointers instead of hashing three kilobytes of SQL per save.
 */
let saveSql: string | undefined;

/** Columns a save does not return: the figures, notes and warnings it just sent. */
const SENT_COLUMNS = new Set(['figures', 'notes', 'warnings']);
const grantsJson = new WeakMap<Principal, string>();
/** The caller's grants that allow reporting, as the save statement takes them (JSON, made once per principal). */
function reportingGrantsJson(auth: Principal): string {
  let json = grantsJson.get(auth);
  if (json === undefined) grantsJson.set(auth, (json = JSON.stringify(auth.grantsFor(REPORTING_ROLES).map((g) => ({ path: g.unitPath, cascade: g.cascade })))));
  return json;
}
const carriedJson = new WeakMap<TemplateDefinition, string>();
/** The cells of last year's figures a template's carry-over rules compare (JSON, made once per template). */
function carriedCellsJson(def: TemplateDefinition): string {
  let json = carriedJson.get(def);
  if (json === undefined) carriedJson.set(def, (json = JSON.stringify(def.rules.flatMap((r) => (r.kind === 'CARRY_OVER' && r.previousCell ? [r.previousCell] : [])))));
  return json;
}
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
    cached = em.execute<Record<string, unknown>[]>('select * from statistics_template')
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
      const [unit] = await this.ctx.em.getConnection().execute<{ path: string; name: string }[]>('select path, name from org_unit where id = ?', [unitId]);
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
    // The caller's grants that allow reporting, checked against the unit's path in the statement.
    const grants = reportingGrantsJson(this.ctx.auth);
    const carried = carriedCellsJson(template.definition);
    // An empty reason is no reason (the refusal below treats it so too).
    const reason = input.correctionReason || null;
    const audit = this.audit.insertSql({ action: 'statistics.saveAnnualStatistics', targetType: 'AnnualStatistics' },
      // Every part of one statement reads the same snapshot: `old` is the row as it was before the update.
      'saved left join annual_statistics old on old.id = saved.id, u', {
        targetId: globalIdSql('AnnualStatistics', 'saved.id'), scopePath: 'u.path',
        before: `case when old.id is null then null else ${snapshotSql('old')} end`, after: snapshotSql('saved'),
      });
    const [row] = await executePrepared<{
      row: Record<string, unknown> | null; path: string | null; name: string | null; working: DraftRevision | null; has_accepted: boolean; previous: Figures | null;
    }>(this.ctx.em, saveSql ??= `
      with sent as (select ?::jsonb as figures, ?::jsonb as notes, ?::text as reason),
      u as (select id, path, name from org_unit where id = ?),
      allowed as (select exists (select 1 from u, jsonb_to_recordset(?::jsonb) g(path text, cascade boolean)
                                 where case when g.cascade then starts_with(u.path, g.path) else u.path = g.path end) as ok),
      cur as (select id, status, version, revision, correction_reason from annual_statistics where unit_id = ? and year = ? and status <> 'SUPERSEDED'),
      working as (select * from cur where status in ('DRAFT', 'SUBMITTED', 'RETURNED')),
      accepted as (select id from cur where status = 'ACCEPTED'),
      updated as (
        update annual_statistics s
           set template_id = ?, status = 'DRAFT', figures = sent.figures, notes = sent.notes, warnings = '[]',
               correction_reason = case when exists (select 1 from accepted) then coalesce(sent.reason, s.correction_reason) else s.correction_reason end,
               version = s.version + 1, updated_at = now()
          from working w, allowed a, sent
         where s.id = w.id and a.ok and s.version = w.version and s.status in ('DRAFT', 'RETURNED')
           and (?::int is null or s.version = ?::int)
           and (not exists (select 1 from accepted) or coalesce(sent.reason, s.correction_reason) is not null)
        returning s.*),
      -- on conflict do nothing: a concurrent first save holds the working-row index or the revision number.
      inserted as (
        insert into annual_statistics (unit_id, year, template_id, status, revision, supersedes_id, correction_reason, created_by_id, figures, notes, warnings)
        select u.id, ?, ?, 'DRAFT', coalesce((select max(revision) from annual_statistics where unit_id = u.id and year = ?), 0) + 1,
               (select id from accepted), case when exists (select 1 from accepted) then sent.reason end, ?::int, sent.figures, sent.notes, '[]'
          from u, allowed a, sent
         where a.ok and not exists (select 1 from working) and (not exists (select 1 from accepted) or sent.reason is not null)
        on conflict do nothing
        returning *),
      saved as (select * from updated union all select * from inserted),
      audited as (${audit.insert}),
      -- Last year's accepted figures, read from storage once (the concatenation makes an in-memory
      -- copy; each -> on the stored value would fetch it again), for the carried cells.
      last_year as materialized (select figures || '{}'::jsonb as figures from annual_statistics where unit_id = ? and year = ? and status = 'ACCEPTED')
      select (select ${rowJsonSql(this.ctx.em, AnnualStatistics, 'saved', (c) => !SENT_COLUMNS.has(c))} from saved) as row,
             -- What was found, for the refusal when nothing was written (scope is told again from the path).
             (select path from u) as path, (select name from u) as name,
             (select json_build_object('status', status, 'version', version, 'correctionReason', correction_reason) from working) as working,
             exists (select 1 from accepted) as has_accepted,
             (select jsonb_object_agg(k, l.figures -> k) from last_year l, jsonb_array_elements_text(?::jsonb) k where l.figures -> k is not null) as previous`,
      [JSON.stringify(figures), JSON.stringify(notes), reason, unitId, grants, unitId, input.year,
        template.id, input.expectedVersion ?? null, input.expectedVersion ?? null,
        input.year, template.id, input.year, this.ctx.auth.userId,
        ...audit.params, unitId, input.year - 1, carried]);
    if (!row.row) {
      return { saved: null, unit: row.path === null ? null : { path: row.path, name: row.name! }, working: row.working, hasAccepted: row.has_accepted };
    }
    const saved = readModel(this.ctx.em, AnnualStatistics, { ...row.row, figures, notes, warnings: [] });
    lastYearKnown.set(saved, row.previous);
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
