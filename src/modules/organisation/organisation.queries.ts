import { sql, type Sql } from '../../db/sql';
import { subtreePattern } from './org-path';

/** The organisation module's hand-written statements. */

/** The next org unit id (so the materialised path can be written with the row). */
export function nextUnitIdSql(): Sql {
  return sql`select nextval('org_unit_id_seq')::int as id`;
}

/** Org units by id. */
export function unitsByIdSql(ids: readonly number[]): Sql {
  return sql`select * from org_unit where id = any(${[...ids]}::int[])`;
}

/** Direct children of org units, in display order. */
export function unitsByParentSql(parentIds: readonly number[]): Sql {
  return sql`select * from org_unit where parent_id = any(${[...parentIds]}::int[]) order by sort_order, id`;
}

/**
 * Moves the subtree at `oldPath` under a new parent: every path in it is rewritten to start with
 * `newPath`, depths shift by `depthDelta`, and the moved unit gets its new parent and version.
 */
export function moveSubtreeSql(args: { unitId: number; parentId: number; oldPath: string; newPath: string; depthDelta: number }): Sql {
  const { unitId, parentId, oldPath, newPath, depthDelta } = args;
  return sql`update org_unit set path = ${newPath} || substr(path, ${oldPath.length + 1}), depth = depth + ${depthDelta}, updated_at = now(),
           parent_id = case when id = ${unitId} then ${parentId} else parent_id end,
           version = case when id = ${unitId} then version + 1 else version end
         where path like ${subtreePattern(oldPath)}`;
}

/** A user with its active grants over active units (one row per grant; one row with null grant columns when none). */
export function principalSql(userId: number): Sql {
  return sql`select u.username, u.unit_id, u.must_change_password, a.role, a.unit_id as grant_unit_id, a.cascade, g.path
       from app_user u
       left join role_assignment a on a.user_id = u.id and a.revoked_at is null
       left join org_unit g on g.id = a.unit_id and g.active
      where u.id = ${userId} and u.active`;
}
