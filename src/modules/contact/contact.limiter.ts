import type { EntityManager } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { TooManyRequestsError } from '../../common/errors';

/** Public submissions per client address per hour. */
export const SUBMISSIONS_PER_HOUR = 5;
/** Public case look-ups (tracking number + secret) per client address per hour. */
export const LOOKUPS_PER_HOUR = 60;

type Limiters = { submit: RateLimiterPostgres; lookup: RateLimiterPostgres };
const byKnex = new WeakMap<object, Limiters>();

/**
 * The limiters of a database, kept in PostgreSQL (rate-limiter-flexible's RateLimiterPostgres over
 * the ORM's knex pool) so every API instance behind the load balancer counts the same hits. Its
 * table comes from the migration, so nothing creates tables at run time.
 */
function limitersOf(em: EntityManager): Limiters {
  const knex = em.getConnection().getKnex();
  let l = byKnex.get(knex);
  if (!l) {
    const common = { storeClient: knex, storeType: 'knex', tableName: 'contact_rate_limit', tableCreated: true, duration: 3600 };
    l = {
      submit: new RateLimiterPostgres({ ...common, keyPrefix: 'contact-submit', points: SUBMISSIONS_PER_HOUR }),
      lookup: new RateLimiterPostgres({ ...common, keyPrefix: 'contact-lookup', points: LOOKUPS_PER_HOUR }),
    };
    byKnex.set(knex, l);
  }
  return l;
}

/**
 * Takes one point of `kind` for the client address, or throws TOO_MANY_REQUESTS. Call it outside a
 * transaction: the limiter takes its own pooled connection. A caller without a known address (an
 * in-process call) shares one bucket, so it is limited too.
 */
export async function consumePublicPoint(em: EntityManager, kind: keyof Limiters, clientAddress: string | undefined): Promise<void> {
  try {
    await limitersOf(em)[kind].consume(clientAddress || 'unknown');
  } catch (err) {
    if (err instanceof RateLimiterRes) {
      const wait = Math.ceil(err.msBeforeNext / 1000);
      throw new TooManyRequestsError(`Too many requests from your address; try again in ${wait} s`, wait);
    }
    throw err;
  }
}
