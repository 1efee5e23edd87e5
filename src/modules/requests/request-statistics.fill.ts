import { ValidationError } from '../../common/errors';
import { messages } from './requests.messages';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AnnualStatistics, AnnualStatisticsSave, StatisticsService, StatisticsStatus, StatisticsTemplateService } from '../statistics';
import { CellSource } from '../statistics/annual-statistics.entity';
import { sumCellsOf } from '../statistics/statistics.totals';
import { RequestStatisticsService } from './request-statistics.service';
import { CorrectFilledCellInput, correctFilledCellSchema, FillStatisticsFromRequestsInput, fillStatisticsSchema } from './requests.inputs';
import { selectCatalogueCounts } from './requests.queries';
import { RequestStatisticsFill } from './requests.types';

/** The note a cell filled from the register carries (备注). */
export const FROM_REGISTER_NOTE = '由依申请公开登记计算';
/** The note a cell filled from the catalogue carries. */
export const FROM_CATALOGUE_NOTE = '由公开目录计算';

/** Catalogue cells of the CUSTOMS-2009 table: items published in the year, and of them on the portal. */
const CATALOGUE_CELLS = { published: 'proactive.total', onPortal: 'proactive.portal' } as const;

function withNote(note: string | undefined, add: string): string {
  if (!note) return add;
  return note.includes(add) ? note : `${note}（${add}）`.slice(0, 500);
}

/**
 * Fills statistics drafts from the register and the catalogue, cell by cell, through the statistics
 * module's own save (same scope, checks, audit and correction rules), and records where each filled
 * cell came from in `cell_sources` in the same transaction. Kept apart from the statistics module so
 * its save path stays its own.
 */
export class RequestStatisticsFillService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The unit's working revision for the year (draft, returned, submitted or the accepted one), if any. */
  private async working(unitId: string, year: number): Promise<AnnualStatistics | undefined> {
    const revisions = await new StatisticsService(this.ctx).forUnit(unitId, year);
    return revisions.find((r) => r.status !== StatisticsStatus.SUPERSEDED);
  }

  /**
   * `fillAnnualStatisticsFromRequests`: writes the register's cells of the year's template
   * (GOV-2021 tables 3 and 4, or the CUSTOMS-2009 request rows) and, where the catalogue has items
   * published in the year, its proactive-disclosure cells; every other cell is kept. Filling
   * accepted figures starts a correction and needs a reason, as any save does.
   */
  async fill(raw: FillStatisticsFromRequestsInput): Promise<RequestStatisticsFill> {
    const input = parseInput(fillStatisticsSchema, raw);
    const figures = await new RequestStatisticsService(this.ctx).statistics({ unitId: input.unitId, year: input.year });
    const template = (await new StatisticsTemplateService(this.ctx).templateFor(input.year))!;
    const cells = new Set(template.definition.cells.map((c) => c.key));
    const fromRegister = template.code === 'CUSTOMS-2009' ? figures.customs2009 : figures.gov2021;
    const registerCells = Object.keys(fromRegister).filter((k) => cells.has(k));
    const catalogue = await selectCatalogueCounts(this.ctx.em, figures.unitId, input.year);
    const fromCatalogue: Record<string, number> = {};
    // A catalogue with nothing published in the year did not exist then: its cells are left as typed.
    if (catalogue.published > 0) {
      fromCatalogue[CATALOGUE_CELLS.published] = catalogue.published;
      fromCatalogue[CATALOGUE_CELLS.onPortal] = catalogue.on_portal;
    }
    const catalogueCells = Object.keys(fromCatalogue).filter((k) => cells.has(k));

    const base = await this.working(input.unitId, input.year);
    const merged: Record<string, unknown> = { ...(base?.figures ?? {}) };
    const notes: Record<string, string> = { ...(base?.notes ?? {}) };
    const sources: Record<string, CellSource> = {};
    for (const k of registerCells) {
      merged[k] = fromRegister[k];
      notes[k] = withNote(notes[k], FROM_REGISTER_NOTE);
      sources[k] = CellSource.REGISTER;
    }
    for (const k of catalogueCells) {
      merged[k] = fromCatalogue[k];
      notes[k] = withNote(notes[k], FROM_CATALOGUE_NOTE);
      sources[k] = CellSource.CATALOGUE;
    }
    // The save records each cell's source in its own statement (totals of filled parts included).
    const statistics = await new AnnualStatisticsSave(this.ctx).save(
      {
        unitId: input.unitId,
        year: input.year,
        templateCode: template.code,
        figures: merged,
        notes,
        correctionReason: input.correctionReason ?? null,
        expectedVersion: input.expectedVersion ?? null,
      },
      { sources },
    );
    return { statistics, registerCells, catalogueCells, figures };
  }

  /**
   * Corrects one cell that was filled from the register or the catalogue: the value the liaison
   * gives, the reason kept as the cell's note, and the cell typed from now on.
   */
  async correctCell(raw: CorrectFilledCellInput): Promise<AnnualStatistics> {
    const input = parseInput(correctFilledCellSchema, raw);
    const base = await this.working(input.unitId, input.year);
    const source = base?.cellSources?.[input.key];
    if (!base || (source !== CellSource.REGISTER && source !== CellSource.CATALOGUE)) {
      throw ValidationError.field('input.key', messages.notAFilledCell);
    }
    const notes = { ...base.notes, [input.key]: `更正：${input.reason}（原值 ${String(base.figures[input.key])}）`.slice(0, 500) };
    // Totals the server derived (computed, or filled from records) are left out, so the save
    // computes them again from the corrected parts instead of refusing the old total.
    const template = (await new StatisticsTemplateService(this.ctx).templateFor(input.year))!;
    const definition = await new StatisticsTemplateService(this.ctx).definitionFor(template, input.year);
    const figures = { ...base.figures, [input.key]: input.value };
    for (const { key } of sumCellsOf(definition)) {
      const from = base.cellSources?.[key];
      if (from && from !== CellSource.TYPED) delete figures[key];
    }
    // The other cells filled from records stay so; the corrected one is typed from now on.
    const keptSources: Record<string, CellSource> = {};
    for (const [k, from] of Object.entries(base.cellSources ?? {})) {
      if (k !== input.key && (from === CellSource.REGISTER || from === CellSource.CATALOGUE)) keptSources[k] = from;
    }
    return new AnnualStatisticsSave(this.ctx).save(
      {
        unitId: input.unitId,
        year: input.year,
        figures,
        notes,
        correctionReason: base.status === StatisticsStatus.ACCEPTED ? input.reason : null,
        expectedVersion: input.expectedVersion ?? null,
      },
      { sources: keptSources },
    );
  }
}
