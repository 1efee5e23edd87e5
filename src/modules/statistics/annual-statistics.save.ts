import { readModel } from '../../db/read-model';
import { runSql, runSqlOne } from '../../db/sql';
import { ConflictError, msg, type Text, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { translatorOf } from '../../i18n';
import { decodeIntId } from '../../common/global-id';
import { assertVersion } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AnnualStatistics, CellSource, StatisticsScope, StatisticsStatus } from './annual-statistics.entity';
import { cellsOf, checkCellTypes, checkRules, Figures, StatisticsProblem } from './statistics.checks';
import { SaveAnnualStatisticsInput, saveStatisticsSchema } from './statistics.inputs';
import { mayReportFor, reportingGrantsJson } from './statistics.policy';
import { editableRefusal } from './statistics-actions.policy';
import { saveDraftSql, SaveDraftRow, unitPathAndNameSql, unitPathsSql } from './statistics.queries';
import { StatisticsTemplateService } from './statistics-template.service';
import { computeTotals } from './statistics.totals';
import type { StatisticsTemplate } from './statistics-template.entity';
import type { TemplateDefinition } from './template-definitions';

/** The working revision a save found (when it wrote nothing). */
interface DraftRevision {
  status: StatisticsStatus;
  version: number;
  correctionReason: string | null;
}
type ParsedSave = ReturnType<typeof saveStatisticsSchema.parse>;

/** How a save was made, beyond its input: by a person (the default) or by a service filling cells from records. */
export interface SaveOptions {
  /**
   * Where cells of `figures` came from when not typed (cell key → REGISTER or CATALOGUE), e.g.
   * the requests register filling table 3. Sums are computed over them like over typed cells.
   */
  sources?: Record<string, CellSource>;
}

/**
 * Last year's accepted figures (the carried cells) a save read with the row it wrote, for its
 * warnings; kept as long as the saved row is.
 */
const lastYearKnown = new WeakMap<AnnualStatistics, Figures | null>();

const carriedJson = new WeakMap<TemplateDefinition, string>();
/** The cells of last year's figures a template's carry-over rules compare (JSON, made once per template definition and kept as long as it). */
function carriedCellsJson(def: TemplateDefinition): string {
  let json = carriedJson.get(def);
  if (json === undefined)
    carriedJson.set(def, (json = JSON.stringify(def.rules.flatMap((r) => (r.kind === 'CARRY_OVER' && r.previousCell ? [r.previousCell] : [])))));
  return json;
}

/**
 * The hot write of the statistics module: saving a draft in one statement, and the warnings of
 * drafts, which a save leaves to be worked out when read.
 */
