import { escapeLike } from '../common/sql';
import { sql, type Sql } from '../db/sql';
import { Principal } from './principal';
import { Role } from './roles';

/**
 * MikroORM filter limiting rows to the units where the caller holds one of `roles`, on a
 * materialised-path property (`path` of OrgUnit by default). Nest it under a relation
 * (`{ ownerUnit: unitScopeFilter(...) }`) to scope other tables.
 */
export function unitScopeFilter(principal: Principal, roles: readonly Role[], pathProperty = 'path'): Record<string, unknown> {
  const grants = principal.grantsFor(roles);
  // No grant: a condition no row meets (paths always start with '/').
  if (!grants.length) return { [pathProperty]: '' };
  return {
    $or: grants.map((g) => ({ [pathProperty]: g.cascade ? { $like: `${g.unitPath}%` } : g.unitPath })),
  };
}

/**
 * SQL condition on a materialised-path column limiting rows to the caller's scope for `roles`;
 * for statements written in SQL. The grants are one array parameter of LIKE patterns (a cascading
 * grant's subtree, or the unit's own path), so the text is the same whatever the caller holds;
 * without a grant it is the literal `false`, which the planner folds away.
 */
export function pathScopeSql(principal: Principal, roles: readonly Role[], pathColumn: Sql): Sql {
  const grants = principal.grantsFor(roles);
  if (!grants.length) return sql`false`;
  return sql`${pathColumn} like any(${grants.map((g) => (g.cascade ? `${escapeLike(g.unitPath)}%` : escapeLike(g.unitPath)))}::text[])`;
}
