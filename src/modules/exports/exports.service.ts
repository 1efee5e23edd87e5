import { ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { STAFF_ROLES } from '../../auth/roles';
import { pathScopeSql } from '../../auth/scope';
import { runSql, sql } from '../../db/sql';
import { InspectionSchemeService } from '../inspection';
import { OrgUnit } from '../organisation';
import { RollupService, StatisticsTemplateService } from '../statistics';
import { isStatisticsStaff } from '../statistics/statistics.policy';
import { statisticsExportBatchSql, type StatisticsExportRow } from './exports.queries';
import { fileTexts, messages } from './exports.messages';
import { translatorOf } from '../../i18n';
import { NUMBER_FORMAT, type ExportColumn, type ExportFormat, type TableWriter } from './table-writer';

/** A checked export: its file name (without extension) and the function that streams it. */
export interface PreparedExport {
  fileName: string;
  write: (w: TableWriter) => Promise<void>;
}

/** Units per statement of a statistics export. */
const BATCH = 500;

const numFmtOf = (kind: string): string | undefined =>
  kind === 'COUNT' ? NUMBER_FORMAT.count : kind === 'AMOUNT' ? NUMBER_FORMAT.amount : kind === 'RATE' ? NUMBER_FORMAT.rate : undefined;

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2100) throw ValidationError.field('year', messages.badYear);
}

/**
 * Spreadsheet exports of statistics, roll-ups and inspection results. Each one is checked first
 * (arguments, scope: the same services and policies as the GraphQL fields), so refusals are plain
 * HTTP errors, and then streamed.
 */
