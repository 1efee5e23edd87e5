import { Principal } from './principal';
import { Role } from './roles';

/** An SQL fragment with positional `?` parameters (knex / MikroORM raw style). */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

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
 * Raw SQL condition on a materialised-path column limiting rows to the caller's scope for `roles`;
 * for aggregate queries written in SQL.
 */
export function pathScopeSql(principal: Principal, roles: readonly Role[], pathColumn: string): SqlCondition {
  const grants = principal.grantsFor(roles);
  if (!grants.length) return { sql: 'false', params: [] };
  return {
    sql: `(${grants.map((g) => (g.cascade ? `${pathColumn} like ?` : `${pathColumn} = ?`)).join(' or ')})`,
    params: grants.map((g) => (g.cascade ? `${g.unitPath}%` : g.unitPath)),
  };
}
