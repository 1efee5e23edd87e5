import { sql, type Sql } from '../../db/sql';

/** Who made an audited change, as the audit trail records it. */
export interface AuditActor {
  userId: number | null;
  username: string | null;
  requestId: string | null;
}

/**
 * An audit record as SQL, for a mutation written as one statement: a data-modifying CTE over
 * `source` (e.g. the `returning` of the change), so the record commits with the change or not at
 * all. `targetId`, `scopePath`, `before` and `after` are SQL expressions over the statement's
 * relations, so large snapshots are not shipped to the database only to come back.
 */
export function auditInsertSql(
  actor: AuditActor,
  entry: { action: string; targetType: string },
  source: Sql,
  exprs: { targetId: Sql; scopePath: Sql; before: Sql; after: Sql },
): Sql {
  return sql`insert into audit_record (actor_id, actor_username, request_id, action, target_type, target_id, scope_path, before, after)
               select ${actor.userId}::int, ${actor.username}, ${actor.requestId}, ${entry.action}, ${entry.targetType}, ${exprs.targetId}, ${exprs.scopePath}, ${exprs.before}, ${exprs.after} from ${source}`;
}

/** The user with a login, and its unit's path (to check whether the caller may read the login). */
export function userByLoginSql(username: string): Sql {
  return sql`select u.id, o.path from app_user u join org_unit o on o.id = u.unit_id where u.username = ${username}`;
}
