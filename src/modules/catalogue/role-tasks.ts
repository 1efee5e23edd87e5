import { Role } from '../../auth/roles';
import { reachSql, type PathReach } from '../../auth/scope';
import type { ServiceContext } from '../../common/context';
import { toGlobalId } from '../../common/global-id';
import { forEveryRole, ownReach, TaskKind, type TaskProvider, type TaskRecord } from '../../common/tasks';
import { runSql, sql, type Sql } from '../../db/sql';
import { translatorOf } from '../../i18n';
import { dueDates, TASK_WORKING_DAYS } from './calendar';
import { PARENT_PATH, publishPendingSql, reviewPendingSql, withholdingRulingPendingSql } from './role-tasks.queries';

export { ownReach };

interface Row {
  id: number;
  owner_unit_id: number;
  title: string;
  /** China date the item entered the state that asks for the work. */
  since: string | null;
  /** The item's statutory publication deadline (20 working days, 条例第二十六条), if it has one. */
  statutory: string | null;
  detail: string | null;
}

/** Item tasks due `workingDays` working days after they entered their state, never after the statutory deadline. */
async function itemTasks(ctx: ServiceContext, kind: TaskKind, rows: Row[], workingDays: number, detail: (r: Row) => string | null): Promise<TaskRecord[]> {
  const dated = await dueDates(
    ctx.em,
    rows.map((r) => ({ ...r, limit: r.statutory })),
    workingDays,
  );
  return dated.map((r) => ({
    kind,
    unitId: r.owner_unit_id,
    title: r.title,
    dueDate: r.due,
    targetType: 'DisclosureItem',
    targetId: toGlobalId('DisclosureItem', r.id),
    detail: detail(r),
  }));
}

/** Runs `statement` only when the caller holds one of the roles somewhere: one statement at most per provider. */
function whenReaching(reaches: PathReach[][], statement: () => Sql): Sql | null {
  return reaches.some((r) => r.length) ? statement() : null;
}

/** Reviewers: items in review waiting for the kind of review they hold over them, in the current round. */
const reviewPending: TaskProvider = forEveryRole(
  async (ctx) => {
    const legal = ownReach(ctx.auth, [Role.LEGAL_REVIEWER]);
    const secrecy = ownReach(ctx.auth, [Role.SECRECY_REVIEWER]);
    const statement = whenReaching([legal, secrecy], () => reviewPendingSql(reachSql(legal, sql`u.path`), reachSql(secrecy, sql`u.path`)));
    if (!statement) return [];
    const t = translatorOf(ctx);
    return itemTasks(ctx, TaskKind.ITEM_REVIEW_PENDING, await runSql<Row>(ctx.em, statement), TASK_WORKING_DAYS.REVIEW, (r) =>
      r.detail === 'LEGAL' ? t('tasks.detail.reviewLegal') : r.detail === 'SECRECY' ? t('tasks.detail.reviewSecrecy') : null,
    );
  },
  [TaskKind.ITEM_REVIEW_PENDING],
);

/** Publishers: approved items they may publish. */
const publishPending: TaskProvider = forEveryRole(
  async (ctx) => {
    const office = ownReach(ctx.auth, [Role.OFFICE_PUBLISHER]);
    const division = ownReach(ctx.auth, [Role.DIVISION_PUBLISHER]);
    const statement = whenReaching([office, division], () => publishPendingSql(reachSql(office, sql`u.path`), reachSql(division, sql`u.path`)));
    if (!statement) return [];
    const t = translatorOf(ctx);
    return itemTasks(ctx, TaskKind.ITEM_PUBLISH_PENDING, await runSql<Row>(ctx.em, statement), TASK_WORKING_DAYS.PUBLISH, () => t('tasks.detail.publish'));
  },
  [TaskKind.ITEM_PUBLISH_PENDING],
);

/** OFFICE_ADMINs: withholding requests of the units right below theirs. */
const withholdingRulingPending: TaskProvider = forEveryRole(
  async (ctx) => {
    const admin = ownReach(ctx.auth, [Role.OFFICE_ADMIN]);
    const statement = whenReaching([admin], () => withholdingRulingPendingSql(reachSql(admin, PARENT_PATH)));
    if (!statement) return [];
    const t = translatorOf(ctx);
    return itemTasks(ctx, TaskKind.WITHHOLDING_RULING_PENDING, await runSql<Row>(ctx.em, statement), TASK_WORKING_DAYS.WITHHOLDING_RULING, (r) =>
      r.detail ? t('tasks.detail.rulingWithReason', { reason: r.detail }) : t('tasks.detail.ruling'),
    );
  },
  [TaskKind.WITHHOLDING_RULING_PENDING],
);

/** The catalogue's tasks for roles other than liaison. */
export const catalogueRoleTaskProviders: TaskProvider[] = [reviewPending, publishPending, withholdingRulingPending];