export class ExportService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The file's texts in the request's language. */
  private get texts() {
    return fileTexts(translatorOf(this.ctx));
  }

  private async unit(globalId: string | undefined): Promise<OrgUnit> {
    if (!globalId) throw ValidationError.field('unitId', messages.missingUnit);
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', 'unitId') });
    if (!unit) throw new NotFoundError('OrgUnit');
    return unit;
  }

  /**
   * Every unit of a subtree with its current statistics for the year (one row per unit, one column
   * per cell of the year's template), for staff of the unit or its superiors, as `annualStatistics`.
   * Read in keyset batches, so a national export is never held in memory.
   */
  async statistics(unitGlobalId: string | undefined, year: number, batchSize = BATCH): Promise<PreparedExport> {
    checkYear(year);
    const unit = await this.unit(unitGlobalId);
    if (!isStatisticsStaff(this.ctx.auth, unit.path)) throw new ForbiddenError(messages.notStaff(unit.name));
    const template = await new StatisticsTemplateService(this.ctx).templateFor(year);
    if (!template) throw ValidationError.field('year', messages.noTemplate(year));
    const cells = template.definition.cells;
    const h = this.texts.header;
    const columns: ExportColumn[] = [
      { header: h.unitCode, width: 16 },
      { header: h.unitName, width: 28 },
      { header: h.status, width: 10 },
      { header: h.revision, width: 8 },
      { header: h.template, width: 16 },
      ...cells.map((c) => ({ header: this.texts.cell(c.label, c.unit), width: 14, numFmt: numFmtOf(c.kind) })),
    ];
    const inScope = pathScopeSql(this.ctx.auth, STAFF_ROLES, sql`u.path`);
    return {
      fileName: `${unit.code}-${year}-statistics`,
      write: async (w) => {
        await w.sheet(this.texts.sheet.statistics(year), columns);
        let after = '';
        for (;;) {
          const rows = await runSql<StatisticsExportRow>(this.ctx.em, statisticsExportBatchSql(unit.path, inScope, year, after, batchSize));
          for (const r of rows) {
            const f = r.figures ?? {};
            w.row([
              r.code,
              r.name,
              this.texts.state(r.status ?? 'MISSING'),
              r.revision,
              r.template_code,
              ...cells.map((c) => (f[c.key] === undefined ? null : f[c.key])),
            ]);
          }
          await w.drain();
          if (rows.length < batchSize) break;
          after = rows[rows.length - 1].path;
        }
      },
    };
  }

  /**
   * The roll-up of `statisticsRollup` (RollupService, same scope): 本级 and 系统汇总 per cell, then in
   * XLSX a sheet of the direct subordinates' states and a sheet per direct subordinate with its
   * subtree's totals; in CSV (one table) one column per direct subordinate instead.
   */
  async rollup(unitGlobalId: string | undefined, year: number, format: ExportFormat): Promise<PreparedExport> {
    checkYear(year);
    if (!unitGlobalId) throw ValidationError.field('unitId', messages.missingUnit);
    const r = await new RollupService(this.ctx).rollup(unitGlobalId, year);
    const units = await this.ctx.em.find(OrgUnit, { id: { $in: [r.unitId, ...r.children.map((c) => c.unitId)] } });
    const byId = new Map(units.map((u) => [u.id, u]));
    const self = byId.get(r.unitId)!;
    const h = this.texts.header;
    const childName = (id: number) => byId.get(id)?.name ?? String(id);
    const childTotals = r.children.map((c) => new Map(c.totals.map((t) => [t.key, t])));
    const base: ExportColumn[] = [
      { header: h.key, width: 30 },
      { header: h.label, width: 40 },
      { header: h.unit, width: 8 },
    ];
    return {
      fileName: `${self.code}-${year}-rollup`,
      write: async (w) => {
        const perChild = format === 'csv' ? r.children.map((c) => ({ header: childName(c.unitId), width: 14 })) : [];
        await w.sheet(this.texts.sheet.rollup, [
          ...base,
          { header: h.own, width: 14 },
          { header: h.total, width: 14 },
          { header: h.reporting, width: 10, numFmt: NUMBER_FORMAT.count },
          { header: h.note, width: 30 },
          ...perChild,
        ]);
        for (const c of r.cells) {
          const fmt = numFmtOf(c.kind);
          w.row(
            [
              c.key,
              c.label,
              c.unit,
              c.ownNumber ?? c.ownText,
              c.subtreeTotal,
              c.reportingUnits,
              c.note,
              ...(format === 'csv' ? childTotals.map((t) => t.get(c.key)?.total ?? null) : []),
            ],
            [undefined, undefined, undefined, fmt, fmt],
          );
        }
        if (format === 'csv') return;
        await w.sheet(this.texts.sheet.children, [
          { header: h.unitCode, width: 16 },
          { header: h.unitName, width: 28 },
          { header: h.status, width: 10 },
        ]);
        for (const c of r.children) w.row([byId.get(c.unitId)?.code ?? null, childName(c.unitId), this.texts.state(c.state)]);
        const cells = r.cells.filter((c) => c.summable);
        for (const [i, child] of r.children.entries()) {
          await w.sheet(childName(child.unitId), [
            ...base,
            { header: h.childTotal, width: 14 },
            { header: h.reporting, width: 10, numFmt: NUMBER_FORMAT.count },
          ]);
          for (const c of cells) {
            const t = childTotals[i].get(c.key);
            w.row([c.key, c.label, c.unit, t?.total ?? null, t?.reportingUnits ?? 0], [undefined, undefined, undefined, numFmtOf(c.kind)]);
          }
          await w.drain();
        }
      },
    };
  }

  /** The results of an inspection scheme as `inspectionRanking` (InspectionSchemeService, same scope). */
  async inspectionResults(schemeGlobalId: string | undefined): Promise<PreparedExport> {
    if (!schemeGlobalId) throw ValidationError.field('schemeId', messages.missingScheme);
    const rows = await new InspectionSchemeService(this.ctx).ranking(schemeGlobalId);
    const units = rows.length ? await this.ctx.em.find(OrgUnit, { id: { $in: rows.map((r) => r.unit_id) } }) : [];
    const byId = new Map(units.map((u) => [u.id, u]));
    const h = this.texts.header;
    return {
      fileName: `inspection-${decodeIntId(schemeGlobalId, 'InspectionScheme', 'schemeId')}-results`,
      write: async (w) => {
        await w.sheet(this.texts.sheet.ranking, [
          { header: h.rank, width: 8, numFmt: NUMBER_FORMAT.count },
          { header: h.unitCode, width: 16 },
          { header: h.unitName, width: 28 },
          { header: h.score, width: 10, numFmt: NUMBER_FORMAT.amount },
          { header: h.grade, width: 10 },
        ]);
        for (const r of rows) w.row([r.rank, byId.get(r.unit_id)?.code ?? null, byId.get(r.unit_id)?.name ?? null, Number(r.total), r.grade]);
      },
    };
  }
}
