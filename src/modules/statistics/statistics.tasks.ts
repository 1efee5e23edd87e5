import { toGlobalId } from '../../common/global-id';
import { TaskKind, TaskProvider } from '../../common/tasks';
import { runSql } from '../../db/sql';
import { translatorOf } from '../../i18n';
import { notSubmittedSql } from './statistics.queries';

/**
 * STATISTICS_NOT_SUBMITTED: the given units expected to report that have neither submitted nor
 * had accepted their statistics for last year. One SQL statement.
 */
export const statisticsNotSubmitted: TaskProvider = async (ctx, units, today) => {
  if (!units.length) return [];
  const year = Number(today.slice(0, 4)) - 1;
  const rows = await runSql<{ id: number; name: string }>(
    ctx.em,
    notSubmittedSql(
      units.map((u) => u.id),
      year,
    ),
  );
  return rows.map((r) => ({
    kind: TaskKind.STATISTICS_NOT_SUBMITTED,
    unitId: r.id,
    title: translatorOf(ctx)('tasks.title.statisticsNotSubmitted', { unit: r.name, year }),
    year,
    // Annual reports are due by 31 January of the following year (《政府信息公开条例》第四十九条).
    dueDate: `${year + 1}-01-31`,
    targetType: 'OrgUnit',
    targetId: toGlobalId('OrgUnit', r.id),
    detail: null,
  }));
};
