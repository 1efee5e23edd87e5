import { Role } from '../../auth/roles';
import { reachSql } from '../../auth/scope';
import { toGlobalId } from '../../common/global-id';
import { forEveryRole, ownReach, TaskKind, type TaskProvider } from '../../common/tasks';
import { runSql, sql } from '../../db/sql';
import { translatorOf } from '../../i18n';
import { dueDates, TASK_WORKING_DAYS } from '../catalogue';
import { inspectionResponsePendingSql, inspectionScoringPendingSql } from './inspection-tasks.queries';

interface Row {
  id: number;
  unit_id: number;
  unit_name: string;
  scheme_name: string;
  year: number;
  since: string | null;
}

/**
 * INSPECTORs: open inspections they must score and submit — of units in their own INSPECTOR reach,
 * never of a unit at or above one of their own grants (the separation rule of the inspection
 * service). A scheme sets no deadline for scoring, so these tasks have no due date. One statement.
 */
export const inspectionScoringPending: TaskProvider = forEveryRole(
  async (ctx) => {
    const inspector = ownReach(ctx.auth, [Role.INSPECTOR]);
    if (!inspector.length) return [];
    const ownPaths = [...new Set(ctx.auth.grants.map((g) => g.unitPath))];
    const rows = await runSql<Row>(ctx.em, inspectionScoringPendingSql(reachSql(inspector, sql`u.path`), ownPaths));
    const t = translatorOf(ctx);
    return rows.map((r) => ({
      kind: TaskKind.INSPECTION_SCORING_PENDING,
      unitId: r.unit_id,
      title: t('tasks.title.inspection', { scheme: r.scheme_name, unit: r.unit_name }),
      dueDate: null,
      targetType: 'Inspection',
      targetId: toGlobalId('Inspection', r.id),
      year: r.year,
      detail: t('tasks.detail.inspectionScoring'),
    }));
  },
  [TaskKind.INSPECTION_SCORING_PENDING],
);

/**
 * The inspected unit's OFFICE_ADMINs: submitted inspections awaiting their response (整改说明),
 * which `respondToInspection` records; due 10 working days after submission (task-deadlines.ts). One statement.
 */
export const inspectionResponsePending: TaskProvider = forEveryRole(
  async (ctx) => {
    const admin = ownReach(ctx.auth, [Role.OFFICE_ADMIN]);
    if (!admin.length) return [];
    const rows = await runSql<Row>(ctx.em, inspectionResponsePendingSql(reachSql(admin, sql`u.path`)));
    const dated = await dueDates(
      ctx.em,
      rows.map((r) => ({ ...r, limit: null })),
      TASK_WORKING_DAYS.INSPECTION_RESPONSE,
    );
    const t = translatorOf(ctx);
    return dated.map((r) => ({
      kind: TaskKind.INSPECTION_RESPONSE_PENDING,
      unitId: r.unit_id,
      title: t('tasks.title.inspection', { scheme: r.scheme_name, unit: r.unit_name }),
      dueDate: r.due,
      targetType: 'Inspection',
      targetId: toGlobalId('Inspection', r.id),
      year: r.year,
      detail: t('tasks.detail.inspectionResponse'),
    }));
  },
  [TaskKind.INSPECTION_RESPONSE_PENDING],
);

export const inspectionTaskProviders: TaskProvider[] = [inspectionScoringPending, inspectionResponsePending];
