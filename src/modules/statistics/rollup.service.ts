import { ForbiddenError, NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { readOrgUnit } from '../organisation';
import { runSql, runSqlOne } from '../../db/sql';
import { isStatisticsStaff } from './statistics.policy';
import { reportingStatesSql } from './statistics.queries';
import { acceptedInSubtreeSql, rollupTotalsSql } from './statistics-aggregates.queries';
import type { StatisticsTemplate } from './statistics-template.entity';
import { StatisticsTemplateService } from './statistics-template.service';
import type { CellValue, Figures } from './statistics.checks';
import type { CellKind } from './template-definitions';

/** Where a direct subordinate unit stands for the year. */
export type ChildState = 'MISSING' | 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'ACCEPTED';

export interface RollupCellData {
  key: string;
  label: string;
  kind: CellKind;
  summable: boolean;
  unit: string | null;
  ownNumber: number | null;
  ownText: string | null;
  subtreeTotal: number | null;
  reportingUnits: number;
  note: string | null;
}

/** A summable key's total over a subtree, and how many units' accepted figures hold it. */
export interface RollupTotal {
  key: string;
  total: number;
  reportingUnits: number;
}

export interface RollupData {
  unitId: number;
  year: number;
  template: StatisticsTemplate;
  ownState: ChildState;
  acceptedUnits: number;
  /** The unit's own figures and every expected child's are accepted. */
  complete: boolean;
  cells: RollupCellData[];
  /** Each direct subordinate's state and its subtree's accepted totals per summable key. */
  children: { unitId: number; state: ChildState; totals: RollupTotal[] }[];
}

/**
 * 本级 and 系统汇总 figures of a unit for a year. The sums are read from the maintained subtree
 * totals (the unit's and its direct children's rows), so a whole-country roll-up costs what a
 * district's does; a consolidated submission stands for its subtree and is never added to again.
 */
export class RollupService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The roll-up; staff of the unit (or its superiors) only. */
  async rollup(unitGlobalId: string, year: number): Promise<RollupData> {
    if (!Number.isInteger(year) || year < 1990 || year > 2100) throw ValidationError.field('year', 'must be between 1990 and 2100');
    const unit = await readOrgUnit(this.ctx.em, decodeIntId(unitGlobalId, 'OrgUnit', 'unitId'));
    if (!unit) throw new NotFoundError('Org unit');
    if (!isStatisticsStaff(this.ctx.auth, unit.path)) throw new ForbiddenError(`Only staff of ${unit.name} or of its superiors may read its roll-up`);
    const templates = new StatisticsTemplateService(this.ctx);
    const template = await templates.templateFor(year);
    if (!template) throw ValidationError.field('year', `no statistics template applies to ${year}`);
    // With the supplements of the year: their cells are in the same figures.
    const definition = await templates.definitionFor(template, year);
    const summable = definition.cells.filter((c) => c.summable).map((c) => c.key);
    // Each unit's totals go straight to the summable key's place in the template (no sort: a
    // whole country has some 10,000 totals); keys the template does not sum are left out.
    const place = new Map(summable.map((key, i) => [key, i]));
    const em = this.ctx.em;
    const byUnit = new Map<number, (RollupTotal | undefined)[]>();
    for (const r of await runSql<{ unit_id: number; key: string; total: number; units: number }>(
      em,
      rollupTotalsSql({ unitId: unit.id, year, templateCode: template.code }),
      { prepare: true },
    )) {
      const i = place.get(r.key);
      if (i === undefined) continue;
      let slots = byUnit.get(r.unit_id);
      if (!slots) byUnit.set(r.unit_id, (slots = new Array(summable.length)));
      slots[i] = { key: r.key, total: r.total, reportingUnits: r.units };
    }
    const totalsOf = (unitId: number): RollupTotal[] => (byUnit.get(unitId) ?? []).filter((t): t is RollupTotal => t !== undefined);
    const { accepted } = (await runSqlOne<{ accepted: number }>(em, acceptedInSubtreeSql(unit.id, year)))!;
    // The unit itself and its direct subordinates expected to report, with their state for the year.
    const states = await runSql<{ id: number; own: boolean; state: ChildState; figures: Figures | null }>(em, reportingStatesSql(unit.id, year), {
      prepare: true,
    });
    const own = states.find((s) => s.own)!;
    const ownFigures: Figures = own.figures ?? {};
    const byKey = new Map(totalsOf(unit.id).map((s) => [s.key, s]));
    const cells = definition.cells.map((c): RollupCellData => {
      const v: CellValue | undefined = ownFigures[c.key];
      const sum = byKey.get(c.key);
      return {
        key: c.key,
        label: c.label,
        kind: c.kind,
        summable: c.summable,
        unit: c.unit ?? null,
        ownNumber: typeof v === 'number' ? v : null,
        ownText: typeof v === 'string' ? v : null,
        subtreeTotal: c.summable ? (sum?.total ?? null) : null,
        reportingUnits: sum?.reportingUnits ?? 0,
        note: c.summable ? null : `${c.kind === 'RATE' ? '比率' : '文字'}指标不可汇总：只列本级数值`,
      };
    });
    const children = states.filter((s) => !s.own);
    return {
      unitId: unit.id,
      year,
      template,
      ownState: own.state,
      acceptedUnits: accepted,
      cells,
      complete: own.state === 'ACCEPTED' && children.every((s) => s.state === 'ACCEPTED'),
      children: children.map((s) => ({
        unitId: s.id,
        state: s.state,
        totals: totalsOf(s.id),
      })),
    };
  }
}
