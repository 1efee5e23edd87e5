import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { empty, join, raw, Sql, type RawValue } from 'sql-template-tag';
import { readFallback } from './replica-fallback';

/**
 * The one way hand-written SQL reaches PostgreSQL.
 *
 * Statements are built with the `sql` tagged template (sql-template-tag): every interpolated value
 * is a `$n` parameter, nested `Sql` fragments are spliced in with their parameters renumbered, and
 * identifiers go through `ident`. Nobody numbers placeholders by hand, and a list is one array
 * parameter (`= any(${ids})`), so a statement's text never depends on how many values it carries.
 *
 * `runSql` always honours the EntityManager's transaction: inside `em.transactional` the statement
 * runs on the transaction's own connection (the knex transaction client hands out exactly that
 * connection), never on a second pooled one; holding one connection while waiting for another is
 * how the pool deadlocked under load.
 */

export { empty, join, raw, Sql };

/** The `sql` tag of sql-template-tag, typed to take the values pg sends as parameters (arrays, dates, objects). */
export function sql(strings: ReadonlyArray<string>, ...values: unknown[]): Sql {
  return new Sql(strings, values as RawValue[]);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A quoted identifier (`ident('u', 'path')` is `"u"."path"`); each part must be a plain name. */
export function ident(...parts: string[]): Sql {
  for (const p of parts) if (!IDENTIFIER.test(p)) throw new Error(`not an SQL identifier: ${JSON.stringify(p)}`);
  return raw(parts.map((p) => `"${p}"`).join('.'));
}

/** A string literal of a plain name (e.g. a JSON key from entity metadata), so it is text, not a parameter. */
export function nameLiteral(name: string): Sql {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain name: ${JSON.stringify(name)}`);
  return raw(`'${name}'`);
}

/** How many named prepared statements one connection keeps; the least recently used is deallocated beyond it. */
export const PREPARED_PER_CONNECTION = 100;
/** How many statement texts keep their name (a hash of the text) without hashing again. */
const NAMES_KEPT = 500;

interface PgClient {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  /** pg's own record of what it parsed on this connection (name → text); it skips Parse for names it holds. */
  connection?: { parsedStatements?: Record<string, string> };
}
interface KnexClient {
  acquireConnection(): Promise<PgClient>;
  releaseConnection(c: PgClient): Promise<unknown>;
}

/** The named statements each connection holds, least recently used first. */
const preparedOn = new WeakMap<PgClient, Map<string, true>>();
const names = new LRUCache<string, string>({ max: NAMES_KEPT });

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `p_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/**
 * Makes room for `name` on the connection: returns the statements to deallocate first (the least
 * recently used beyond PREPARED_PER_CONNECTION). pg remembers parsed names itself, so they are
 * forgotten there too, or it would execute a statement the server no longer has.
 */
function evictionsFor(conn: PgClient, name: string, max: number): string[] {
  // A Map in recency order (oldest first): a hit moves the name to the end.
  let held = preparedOn.get(conn);
  if (!held) preparedOn.set(conn, (held = new Map()));
  if (held.delete(name)) {
    held.set(name, true);
    return [];
  }
  const evicted: string[] = [];
  for (const oldest of held.keys()) {
    if (held.size < max) break;
    held.delete(oldest);
    evicted.push(oldest);
  }
  held.set(name, true);
  return evicted;
}

export interface RunOptions {
  /**
   * Run as a named prepared statement when outside a transaction: parsed once per connection, and
   * after five executions PostgreSQL may keep a generic plan. For hot reads whose planning costs
   * about as much as their execution (the public page, the principal).
   */
  prepare?: boolean;
}

/**
 * Runs `query` and returns its rows, on the transaction's connection when `em` is inside one.
 * The knex `query` event fires once per statement, as for every ORM statement (statement counters
 * see it); a DEALLOCATE made to keep the prepared-statement bound is housekeeping and not counted.
 */
export async function runSql<T = Record<string, unknown>>(em: EntityManager, query: Sql, options: RunOptions = {}): Promise<T[]> {
  try {
    return await runOn<T>(em, query, options);
  } catch (err) {
    // A fork reading on a replica (src/db/replicas.ts) whose replica failed: the primary answers.
    const primary = readFallback(em, err);
    if (primary) return runOn<T>(primary, query, options);
    throw err;
  }
}

async function runOn<T>(em: EntityManager, query: Sql, options: RunOptions): Promise<T[]> {
  // 'read': the primary, except on a fork made to read on a replica (src/db/replicas.ts).
  const knex = em.getConnection('read').getKnex();
  const trx = em.getTransactionContext() as { client: KnexClient } | undefined;
  const client = (trx ?? knex).client as unknown as KnexClient;
  const text = query.text;
  const values = query.values as unknown[];
  const name = options.prepare && !trx ? nameOf(text) : undefined;
  const conn = await client.acquireConnection();
  try {
    if (name) {
      for (const old of evictionsFor(conn, name, PREPARED_PER_CONNECTION)) {
        const parsed = conn.connection?.parsedStatements;
        // A statement whose Parse failed was never created: nothing to deallocate.
        if (parsed && !(old in parsed)) continue;
        await conn.query({ text: `deallocate "${old}"`, values: [] });
        if (parsed) delete parsed[old];
      }
    }
    knex.emit('query', { sql: text, bindings: values, name });
    const res = await conn.query(name ? { name, text, values } : { text, values });
    return res.rows as T[];
  } finally {
    await client.releaseConnection(conn);
  }
}

/** The first row of `query`, or undefined. */
export async function runSqlOne<T = Record<string, unknown>>(em: EntityManager, query: Sql, options?: RunOptions): Promise<T | undefined> {
  return (await runSql<T>(em, query, options))[0];
}
