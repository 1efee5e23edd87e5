import { readModel } from '../../db/read-model';
import { runSql } from '../../db/sql';
import { NotFoundError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { OrgUnit } from '../organisation';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualStatistics } from './annual-statistics.entity';
import { mayReadRevision, visibleRevisionsFilter } from './statistics.policy';
import { childStatesSql, REPORTING_KINDS } from './statistics.queries';
import { mainFigureTotalsSql } from './statistics-aggregates.queries';
import { StatisticsState } from './statistics.types';
import { MAIN_FIGURE_KEYS, type MainFigure } from './template-definitions';

export { REPORTING_KINDS };

/** A unit or one of its active direct children, with its statistics state for a year. */
export interface UnitStatisticsState {
  unit: OrgUnit;
  /** The unit asked about (not a child). */
  own: boolean;
  /** Is the unit expected to report (its reporting role is not NONE)? */
  reports: boolean;
  state: StatisticsState;
}

/** Accepted statistics of a subtree for one year: how many units, and the main figures summed. */
export type AcceptedYear = { year: number; accepted: number } & Record<MainFigure, number | null>;

/**
 * Reading yearly statistics: the revisions a caller may see, and the aggregates other modules
 * show (the dashboard's statistics sections). Saving is AnnualStatisticsSave, review
 * AnnualStatisticsWorkflow, templates StatisticsTemplateService.
 */
export class StatisticsService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The revisions of a unit's statistics for a year the caller may read, newest first: staff of the
   * unit and its superiors see all; others see the accepted figures once the year's report is published.
   */
  async forUnit(unitGlobalId: string, year: number): Promise<AnnualStatistics[]> {
    const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(unitGlobalId, 'OrgUnit', 'unitId') });
    if (!unit) throw new NotFoundError('Org unit');
    const visible = await visibleRevisionsFilter(this.ctx.auth, unit.path, () => this.isPublished(unit.id, year));
    if (!visible) return [];
    return this.ctx.em.find(AnnualStatistics, { unit: unit.id, year, ...visible }, { orderBy: { revision: 'desc' } });
  }

  /** One revision by numeric id if the caller may read it (for node(id:)). */
  async findVisible(id: number): Promise<AnnualStatistics | null> {
    const row = await this.ctx.em.findOne(AnnualStatistics, { id }, { populate: ['unit'] });
    if (!row) return null;
    return (await mayReadRevision(this.ctx.auth, row.unit.getEntity().path, row, () => this.isPublished(row.unit.id, row.year))) ? row : null;
  }

  /** Has the unit published its annual report for the year? (Its accepted figures are then public, also while a correction is prepared.) */
  async isPublished(unitId: number, year: number): Promise<boolean> {
    return (await this.ctx.em.count(AnnualReportPublication, { unit: unitId, year })) > 0;
  }

  /** The unit and its active direct children (of every kind), in tree order, with their statistics state for the year; one statement. */
  async childStates(unitId: number, year: number): Promise<UnitStatisticsState[]> {
    const em = this.ctx.em;
    const rows = await runSql(em, childStatesSql(unitId, year));
    return rows.map((r): UnitStatisticsState => {
      const { own_row: own, reports_row: reports, state_row: state, ...unitRow } = r;
      // Read models (src/db/read-model.ts): managed entities for the fifty units of a whole-country
      // dashboard were the largest part of its Node time.
      return { unit: readModel(em, OrgUnit, unitRow), own: own as boolean, reports: reports as boolean, state: state as StatisticsState };
    });
  }

  /**
   * Accepted statistics of a unit's subtree for each of `years`, with the main figures summed over
   * every template family (MAIN_FIGURE_KEYS), from the maintained aggregates (a consolidated
   * submission counts for its subtree); one statement. Years without accepted statistics are absent.
   */
  async acceptedYears(unitId: number, years: readonly number[]): Promise<Map<number, AcceptedYear>> {
    const rows = await runSql(this.ctx.em, mainFigureTotalsSql(unitId, years, MAIN_FIGURE_KEYS));
    const num = (v: unknown) => (v == null ? null : Number(v));
    return new Map(
      rows.map((r) => [
        Number(r.year),
        {
          year: Number(r.year),
          accepted: Number(r.accepted),
          requests: num(r.requests),
          reconsiderations: num(r.reconsiderations),
          lawsuits: num(r.lawsuits),
        },
      ]),
    );
  }
}
