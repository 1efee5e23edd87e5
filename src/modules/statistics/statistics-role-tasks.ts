import { reachSql } from '../../auth/scope';
import { toGlobalId } from '../../common/global-id';
import { forEveryRole, ownReach, TaskKind, type TaskProvider } from '../../common/tasks';
import { runSql, sql } from '../../db/sql';
import { translatorOf } from '../../i18n';
import { dueDates, TASK_WORKING_DAYS } from '../catalogue';
import { REPORT_PUBLISHER_ROLES, STATISTICS_REVIEWER_ROLE } from './statistics.policy';
import { reportPublicationPendingSql, statisticsAcceptancePendingSql } from './statistics-role-tasks.queries';

interface Row {
  id: number;
  unit_id: number;
  unit_name: string;
  year: number;
  since: string | null;
}

/**
 * The statutory date of a year's annual report: 31 January of the next year (《政府信息公开条例》
 * 第四十九条, as the statistics-not-submitted task and the reminders use).
 */
function reportDueOf(year: number): string {
  return `${year + 1}-01-31`;
}

/**
 * OFFICE_ADMINs: statistics submitted by the units right below theirs, to accept or return (the same
 * rule as `mayReviewStatistics`, on the caller's own grants). Due 5 working days after submission,
 * never after the year's statutory date. One statement.
 */
export const statisticsAcceptancePending: TaskProvider = forEveryRole(
  async (ctx) => {
    const admin = ownReach(ctx.auth, [STATISTICS_REVIEWER_ROLE]);
    if (!admin.length) return [];
    const rows = await runSql<Row>(
      ctx.em,
      statisticsAcceptancePendingSql((parentPath) => reachSql(admin, parentPath)),
    );
    const dated = await dueDates(
      ctx.em,
      rows.map((r) => ({ ...r, limit: null })),
      TASK_WORKING_DAYS.STATISTICS_ACCEPTANCE,
    );
    const t = translatorOf(ctx);
    return dated.map((r) => ({
      kind: TaskKind.STATISTICS_ACCEPTANCE_PENDING,
      unitId: r.unit_id,
      title: t('tasks.title.statisticsAcceptance', { unit: r.unit_name, year: r.year }),
      dueDate: r.due,
      targetType: 'AnnualStatistics',
      targetId: toGlobalId('AnnualStatistics', r.id),
      year: r.year,
      detail: t('tasks.detail.statisticsAcceptance'),
    }));
  },
  [TaskKind.STATISTICS_ACCEPTANCE_PENDING],
);

/**
 * Publishers of a unit's report (OFFICE_PUBLISHER, OFFICE_ADMIN: `mayPublishReport` on the caller's
 * own grants): annual reports approved by both reviews. Due 5 working days after the approving
 * review, never after 31 January of the next year. One statement.
 */
export const reportPublicationPending: TaskProvider = forEveryRole(
  async (ctx) => {
    const publisher = ownReach(ctx.auth, REPORT_PUBLISHER_ROLES);
    if (!publisher.length) return [];
    const rows = await runSql<Row>(ctx.em, reportPublicationPendingSql(reachSql(publisher, sql`u.path`)));
    const dated = await dueDates(
      ctx.em,
      rows.map((r) => ({ ...r, limit: reportDueOf(r.year) })),
      TASK_WORKING_DAYS.PUBLISH,
    );
    const t = translatorOf(ctx);
    return dated.map((r) => ({
      kind: TaskKind.REPORT_PUBLICATION_PENDING,
      unitId: r.unit_id,
      title: t('tasks.title.reportPublication', { unit: r.unit_name, year: r.year }),
      dueDate: r.due,
      targetType: 'AnnualReport',
      targetId: toGlobalId('AnnualReport', r.id),
      year: r.year,
      detail: t('tasks.detail.reportPublication'),
    }));
  },
  [TaskKind.REPORT_PUBLICATION_PENDING],
);
