import type { EntityManager } from '@mikro-orm/postgresql';
import { todayInChina } from '../../common/dates';
import { runSqlOne } from '../../db/sql';
import { toGlobalId } from '../../common/global-id';
import type { ServiceContext } from '../../common/context';
import { contactHandlingRates } from '../contact';
import { LiaisonCoverageService } from '../liaison';
// The file, not the module's index: the index brings the dashboard, which imports this module.
import { requestOnTimeRate } from '../requests/request-overview';
import { subtreePattern } from '../organisation';
import type { AutomaticFigures } from './inspection.entity';
import { AutomaticMetric } from './inspection.enums';
import { automaticMetricsSql } from './inspection.queries';

/** The day figures of `year` are measured on: its last day, or today while the year runs. */
export function measurementDate(year: number, today = todayInChina()): string {
  const end = `${year}-12-31`;
  return today < end ? today : end;
}

const rate = (numerator: number, denominator: number): number | null => (denominator ? numerator / denominator : null);

function figures(numerator: number, denominator: number, asOf: string, basis: string, detail?: Record<string, unknown>): AutomaticFigures {
  return { numerator, denominator, rate: rate(numerator, denominator), asOf, basis, ...(detail ? { detail } : {}) };
}

interface MetricRow {
  pub_due: number;
  pub_on_time: number;
  mand_total: number;
  mand_covered: number;
  stat_required: number;
  stat_submitted: number;
  stat_on_time: number;
  maint_total: number;
  maint_on_time: number;
}

/**
 * Computes the AUTOMATIC indicators' figures for the subtree of the unit at `unitPath` and `year`,
 * in one SQL statement (plus the liaison coverage service's own), whatever the size of the subtree.
 *
 * - ON_TIME_PUBLICATION: items formed in the year (not withheld) that were due by the measurement
 *   date or already published; on time when published no later than their deadline, which the
 *   catalogue computes as 20 working days over the holiday calendar (addWorkingDays).
 * - MANDATORY_CATEGORY_COVERAGE: top-most mandatory standard categories (规定动作) with at least one
 *   live item published by the measurement date in them or their sub-categories.
 * - STATISTICS_ON_TIME: reporting units whose statistics for the previous year were submitted by
 *   31 January and accepted by 31 March (the annual report's publication date).
 * - STANDING_MAINTENANCE: live STANDING items whose next maintenance date is not past.
 * - REQUEST_ON_TIME (答复及时率): requests for disclosure of the subtree's bodies concluded in the year
 *   (or running and past due), of them concluded by their due date; withdrawn requests are not counted.
 */
export async function computeAutomaticFigures(
  ctx: ServiceContext,
  em: EntityManager,
  unit: { id: number; path: string },
  year: number,
  metrics: ReadonlySet<AutomaticMetric>,
): Promise<Map<AutomaticMetric, AutomaticFigures>> {
  const asOf = measurementDate(year);
  const from = `${year}-01-01`;
  const statYear = year - 1;
  const submitBy = `${year}-01-31`;
  const acceptBy = `${year}-03-31`;
  const out = new Map<AutomaticMetric, AutomaticFigures>();
  const contactMetrics = [AutomaticMetric.CONTACT_ON_TIME, AutomaticMetric.CONTACT_FEEDBACK];
  const needsSql = [...metrics].some((m) => m !== AutomaticMetric.LIAISON_COVERAGE && m !== AutomaticMetric.REQUEST_ON_TIME && !contactMetrics.includes(m));
  if (needsSql) {
    const r = (await runSqlOne<MetricRow>(
      em,
      automaticMetricsSql({
        subtree: subtreePattern(unit.path),
        asOf,
        from,
        statYear,
        submitBy,
        acceptBy,
      }),
    ))!;
    out.set(
      AutomaticMetric.ON_TIME_PUBLICATION,
      figures(r.pub_on_time, r.pub_due, asOf, `${year}年形成的公开事项：按时公开 ${r.pub_on_time} 项 / 应公开 ${r.pub_due} 项（20个工作日内）`),
    );
    out.set(
      AutomaticMetric.MANDATORY_CATEGORY_COVERAGE,
      figures(r.mand_covered, r.mand_total, asOf, `规定动作类目：已公开 ${r.mand_covered} 类 / 共 ${r.mand_total} 类`),
    );
    out.set(
      AutomaticMetric.STATISTICS_ON_TIME,
      figures(r.stat_on_time, r.stat_required, asOf, `${statYear}年度统计：按时报送并审核 ${r.stat_on_time} 个单位 / 应报送 ${r.stat_required} 个单位`, {
        statisticsYear: statYear,
        submitBy,
        acceptBy,
        submittedOnTime: r.stat_submitted,
      }),
    );
    out.set(
      AutomaticMetric.STANDING_MAINTENANCE,
      figures(r.maint_on_time, r.maint_total, asOf, `长期公开事项：按期维护 ${r.maint_on_time} 项 / 共 ${r.maint_total} 项`),
    );
  }
  if (metrics.has(AutomaticMetric.LIAISON_COVERAGE)) {
    const c = await new LiaisonCoverageService({ ...ctx, em }).coverage(toGlobalId('OrgUnit', unit.id), asOf);
    out.set(
      AutomaticMetric.LIAISON_COVERAGE,
      figures(c.coveredUnits, c.requiredUnits, asOf, `配备在岗部门联络员的处室和隶属海关 ${c.coveredUnits} 个 / 应配备 ${c.requiredUnits} 个`, {
        gapUnitIds: c.gapIds.map((id) => toGlobalId('OrgUnit', id)),
      }),
    );
  }
  if (contactMetrics.some((m) => metrics.has(m))) {
    const c = await contactHandlingRates(em, unit.path, year, asOf);
    out.set(AutomaticMetric.CONTACT_ON_TIME, figures(c.onTime, c.due, asOf, `${year}年受理的咨询投诉案件：按期办结 ${c.onTime} 件 / 应办结 ${c.due} 件`));
    out.set(
      AutomaticMetric.CONTACT_FEEDBACK,
      figures(c.fedBack, c.namedClosed, asOf, `${year}年受理并办结的署名案件：已反馈 ${c.fedBack} 件 / 共 ${c.namedClosed} 件`),
    );
  }
  if (metrics.has(AutomaticMetric.REQUEST_ON_TIME)) {
    const r = await requestOnTimeRate(em, unit.path, year, asOf);
    out.set(
      AutomaticMetric.REQUEST_ON_TIME,
      figures(r.onTime, r.due, asOf, `${year}年办结或已到期的政府信息公开申请：按期答复 ${r.onTime} 件 / 应答复 ${r.due} 件`),
    );
  }
  for (const m of [...out.keys()]) if (!metrics.has(m)) out.delete(m);
  return out;
}
