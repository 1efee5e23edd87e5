import { Role } from '../../auth/roles';
import type { TaskKind, TaskProvider, TaskRecord, TaskUnit } from '../../common/tasks';
import type { ServiceContext } from '../../common/context';
import { runSql } from '../../db/sql';
import { isInSubtree } from '../organisation';
import { appointedUnitsSql, unitPathsSql } from './liaison-task.queries';
import { todayInChina } from '../../common/dates';
import { LiaisonTask } from './liaison.types';
import type { Connection } from '../../common/relay';
import { checkTaskPage, pageOfTasks, sortTasks } from './task-page';

/** Arguments of `myTasks`. */
export interface TaskPageArgs {
  first?: number | null;
  after?: string | null;
  asOf?: string | null;
  kinds?: readonly TaskKind[] | null;
}

/** A unit the caller liaises for; `cascade` when its LIAISON grant reaches the whole subtree. */
interface LiaisonUnit extends TaskUnit {
  cascade: boolean;
}

/** Gathers a liaison's tasks from the task providers it is given (every module's, from the request context). */
export class LiaisonTaskService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly taskProviders: readonly TaskProvider[],
  ) {}

  /**
   * Units the caller liaises for: its own LIAISON grants (not the roles CENTRAL_ADMIN implies, which
   * would make the whole country its to-do list) and its user-linked DEPARTMENT appointments in force.
   */
  async liaisonUnits(today: string): Promise<LiaisonUnit[]> {
    const auth = this.ctx.auth;
    if (!auth.userId) return [];
    const units = new Map<number, LiaisonUnit>();
    for (const g of auth.grants) {
      if (g.role !== Role.LIAISON) continue;
      const seen = units.get(g.unitId);
      units.set(g.unitId, { id: g.unitId, path: g.unitPath, cascade: g.cascade || !!seen?.cascade });
    }
    const rows = await runSql<{ id: number; path: string }>(this.ctx.em, appointedUnitsSql(auth.userId, today));
    for (const r of rows) if (!units.has(r.id)) units.set(r.id, { id: r.id, path: r.path, cascade: false });
    return [...units.values()].sort((a, b) => a.id - b.id);
  }

  /**
   * The caller's tasks as of `asOf` (default today), in the stable order of task-page.ts (due date,
   * kind, target): those of the units it liaises for, and those of its other roles (reviews,
   * publications, rulings, acceptances, inspections, requests), each provider scoping itself to
   * the caller's grants. `kinds` keeps only those kinds.
   */
  async allTasks(asOf?: string | null, kinds?: readonly TaskKind[] | null): Promise<LiaisonTask[]> {
    const today = asOf ?? todayInChina();
    const units = await this.liaisonUnits(today);
    const taskUnits: TaskUnit[] = units.map(({ id, path }) => ({ id, path }));
    const wanted = kinds?.length ? new Set(kinds) : null;
    const liaisonTasks: TaskRecord[] = [];
    const roleTasks: TaskRecord[] = [];
    // One provider after the other: they share the request's EntityManager. A provider whose kinds
    // are all filtered out is not asked (it declares them in `kinds`).
    for (const provider of this.taskProviders) {
      if (wanted && provider.kinds && !provider.kinds.some((k) => wanted.has(k))) continue;
      if (provider.forEveryRole) roleTasks.push(...(await provider(this.ctx, taskUnits, today)));
      else if (units.length) liaisonTasks.push(...(await provider(this.ctx, taskUnits, today)));
    }
    const tasks = [...(await this.keepInScope(liaisonTasks, units)), ...roleTasks].filter((t) => !wanted || wanted.has(t.kind));
    return sortTasks(tasks).map((t) =>
      Object.assign(new LiaisonTask(), {
        kind: t.kind,
        unitId: t.unitId,
        title: t.title,
        dueDate: t.dueDate,
        targetType: t.targetType,
        targetId: t.targetId,
        year: t.year ?? null,
        detail: t.detail ?? null,
      }),
    );
  }

  /** One page of the caller's tasks (`first` 1–200, default 50; `after` a cursor of this list), with the total. */
  async myTasks(args: TaskPageArgs = {}): Promise<Connection<LiaisonTask>> {
    const { first, after } = checkTaskPage(args.first, args.after);
    return pageOfTasks(await this.allTasks(args.asOf, args.kinds), first, after);
  }

  /** Drops tasks of units the caller does not liaise for, whatever a provider returned (one statement at most). */
  private async keepInScope(tasks: TaskRecord[], units: LiaisonUnit[]): Promise<TaskRecord[]> {
    const exact = new Set(units.map((u) => u.id));
    const subtrees = units.filter((u) => u.cascade).map((u) => u.path);
    const unknown = [...new Set(tasks.map((t) => t.unitId).filter((id) => !exact.has(id)))];
    const inSubtree = new Set<number>();
    if (unknown.length && subtrees.length) {
      const rows = await runSql<{ id: number; path: string }>(this.ctx.em, unitPathsSql(unknown));
      for (const r of rows) if (subtrees.some((p) => isInSubtree(r.path, p))) inSubtree.add(r.id);
    }
    return tasks.filter((t) => exact.has(t.unitId) || inSubtree.has(t.unitId));
  }
}