export class AnnualStatisticsSave {
  private readonly templates: StatisticsTemplateService;
  constructor(private readonly ctx: ServiceContext) {
    this.templates = new StatisticsTemplateService(ctx);
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
  async save(raw: SaveAnnualStatisticsInput, options: SaveOptions = {}): Promise<AnnualStatistics> {
    const input = parseInput(saveStatisticsSchema, raw);
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const notes = Object.fromEntries(Object.entries(input.notes ?? {}).filter(([, v]) => v));
    const { template, figures, sources, problems } = await this.checkFigures(input, options.sources ?? {});
    const contributorIds = await this.checkContributors(unitId, input, problems);
    if (problems.length) {
      // Refused anyway: read the unit too, so a scope problem is named with the others.
      const unit = await runSqlOne<{ path: string; name: string }>(this.ctx.em, unitPathAndNameSql(unitId));
      throw new ValidationError([...this.scopeProblems(unit ?? null), ...problems]);
    }
    for (let attempt = 1; ; attempt++) {
      const result = await this.writeDraft(unitId, input, template!, figures, sources, notes, contributorIds);
      if (result.saved) return result.saved;
      const { unit, working, hasAccepted } = result;
      const scope = this.scopeProblems(unit);
      if (scope.length) throw new ValidationError(scope);
      // A submitted working revision waits for its review (the rule AnnualStatistics.viewerCan shows).
      if (working) enforce(editableRefusal(working.status));
      if (working) assertVersion(working.version, input.expectedVersion, 'The statistics');
      if (hasAccepted && !input.correctionReason && !working?.correctionReason)
        throw ValidationError.field('input.correctionReason', msg('statistics.save.correctionReasonRequired'));
      if (attempt === 3) throw new ConflictError(msg('statistics.save.changedMeanwhile'));
    }
  }

  /**
   * The contributors a consolidated submission names: units strictly below the unit (a consolidated
   * figure stands for the unit's subtree, so it cannot include anyone else's). Problems are added to
   * `problems`; answers the contributors' ids.
   */
  private async checkContributors(unitId: number, input: ParsedSave, problems: { field: string; message: Text }[]): Promise<number[]> {
    const globalIds = input.contributorIds ?? [];
    if (!globalIds.length) return [];
    if (input.scope !== StatisticsScope.CONSOLIDATED) {
      problems.push({ field: 'input.contributorIds', message: msg('statistics.contributorsNeedConsolidated') });
      return [];
    }
    const ids: number[] = [];
    globalIds.forEach((g, i) => {
      try {
        ids.push(decodeIntId(g, 'OrgUnit', `input.contributorIds.${i}`));
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        problems.push(...e.problems);
      }
    });
    const rows = await runSql<{ id: number; path: string }>(this.ctx.em, unitPathsSql([unitId, ...ids]));
    const paths = new Map(rows.map((r) => [r.id, r.path]));
    const own = paths.get(unitId);
    ids.forEach((id, i) => {
      const path = paths.get(id);
      if (!path) problems.push({ field: `input.contributorIds.${i}`, message: msg('statistics.contributorUnknown') });
      else if (own && (id === unitId || !path.startsWith(own)))
        problems.push({ field: `input.contributorIds.${i}`, message: msg('statistics.contributorOutside') });
    });
    return [...new Set(ids)];
  }

  /** The unit must exist and the caller report for it (LIAISON or OFFICE_ADMIN over it). */
  private scopeProblems(unit: { path: string; name: string } | null): { field: string; message: Text }[] {
    if (!unit) return [{ field: 'input.unitId', message: msg('statistics.save.unknownUnit') }];
    if (mayReportFor(this.ctx.auth, unit.path)) return [];
    return [{ field: 'input.unitId', message: msg('statistics.save.notReporter', { unit: unit.name }) }];
  }

  /**
   * Template, cell types and computed totals, which need nothing from the database: the problems,
   * else the template, the clean figures with their sums computed, and the cells' sources.
   */
  private async checkFigures(
    input: ParsedSave,
    given: Record<string, CellSource>,
  ): Promise<{ template: StatisticsTemplate | null; figures: Figures; sources: Record<string, CellSource>; problems: { field: string; message: Text }[] }> {
    const problems: { field: string; message: Text }[] = [];
    let template: StatisticsTemplate | null;
    // The template the figures are checked against, even when it does not apply, so every problem is named at once.
    let checkedAgainst: StatisticsTemplate | null;
    if (input.templateCode) {
      const newest = await this.templates.newestOf(input.templateCode);
      template = await this.templates.templateFor(input.year, input.templateCode);
      checkedAgainst = template ?? newest;
      if (!newest) problems.push({ field: 'input.templateCode', message: msg('statistics.save.unknownTemplate') });
      else if (newest.definition.supplementTo)
        problems.push({
          field: 'input.templateCode',
          message: msg('statistics.save.supplementOnly', { code: newest.code, main: newest.definition.supplementTo }),
        });
      else if (!template)
        problems.push({
          field: 'input.templateCode',
          message: msg('statistics.save.templateNotForYear', { code: input.templateCode, year: input.year, from: newest.yearFrom, to: newest.yearTo ?? '' }),
        });
    } else {
      template = checkedAgainst = await this.templates.templateFor(input.year);
      if (!template) problems.push({ field: 'input.year', message: msg('statistics.save.noTemplateForYear', { year: input.year }) });
    }
    let figures: Figures = {};
    let sources: Record<string, CellSource> = {};
    if (checkedAgainst && !checkedAgainst.definition.supplementTo) {
      // The main template plus the supplements that apply to the year (the customs supplement to GOV-2021).
      const def = await this.templates.definitionFor(checkedAgainst, input.year);
      const typed = checkCellTypes(def, input.figures, checkedAgainst.code);
      const totals = computeTotals(def, typed.figures, given);
      figures = totals.figures;
      sources = totals.sources;
      problems.push(...typed.problems, ...totals.problems);
      const cells = cellsOf(def);
      for (const key of Object.keys(input.notes ?? {})) {
        if (!cells.has(key)) problems.push({ field: `input.notes.${key}`, message: msg('statistics.checks.unknownCell', { template: checkedAgainst.code }) });
      }
    }
    return { template, figures, sources, problems };
  }

  /**
   * The save as one statement (see `save`). `saved` is the written row; when nothing was written,
   * `unit`, `working` and `hasAccepted` are what the statement found. Last year's accepted figures
   * of the cells the template carries over come back with the row, for its warnings.
   */
  private async writeDraft(
    unitId: number,
    input: ParsedSave,
    template: StatisticsTemplate,
    figures: Figures,
    sources: Record<string, CellSource>,
    notes: Record<string, string>,
    contributorIds: number[],
  ): Promise<{
    saved: AnnualStatistics | null;
    unit: { path: string; name: string } | null;
    working: DraftRevision | null;
    hasAccepted: boolean;
  }> {
    const em = this.ctx.em;
    const row = (await runSqlOne<SaveDraftRow>(
      em,
      saveDraftSql(em, {
        actor: { userId: this.ctx.auth.userId, username: this.ctx.auth.username, requestId: this.ctx.requestId },
        unitId,
        year: input.year,
        templateId: template.id,
        figuresJson: JSON.stringify(figures),
        notesJson: JSON.stringify(notes),
        sourcesJson: JSON.stringify(sources),
        // An empty reason is no reason (the refusal below treats it so too).
        reason: input.correctionReason || null,
        expectedVersion: input.expectedVersion ?? null,
        // The caller's grants that allow reporting, checked against the unit's path in the statement.
        grantsJson: reportingGrantsJson(this.ctx.auth),
        carriedJson: carriedCellsJson(template.definition),
        scope: input.scope ?? StatisticsScope.OWN,
        contributorIds,
      }),
      { prepare: true },
    ))!;
    if (!row.row) {
      return {
        saved: null,
        unit: row.path === null ? null : { path: row.path, name: row.name! },
        working: row.working as DraftRevision | null,
        hasAccepted: row.has_accepted,
      };
    }
    const saved = readModel(this.ctx.em, AnnualStatistics, { ...row.row, figures, notes, cell_sources: sources, warnings: [] });
    lastYearKnown.set(saved, row.previous as Figures | null);
    return { saved, unit: null, working: null, hasAccepted: false };
  }

  /**
   * Rule problems of a draft or returned revision: its figures against its template's rules and
   * last year's accepted figures (carry-over). Worked out when read, so a save needs no read of
   * its own; submitted and accepted revisions passed every rule. `lastYear` is asked only when the
   * save that returned the row did not bring them.
   */
  async warningsOf(s: AnnualStatistics, lastYear: (unitId: number, year: number) => Promise<Figures | null>): Promise<StatisticsProblem[]> {
    if (s.status !== StatisticsStatus.DRAFT && s.status !== StatisticsStatus.RETURNED) return [];
    const template = await this.templates.byId(s.template.id);
    if (!template) return [];
    const previous = lastYearKnown.has(s) ? lastYearKnown.get(s)! : await lastYear(s.unit.id, s.year - 1);
    // In the request's locale (Accept-Language).
    return checkRules(await this.templates.definitionFor(template, s.year), s.figures, previous, translatorOf(this.ctx));
  }
}
