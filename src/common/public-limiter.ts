import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { msg, TooManyRequestsError } from './errors';

/** One hourly allowance of anonymous public calls (submissions, look-ups) per client address. */
export interface PublicLimit {
  /** Key prefix in the shared store, e.g. `contact-submit`; one per allowance. */
  keyPrefix: string;
  /** Calls per client address per hour. */
  points: number;
}

// One store table for every public allowance: the key prefix keeps them apart. Its name comes from
// the contact module, which had the first one (migration 20261130002000).
const TABLE = 'contact_rate_limit';
const byKnex = new WeakMap<object, Map<string, RateLimiterPostgres>>();

/**
 * The limiter of `limit` on a database, kept in PostgreSQL (rate-limiter-flexible's
 * RateLimiterPostgres over the ORM's knex pool) so every API instance behind the load balancer
 * counts the same hits. Its table comes from a migration, so nothing creates tables at run time.
 */
function limiterOf(em: EntityManager, limit: PublicLimit): RateLimiterPostgres {
  const knex = em.getConnection().getKnex();
  let limiters = byKnex.get(knex);
  if (!limiters) byKnex.set(knex, (limiters = new Map()));
  let l = limiters.get(limit.keyPrefix);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: knex,
      storeType: 'knex',
      tableName: TABLE,
      tableCreated: true,
      duration: 3600,
      keyPrefix: limit.keyPrefix,
      points: limit.points,
    });
    limiters.set(limit.keyPrefix, l);
  }
  return l;
}

/**
 * Takes one point of `limit` for the client address, or throws TOO_MANY_REQUESTS. Call it outside a
 * transaction: the limiter takes its own pooled connection. A caller without a known address (an
 * in-process call) shares one bucket, so it is limited too.
 */
export async function consumePublicLimit(em: EntityManager, limit: PublicLimit, clientAddress: string | undefined): Promise<void> {
  try {
    await limiterOf(em, limit).consume(clientAddress || 'unknown');
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const wait = Math.ceil(err.msBeforeNext / 1000);
      throw new TooManyRequestsError(msg('transport.tooManyRequests', { seconds: wait }), wait);
    }
    throw err;
  }
}
