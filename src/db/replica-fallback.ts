import type { EntityManager } from '@mikro-orm/postgresql';
import { isUnavailable } from '../common/unavailable';

/**
 * How a statement that failed on a read replica gets back to the primary (src/db/replicas.ts).
 * Apart from replicas.ts so that src/db/sql.ts can ask without importing it (replicas.ts runs SQL
 * through sql.ts).
 */

/** SQLSTATEs after which a read is run again on the primary. */
const RETRY_ON_PRIMARY = new Set([
  '40001', // canceling statement due to conflict with recovery
  '25006', // read_only_sql_transaction: a write that reached a replica
]);

function codeOf(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; previous?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === 'string') return e.code;
    e = (e.previous ?? e.cause) as typeof e;
  }
  return undefined;
}

/** Whether a statement that failed on a replica should run again on the primary (the replica's fault, not the statement's). */
export function isReplicaFailure(err: unknown): boolean {
  const code = codeOf(err);
  if (code === '57014') return false; // its own statement timeout: as slow on the primary
  return (code !== undefined && RETRY_ON_PRIMARY.has(code)) || isUnavailable(err);
}

/** Routed forks: how their hand-written SQL (src/db/sql.ts) gets back to the primary when the replica fails. */
export const fallbacks = new WeakMap<object, (err: unknown) => EntityManager>();

/**
 * The primary fork a statement of `em` that failed with `err` runs again on, when `em` reads on a
 * replica and `err` is the replica's fault; null otherwise.
 */
export function readFallback(em: object, err: unknown): EntityManager | null {
  const fallback = fallbacks.get(em);
  return fallback && isReplicaFailure(err) ? fallback(err) : null;
}
