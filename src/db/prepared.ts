import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';

interface Native { sql: string; bindings: readonly unknown[]; name: string }

const natives = new Map<string, { sql: string; name: string } | null>();

/** Only plain values: a knex Raw or builder among them would be inlined into the text. */
const plainValues = (params: readonly unknown[]) => params.every((p) => p === null || typeof p !== 'object' || p instanceof Date || Array.isArray(p));

/**
 * The statement with `$n` placeholders and its name. Plain `?` placeholders (no `??` identifiers,
 * no escaped `\\?`) over plain values turn into `$1, $2, …` whatever the values, exactly as knex
 * numbers them: that translation is made once per statement text (null: a text that always goes
 * through knex). Anything else goes through knex.
 */
function nativeOf(sql: string, params: readonly unknown[], viaKnex: () => { sql: string; bindings: readonly unknown[] }): Native {
  const cached = natives.get(sql);
  if (cached && plainValues(params)) return { ...cached, bindings: params };
  const out = viaKnex();
  const entry = { sql: out.sql, name: `p_${createHash('sha1').update(out.sql).digest('hex').slice(0, 20)}` };
  if (cached === undefined) natives.set(sql, !/\?\?|\\\?/.test(sql) && plainValues(params) && out.bindings.length === params.length ? entry : null);
  return { ...entry, bindings: out.bindings };
}

interface PgConnection {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot read as a named prepared statement on a pooled connection.
 *
 * MikroORM (through knex) sends every statement unnamed, so PostgreSQL plans it on every call.
 * For the public catalogue page planning cost as much as executing (3.5 ms against 4 ms on the
 * national benchmark world). A named statement is parsed once per connection and, after five
 * executions, PostgreSQL may keep a generic plan for it. The statement is named after a hash of
 * its text, so each query shape gets its own entry per connection.
 *
 * Inside a transaction the statement goes through the transaction's connection (never a second pooled one).
 * The knex `query` event fires as for every other statement (statement counters see it).
 */
export async function executePrepared<T>(em: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const connection = em.getConnection();
  const trx = em.getTransactionContext();
  if (trx) return connection.execute<T[]>(sql, params, 'all', trx);
  const knex = connection.getKnex();
  const native = nativeOf(sql, params, () => knex.raw(sql, params as never[]).toSQL().toNative());
  const name = native.name;
  const client = knex.client as unknown as {
    acquireConnection(): Promise<PgConnection>;
    releaseConnection(c: PgConnection): Promise<void>;
  };
  const conn = await client.acquireConnection();
  try {
    knex.emit('query', { sql: native.sql, bindings: native.bindings, name });
    const res = await conn.query({ name, text: native.sql, values: native.bindings as unknown[] });
    return res.rows as T[];
  } finally {
    await client.releaseConnection(conn);
  }
}
