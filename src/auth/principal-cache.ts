import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { CacheRegistry, ChangeListener } from '../db/change-listener';
import type { Principal } from './principal';

/** The channel the database notifies when users, role assignments or unit paths change (migration 000900). */
export const PRINCIPALS_CHANNEL = 'principals_changed';

export interface PrincipalCacheOptions {
  /** How often the listening connection is checked, and how long a check may take (ms). */
  heartbeatMs: number;
  /** Wait before reconnecting a lost listener (ms). */
  reconnectMs: number;
  /** The longest any principal is remembered, whatever the listener says (ms). */
  maxAgeMs: number;
  /** How many users' principals are remembered. */
  max: number;
}

const DEFAULTS: PrincipalCacheOptions = { heartbeatMs: 5_000, reconnectMs: 1_000, maxAgeMs: 60_000, max: 10_000 };

/**
 * Remembers each user's principal (active grants with their unit paths) between requests.
 *
 * Every authenticated request needs its caller's grants, and reading them was one statement of
 * each request: on the statistics save, one of three. Grants must still stop working the moment
 * they are revoked, so the cache is only used while it is told about every change:
 *
 * - Triggers on `app_user`, `role_assignment` and `org_unit` notify `principals_changed` in the
 *   transaction that changes a principal; PostgreSQL delivers it when that transaction commits.
 *   Any notification empties the cache (changes to who may do what are rare).
 * - A dedicated connection LISTENs. Until it listens, and from the moment it fails, misses a
 *   heartbeat or ends, the cache is empty and unused: every request reads its grants again, as
 *   without a cache. It reconnects by itself and starts empty.
 * - A principal read while a notification arrived is not kept (`generation`): it may have been
 *   read before the change committed.
 * - Changes made through this process's own API empty the cache as soon as they commit
 *   (`invalidate`), so the next request sees them without waiting for the notification.
 *
 * What remains: a change committed by another process or by hand in SQL is seen here once the
 * notification arrives (normally within a millisecond), and a connection that dies silently is
 * noticed within two heartbeats (src/db/change-listener.ts); `maxAgeMs` bounds everything else.
 */
export class PrincipalCache {
  private readonly entries: LRUCache<number, Principal>;
  private readonly listener: ChangeListener;
  private generation = 0;

  constructor(connectionString: string, log: Logger, options: Partial<PrincipalCacheOptions> = {}) {
    const o = { ...DEFAULTS, ...options };
    this.entries = new LRUCache({ max: o.max, ttl: o.maxAgeMs, allowStale: false });
    this.listener = new ChangeListener(
      connectionString,
      PRINCIPALS_CHANNEL,
      () => this.invalidate(),
      log,
      { name: 'principal-cache', whileDown: 'grants are read on every request' },
      { heartbeatMs: o.heartbeatMs, reconnectMs: o.reconnectMs },
    );
  }

  /** Is the cache in use (listening)? */
  get live(): boolean {
    return this.listener.live;
  }

  /** Starts listening. Never throws: when the database cannot be reached, requests read grants as without a cache, and it retries. */
  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }

  /** The user's principal: remembered, or read by `load` (and remembered when nothing changed meanwhile). */
  async get(userId: number, load: () => Promise<Principal | null>): Promise<Principal | null> {
    if (!this.live) return load();
    const known = this.entries.get(userId);
    if (known) return known;
    const generation = this.generation;
    const principal = await load();
    if (principal && this.live && generation === this.generation) this.entries.set(userId, principal);
    return principal;
  }

  /**
   * Resolves once every change committed before the call has reached this cache.
   * (For tests and tools that change grants in SQL and act at once; requests never wait for it.)
   */
  settle(): Promise<void> {
    return this.listener.settle();
  }

  /** Forgets every principal, and any read still in flight. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }
}

/** The caches serving each ORM connection. */
const caches = new CacheRegistry<PrincipalCache>();

export function registerPrincipalCache(connection: object, cache: PrincipalCache): void {
  caches.register(connection, cache);
}

export function unregisterPrincipalCache(connection: object, cache: PrincipalCache): void {
  caches.unregister(connection, cache);
}

export function principalCacheFor(connection: object): PrincipalCache | undefined {
  return caches.for(connection);
}

/**
 * Call after a change to users, role assignments or unit paths has committed through `em`: this
 * process's cache forgets at once (other processes hear it from the trigger's notification).
 */
export function principalsChanged(em: { getConnection(): object }): void {
  for (const cache of caches.all(em.getConnection())) cache.invalidate();
}

/** Runs `work` (a committed change to users, grants or units) and then empties this process's cache, even when it fails. */
export async function changingPrincipals<T>(em: { getConnection(): object }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    principalsChanged(em);
  }
}
