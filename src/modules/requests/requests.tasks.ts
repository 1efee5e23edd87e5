import { reachSql } from '../../auth/scope';
import { toGlobalId } from '../../common/global-id';
import { forEveryRole, ownReach, TaskKind, type TaskProvider } from '../../common/tasks';
import { runSql, sql } from '../../db/sql';
import { translatorOf } from '../../i18n';
import { REQUEST_WARNING_WORKING_DAYS, workingDaysAfter } from '../catalogue';
import { HANDLER_ROLES } from './requests.policy';
import { requestDeadlinePendingSql } from './requests-tasks.queries';

interface Row {
  id: number;
  body_unit_id: number;
  tracking_number: string;
  description: string;
  due: string;
}

/**
 * The handlers of a disclosure body (its LIAISONs and OFFICE_ADMINs, on their own grants): running
 * requests whose statutory date — 20 working days after receipt, plus pauses and an approved
 * extension (条例第三十三条; the request's `dueOn`) — is within 5 working days or past. One statement
 * (the holiday calendar is read only when the process does not cache it).
 */
export const requestDeadlineApproaching: TaskProvider = forEveryRole(
  async (ctx, _units, today) => {
    const handler = ownReach(ctx.auth, HANDLER_ROLES);
    if (!handler.length) return [];
    const until = await workingDaysAfter(ctx.em, today, REQUEST_WARNING_WORKING_DAYS);
    const rows = await runSql<Row>(ctx.em, requestDeadlinePendingSql(reachSql(handler, sql`b.path`), until));
    const t = translatorOf(ctx);
    return rows.map((r) => ({
      kind: TaskKind.REQUEST_DEADLINE_APPROACHING,
      unitId: r.body_unit_id,
      title: t('tasks.title.request', { tracking: r.tracking_number, description: r.description }),
      dueDate: r.due,
      targetType: 'DisclosureRequest',
      targetId: toGlobalId('DisclosureRequest', r.id),
      detail: t(r.due < today ? 'tasks.detail.requestOverdue' : 'tasks.detail.requestDue', { date: r.due }),
    }));
  },
  [TaskKind.REQUEST_DEADLINE_APPROACHING],
);
