import { sql, type Sql } from '../db/sql';
import { exactPattern, isInSubtree, subtreePattern } from '../modules/organisation/org-path';
import { Principal } from './principal';
import { Role } from './roles';

/**
 * A scope rule is data: the places in the unit tree it reaches. Each rule is written once as a
 * list of reaches and rendered three ways from it, so the yes/no a resolver asks and the filter a
 * list runs cannot drift apart: `reachesPath` (yes/no), `reachSql` (sql-template-tag) and
 * `reachFilter` (MikroORM).
 */

/** A place a rule reaches: the unit at `path`, and its whole subtree when `subtree`. */
export interface PathReach {
  path: string;
  subtree: boolean;
}

/** Where the caller's grants of `roles` reach (CENTRAL_ADMIN confers every role over its subtree). */
export function roleReach(principal: Principal, roles: readonly Role[]): PathReach[] {
  return principal.grantsFor(roles).map((g) => ({ path: g.unitPath, subtree: g.cascade }));
}

/** Does `reach` include the unit at `path`? */
export function reachesPath(reach: readonly PathReach[], path: string): boolean {
  return reach.some((r) => (r.subtree ? isInSubtree(path, r.path) : path === r.path));
}

/**
 * SQL condition on a materialised-path column limiting rows to `reach`. The reach is one array
 * parameter of LIKE patterns (a subtree's, or a unit's own path), so the text is the same however
 * far it reaches; when it reaches nowhere it is the literal `false`, which the planner folds away.
 */
export function reachSql(reach: readonly PathReach[], pathColumn: Sql): Sql {
  if (!reach.length) return sql`false`;
  return sql`${pathColumn} like any(${reach.map((r) => (r.subtree ? subtreePattern(r.path) : exactPattern(r.path)))}::text[])`;
}

/**
 * MikroORM filter limiting rows to `reach` on a materialised-path property (`path` of OrgUnit by
 * default). Nest it under a relation (`{ ownerUnit: reachFilter(...) }`) to scope other tables.
 */
export function reachFilter(reach: readonly PathReach[], pathProperty = 'path'): Record<string, unknown> {
  // Reaching nowhere: a condition no row meets (paths always start with '/').
  if (!reach.length) return { [pathProperty]: '' };
  return { $or: reach.map((r) => ({ [pathProperty]: r.subtree ? { $like: subtreePattern(r.path) } : r.path })) };
}

/**
 * MikroORM filter limiting rows to the units where the caller holds one of `roles`, on a
 * materialised-path property (`path` of OrgUnit by default); the list twin of `hasRoleOver`.
 */
export function unitScopeFilter(principal: Principal, roles: readonly Role[], pathProperty = 'path'): Record<string, unknown> {
  return reachFilter(roleReach(principal, roles), pathProperty);
}

/** SQL condition on a materialised-path column limiting rows to the caller's scope for `roles`; the SQL twin of `hasRoleOver`. */
export function pathScopeSql(principal: Principal, roles: readonly Role[], pathColumn: Sql): Sql {
  return reachSql(roleReach(principal, roles), pathColumn);
}
