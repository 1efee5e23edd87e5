import { ProblemList } from '../../common/errors';
import { toConnection, type Connection } from '../../common/relay';
import type { TaskRecord } from '../../common/tasks';

/** Page size of `myTasks`: default and maximum (a dashboard shows a day's work; 200 is several days of a busy office). */
export const TASK_PAGE_DEFAULT = 50;
export const TASK_PAGE_MAX = 200;

/** Sort key of a task: due date (none last), kind, target, then detail (one item can wait for two reviews of the same person). */
type TaskKey = [due: string, kind: string, target: string, detail: string];

function keyOf(t: TaskRecord): TaskKey {
  return [t.dueDate ?? '9999-12-31', t.kind, t.targetId, t.detail ?? ''];
}

function compareKeys(a: TaskKey, b: TaskKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/** Tasks in the stable order of `myTasks`: due date (soonest first, undated last), then kind, then target id. */
export function sortTasks<T extends TaskRecord>(tasks: T[]): T[] {
  return tasks.sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
}

/** An opaque cursor: the sort key of the task, as base64url JSON. */
export function taskCursor(t: TaskRecord): string {
  return Buffer.from(JSON.stringify(keyOf(t))).toString('base64url');
}

function decodeCursor(cursor: string): TaskKey | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(v) && v.length === 4 && v.every((x) => typeof x === 'string' && x.length <= 1000) ? (v as TaskKey) : null;
  } catch {
    return null;
  }
}

/** Checks `first` (1–200, default 50) and `after`, naming every bad argument; returns the size and the key to start after. */
export function checkTaskPage(first: number | null | undefined, after: string | null | undefined): { first: number; after: TaskKey | null } {
  const problems = new ProblemList();
  const size = first ?? TASK_PAGE_DEFAULT;
  problems.check(Number.isInteger(size) && size >= 1 && size <= TASK_PAGE_MAX, 'first', `must be between 1 and ${TASK_PAGE_MAX}`);
  const key = after != null ? decodeCursor(after) : null;
  problems.check(after == null || key !== null, 'after', 'is not a valid cursor');
  problems.throwIfAny();
  return { first: size, after: key };
}

/** One page of sorted tasks after the cursor's key (keyset: a task done meanwhile shifts nothing). */
export function pageOfTasks<T extends TaskRecord>(sorted: T[], first: number, after: TaskKey | null): Connection<T> {
  const start = after ? sorted.findIndex((t) => compareKeys(keyOf(t), after) > 0) : 0;
  const from = start < 0 ? sorted.length : start;
  const items = sorted.slice(from, from + first);
  return toConnection(items, sorted.length, from + first < sorted.length, from > 0, taskCursor);
}
