import { translatorOf, type Translate } from '../../i18n';
import { todayInChina } from '../../common/dates';
import { msg, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { runSql } from '../../db/sql';
import { ItemStatus, TASK_LOOKAHEAD_DAYS } from '../catalogue';
import { canSeeFinalisedResult, inspectionSummary, InspectionStatus } from '../inspection';
import { LiaisonCoverage, LiaisonCoverageService } from '../liaison';
import { OrgUnit, readOrgUnit } from '../organisation';
import { StatisticsService, StatisticsState, type AcceptedYear, type UnitStatisticsState } from '../statistics';
import { maySeeDashboard } from './dashboard.policy';
import {
  ItemCounters,
  Overview,
  OverviewChange,
  OverviewChild,
  OverviewFigure,
  OverviewInspectionResult,
  OverviewInspections,
  OverviewItems,
  OverviewStatistics,
} from './overview.types';
import { cellColumn, itemCountersSql, LEVELS, STATUSES } from './overview.queries';

/** Item counters of one direct child's subtree (childId null: the unit's own items). */
interface ItemRow extends ItemCounters {
  childId: number | null;
  /** Count per `${status}|${level}`. */
  cells: Map<string, number>;
}

const ZERO_COUNTERS: ItemCounters = {
  total: 0,
  published: 0,
  overdue: 0,
  maintenanceDue: 0,
  maintenanceDueSoon: 0,
  periodicDue: 0,
  withholdingPending: 0,
  publishedInYear: 0,
  publishedInPreviousYear: 0,
};

/** Adds `row`'s counters into `acc`. */
function addCounters(acc: ItemCounters, row: ItemCounters): void {
  acc.total += row.total;
  acc.published += row.published;
  acc.overdue += row.overdue;
  acc.maintenanceDue += row.maintenanceDue;
  acc.maintenanceDueSoon += row.maintenanceDueSoon;
  acc.periodicDue += row.periodicDue;
  acc.withholdingPending += row.withholdingPending;
  acc.publishedInYear += row.publishedInYear;
  acc.publishedInPreviousYear += row.publishedInPreviousYear;
}

/** A main figure with its absolute and relative change. */
function change(t: Translate, figure: OverviewFigure, current: number | null, previous: number | null): OverviewChange {
  const label = t(`enums.OverviewFigure.${figure}`);
  const delta = current != null && previous != null ? current - previous : null;
  return Object.assign(new OverviewChange(), {
    figure,
    label,
    current,
    previous,
    change: delta,
    changeRate: delta != null && previous ? delta / previous : null,
  });
}

/**
 * The SQL behind one overview, each section run at most once (memoised) and only when asked for.
 * Every statement aggregates over the subtree (`path like '<unit path>%'`) with GROUP BY: the
 * statement count does not grow with the tree.
 */
export class OverviewQueries {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ctx: ServiceContext,
    readonly unit: OrgUnit,
    readonly year: number,
    readonly asOf: string,
  ) {}

  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = run();
      this.memo.set(key, p);
    }
    return p;
  }

  /**
   * Item counters per direct child of the unit (null: the unit itself); one statement. The only
   * group key is the child, and status × level are filtered counts: with a single grouping
   * expression the planner expects few groups and hash-aggregates (a three-key GROUP BY made it
   * sort a million rows on the national tree).
   */
  itemRows(): Promise<ItemRow[]> {
    return this.once('items', async () => {
      // Prepared: planning this statement (some 20 filtered sums) cost as much as running it.
      const rows = await runSql(this.ctx.em, itemCountersSql(this.unit.id, this.year, this.asOf), { prepare: true });
      // Deadlines before the fold are one row per unit (fold_item_due): a day before it cannot be told apart.
      const foldedBefore = rows[0]?.folded_before as string | null | undefined;
      if (foldedBefore && this.asOf < foldedBefore)
        throw ValidationError.field('asOf', `must be on or after ${foldedBefore}: overdue and due counts of earlier days are kept as one total`);
      return rows.map((r): ItemRow => {
        const cells = new Map<string, number>();
        STATUSES.forEach((status) => LEVELS.forEach((level) => cells.set(`${status}|${level}`, Number(r[cellColumn(status, level)]))));
        const total = [...cells.values()].reduce((x, y) => x + y, 0);
        const published = LEVELS.reduce((x, level) => x + cells.get(`${ItemStatus.PUBLISHED}|${level}`)!, 0);
        return {
          childId: r.child_id == null ? null : Number(r.child_id),
          cells,
          total,
          published,
          overdue: Number(r.overdue),
          maintenanceDue: Number(r.maintenance_due),
          maintenanceDueSoon: Number(r.maintenance_due_soon),
          periodicDue: Number(r.periodic_due),
          withholdingPending: Number(r.withholding_pending),
          publishedInYear: Number(r.published_in_year),
          publishedInPreviousYear: Number(r.published_in_previous_year),
        };
      });
    });
  }

  /** The unit and its active direct children with their statistics state for the year, from the statistics module; one statement. */
  childRows(): Promise<UnitStatisticsState[]> {
    return this.once('children', () => new StatisticsService(this.ctx).childStates(this.unit.id, this.year));
  }

  /** Accepted statistics of the subtree for the year and the year before, with the main figures summed, from the statistics module; one statement. */
  statisticsYears(): Promise<Map<number, AcceptedYear>> {
    return this.once('statistics', () => new StatisticsService(this.ctx).acceptedYears(this.unit.id, [this.year, this.year - 1]));
  }

  /** Liaison coverage rate of the subtree on the last day of the year and of the year before (capped at asOf), from the liaison module; one statement. */
  coverageAtYearEnds(): Promise<{ current: number; previous: number }> {
    return this.once('coverageYears', async () => {
      const cap = (d: string) => (d < this.asOf ? d : this.asOf);
      const [current, previous] = await new LiaisonCoverageService(this.ctx).ratesOnDays(this.unit.id, [
        cap(`${this.year}-12-31`),
        cap(`${this.year - 1}-12-31`),
      ]);
      return { current, previous };
    });
  }

  /** Current liaison coverage and gaps, from the liaison module (two statements). */
  liaison(): Promise<LiaisonCoverage> {
    return this.once('liaison', () => new LiaisonCoverageService(this.ctx).coverage(toGlobalId('OrgUnit', this.unit.id), this.asOf));
  }

  /**
   * The inspections section, from the inspection module's summary (two statements; the inspected
   * units come with it). Results the caller may not read under the inspection module's rule are
   * dropped: with the dashboard gate (a dashboard role over the unit) and the summary's selection
   * (schemes issued by the unit or above) none is today, but the rule, not the gate, decides.
   */
  inspections(): Promise<OverviewInspections> {
    return this.once('inspections', async () => {
      const summary = await inspectionSummary(this.ctx.em, this.unit.path, this.year);
      const counts = new Map(summary.byStatus.map((r) => [r.status, Number(r.count)]));
      const results = summary.results
        .filter((r) => canSeeFinalisedResult(this.ctx.auth, r.unitPath, r.issuerPath))
        .map((r) =>
          Object.assign(new OverviewInspectionResult(), {
            inspectionDbId: r.inspectionId,
            schemeDbId: r.schemeId,
            unitDbId: r.unitId,
            schemeName: r.schemeName,
            unitRow: r.unitRow,
            total: Number(r.total),
            grade: r.grade,
            rank: r.rank,
            rankedUnits: r.rankedUnits,
          }),
        );
      return Object.assign(new OverviewInspections(), {
        byStatus: Object.values(InspectionStatus).map((status) => ({ status, count: counts.get(status) ?? 0 })),
        results,
      });
    });
  }

  /** The items section. */
  async items(): Promise<OverviewItems> {
    const rows = await this.itemRows();
    const items = Object.assign(new OverviewItems(), { ...ZERO_COUNTERS, lookaheadDays: TASK_LOOKAHEAD_DAYS });
    const cell = new Map<string, number>();
    for (const r of rows) {
      addCounters(items, r);
      r.cells.forEach((n, key) => cell.set(key, (cell.get(key) ?? 0) + n));
    }
    const statuses = STATUSES;
    const levels = LEVELS;
    items.byStatusAndLevel = statuses.flatMap((status) => levels.map((level) => ({ status, level, count: cell.get(`${status}|${level}`) ?? 0 })));
    items.byStatus = statuses.map((status) => ({ status, count: levels.reduce((s, level) => s + (cell.get(`${status}|${level}`) ?? 0), 0) }));
    items.byLevel = levels.map((level) => ({ level, count: statuses.reduce((s, status) => s + (cell.get(`${status}|${level}`) ?? 0), 0) }));
    return items;
  }

  /** The statistics section. */
  async statistics(): Promise<OverviewStatistics> {
    const [children, years] = await Promise.all([this.childRows(), this.statisticsYears()]);
    const own = children.find((c) => c.own)!;
    const expected = children.filter((c) => !c.own && c.reports);
    const byState = Object.values(StatisticsState).map((state) => ({ state, count: expected.filter((c) => c.state === state).length }));
    return Object.assign(new OverviewStatistics(), {
      year: this.year,
      ownState: own.reports ? own.state : null,
      expectedChildren: expected.length,
      byState,
      acceptedUnits: years.get(this.year)?.accepted ?? 0,
      complete: (!own.reports || own.state === StatisticsState.ACCEPTED) && expected.every((c) => c.state === StatisticsState.ACCEPTED),
    });
  }

  /** The dashboard table: one row per active direct child, its subtree's item counters and its statistics state. */
  async children(): Promise<OverviewChild[]> {
    const [children, rows] = await Promise.all([this.childRows(), this.itemRows()]);
    const counters = new Map<number, ItemCounters>();
    for (const r of rows) {
      if (r.childId == null) continue;
      let acc = counters.get(r.childId);
      if (!acc) counters.set(r.childId, (acc = { ...ZERO_COUNTERS }));
      addCounters(acc, r);
    }
    return children
      .filter((c) => !c.own)
      .map((c) => {
        const k = counters.get(c.unit.id) ?? ZERO_COUNTERS;
        return Object.assign(new OverviewChild(), {
          unit: c.unit,
          statisticsState: c.reports ? c.state : null,
          items: k.total,
          published: k.published,
          overdue: k.overdue,
          maintenanceDue: k.maintenanceDue,
          withholdingPending: k.withholdingPending,
        });
      });
  }

  /** Main figures of the year against the year before. */
  async yearOnYear(): Promise<OverviewChange[]> {
    const [rows, years, coverage] = await Promise.all([this.itemRows(), this.statisticsYears(), this.coverageAtYearEnds()]);
    const items = { ...ZERO_COUNTERS };
    const t = translatorOf(this.ctx);
    rows.forEach((r) => addCounters(items, r));
    const cur = years.get(this.year);
    const prev = years.get(this.year - 1);
    return [
      change(t, OverviewFigure.ITEMS_PUBLISHED, items.publishedInYear, items.publishedInPreviousYear),
      change(t, OverviewFigure.REQUESTS_RECEIVED, cur?.requests ?? null, prev?.requests ?? null),
      change(t, OverviewFigure.RECONSIDERATIONS, cur?.reconsiderations ?? null, prev?.reconsiderations ?? null),
      change(t, OverviewFigure.LAWSUITS, cur?.lawsuits ?? null, prev?.lawsuits ?? null),
      change(t, OverviewFigure.STATISTICS_ACCEPTED, cur?.accepted ?? 0, prev?.accepted ?? 0),
      change(t, OverviewFigure.LIAISON_COVERAGE_RATE, coverage.current, coverage.previous),
    ];
  }
}

/** The dashboard query of DESIGN.md §7. */
export class OverviewService {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * The overview of a unit's subtree for a year. One statement here (the unit); each section the
   * client asks for adds one or two. Outside the caller's dashboard scope the unit reads as NOT_FOUND.
   */
  async overview(unitGlobalId: string, year: number, asOf?: string | null): Promise<Overview> {
    const problems = new ProblemList();
    let unitId = 0;
    try {
      unitId = decodeIntId(unitGlobalId, 'OrgUnit', 'unitId');
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      e.problems.forEach((p) => problems.add(p.field, p.message));
    }
    problems.check(Number.isInteger(year) && year >= 1990 && year <= 2100, 'year', msg('appointments.dashboardYearRange'));
    problems.throwIfAny();
    const unit = await readOrgUnit(this.ctx.em, unitId);
    if (!unit || !maySeeDashboard(this.ctx.auth, unit.path)) throw new NotFoundError('OrgUnit');
    const day = asOf ?? todayInChina();
    return Object.assign(new Overview(), { unit, year, asOf: day, queries: new OverviewQueries(this.ctx, unit, year, day) });
  }
}
