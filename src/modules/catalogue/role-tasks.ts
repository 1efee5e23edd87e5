import { Role } from '../../auth/roles';
import { reachSql, type PathReach } from '../../auth/scope';
import type { Principal } from '../../auth/principal';
import { toGlobalId } from '../../common/global-id';
import { forEveryRole, TaskKind, type TaskProvider, type TaskRecord } from '../../common/tasks';
import { runSql, sql, type Sql } from '../../db/sql';
import { PARENT_PATH, publishPendingSql, reviewPendingSql, withholdingRulingPendingSql } from './role-tasks.queries';

/** Chinese task details, to move into the message catalogue with the others. */
export const roleTaskMessages = {
  review: { LEGAL: '待法规审核', SECRECY: '待保密审查' } as Record<string, string>,
  publish: '已通过审核，待发布',
  ruling: (reason: string | null) => `暂不公开申请待裁定${reason ? `：${reason}` : ''}`,
} as const;

/**
 * Where the caller's own grants of `roles` reach: not the roles CENTRAL_ADMIN implies, which would
 * make every review and publication in the country its to-do list (as liaison tasks do).
 */
export function ownReach(auth: Principal, roles: readonly Role[]): PathReach[] {
  return auth.grants.filter((g) => roles.includes(g.role)).map((g) => ({ path: g.unitPath, subtree: g.cascade }));
}

interface Row {
  id: number;
  owner_unit_id: number;
  title: string;
  due: string | null;
  detail: string | null;
}

function itemTasks(kind: TaskKind, rows: Row[], detail: (r: Row) => string | null): TaskRecord[] {
  return rows.map((r) => ({
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
const reviewPending: TaskProvider = forEveryRole(async (ctx) => {
  const legal = ownReach(ctx.auth, [Role.LEGAL_REVIEWER]);
  const secrecy = ownReach(ctx.auth, [Role.SECRECY_REVIEWER]);
  const statement = whenReaching([legal, secrecy], () => reviewPendingSql(reachSql(legal, sql`u.path`), reachSql(secrecy, sql`u.path`)));
  if (!statement) return [];
  return itemTasks(TaskKind.ITEM_REVIEW_PENDING, await runSql<Row>(ctx.em, statement), (r) => roleTaskMessages.review[r.detail ?? ''] ?? null);
});

/** Publishers: approved items they may publish. */
const publishPending: TaskProvider = forEveryRole(async (ctx) => {
  const office = ownReach(ctx.auth, [Role.OFFICE_PUBLISHER]);
  const division = ownReach(ctx.auth, [Role.DIVISION_PUBLISHER]);
  const statement = whenReaching([office, division], () => publishPendingSql(reachSql(office, sql`u.path`), reachSql(division, sql`u.path`)));
  if (!statement) return [];
  return itemTasks(TaskKind.ITEM_PUBLISH_PENDING, await runSql<Row>(ctx.em, statement), () => roleTaskMessages.publish);
});

/** OFFICE_ADMINs: withholding requests of the units right below theirs. */
const withholdingRulingPending: TaskProvider = forEveryRole(async (ctx) => {
  const admin = ownReach(ctx.auth, [Role.OFFICE_ADMIN]);
  const statement = whenReaching([admin], () => withholdingRulingPendingSql(reachSql(admin, PARENT_PATH)));
  if (!statement) return [];
  return itemTasks(TaskKind.WITHHOLDING_RULING_PENDING, await runSql<Row>(ctx.em, statement), (r) => roleTaskMessages.ruling(r.detail));
});

/** The catalogue's tasks for roles other than liaison. */
export const catalogueRoleTaskProviders: TaskProvider[] = [reviewPending, publishPending, withholdingRulingPending];
