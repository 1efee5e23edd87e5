import { escapeLike } from '../../common/sql';

/**
 * Materialised paths of the unit tree: '/1/4/9/' is unit 9 under unit 4 under the root 1. Every
 * module reads paths through these helpers, so the shape is known in one place. Paths hold only
 * ids and slashes, but LIKE patterns escape them anyway: a path is data, never a pattern.
 */

/** Path of a new child `id` under the unit at `parentPath` ('/1/4/', 9 → '/1/4/9/'). */
export function childPathOf(parentPath: string, id: number): string {
  return `${parentPath}${id}/`;
}

/** Parent path of a materialised path ('/1/4/5/' → '/1/4/'); null at the root. */
export function parentPathOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : null;
}

/** Paths of a unit's ancestors and itself, root first ('/1/4/5/' → '/1/', '/1/4/', '/1/4/5/'). */
export function selfAndAncestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, n) => `/${ids.slice(0, n + 1).join('/')}/`);
}

/** Ids of the units on a path, root first ('/1/4/5/' → 1, 4, 5). */
export function unitIdsOfPath(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/** Is the unit at `path` in the subtree rooted at `rootPath` (the root itself included)? */
export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

/** LIKE pattern matching the unit at `path` only. */
export function exactPattern(path: string): string {
  return escapeLike(path);
}

/** LIKE pattern of the subtree rooted at `path` (the unit itself included). */
export function subtreePattern(path: string): string {
  return `${escapeLike(path)}%`;
}
