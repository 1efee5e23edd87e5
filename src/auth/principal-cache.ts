import { LRUCache } from 'lru-cache';
import { Client } from 'pg';
import type { Logger } from 'pino';
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
 * noticed within two heartbeats; `maxAgeMs` bounds everything else.
 *
 * (pg-listen does the listening part, but it has not been released since 2020 and its connection
 * check has no deadline, so a half-open connection would go unnoticed; this is pg's own Client.)
 */
export class PrincipalCache {
  private readonly entries: LRUCache<number, Principal>;
  private readonly options: PrincipalCacheOptions;
  private generation = 0;
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    options: Partial<PrincipalCacheOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.entries = new LRUCache({ max: this.options.max, ttl: this.options.maxAgeMs, allowStale: false });
  }

  /** Is the cache in use (listening)? */
  get live(): boolean {
    return this.client !== null;
  }

  /** Starts listening. Never throws: when the database cannot be reached, requests read grants as without a cache, and it retries. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const client = this.client;
    this.drop();
    await client?.end().catch(() => undefined);
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
   * Resolves once every change committed before the call has reached this cache. A notification
   * sent on the listening connection comes back to it after all notifications of earlier commits.
   * (For tests and tools that change grants in SQL and act at once; requests never wait for it.)
   */
  async settle(): Promise<void> {
    // A failure means the connection is gone, and the cache with it: nothing left to wait for.
    await this.client?.query(`select pg_notify('${PRINCIPALS_CHANNEL}', 'settle')`).catch(() => undefined);
  }

  /** Forgets every principal, and any read still in flight. */
  invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client({ connectionString: this.connectionString, keepAlive: true, application_name: 'principal-cache' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      if (msg.channel === PRINCIPALS_CHANNEL) this.invalidate();
    });
    try {
      await client.connect();
      await client.query(`listen ${PRINCIPALS_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.log.warn({ err }, 'principal cache: cannot listen for changes; grants are read on every request until it can');
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever changed while nobody listened is unknown: start empty.
    this.invalidate();
    this.client = client;
    this.heartbeat = setInterval(() => void this.check(client), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** A query with a deadline: a connection that does not answer in time is given up. */
  private async check(client: Client): Promise<void> {
    const deadline = setTimeout(() => this.lost(client, new Error('heartbeat timed out')), this.options.heartbeatMs);
    try {
      await client.query('select 1');
    } catch (err) {
      this.lost(client, err as Error);
    } finally {
      clearTimeout(deadline);
    }
  }

  private lost(client: Client, err: Error): void {
    if (client !== this.client) return;
    this.drop();
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (!this.stopped) {
      this.log.warn({ err }, 'principal cache: lost the listening connection; grants are read on every request until it is back');
      this.scheduleReconnect();
    }
  }

  /** Stops using the cache at once. */
  private drop(): void {
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.invalidate();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, this.options.reconnectMs);
    this.retry.unref();
  }
}

/** The caches serving each ORM connection, newest last (a test may run two servers over one ORM). */
const caches = new WeakMap<object, PrincipalCache[]>();

export function registerPrincipalCache(connection: object, cache: PrincipalCache): void {
  caches.set(connection, [...(caches.get(connection) ?? []), cache]);
}

export function unregisterPrincipalCache(connection: object, cache: PrincipalCache): void {
  caches.set(
    connection,
    (caches.get(connection) ?? []).filter((c) => c !== cache),
  );
}

export function principalCacheFor(connection: object): PrincipalCache | undefined {
  return caches.get(connection)?.at(-1);
}

/**
 * Call after a change to users, role assignments or unit paths has committed through `em`: this
 * process's cache forgets at once (other processes hear it from the trigger's notification).
 */
export function principalsChanged(em: { getConnection(): object }): void {
  for (const cache of caches.get(em.getConnection()) ?? []) cache.invalidate();
}

/** Runs `work` (a committed change to users, grants or units) and then empties this process's cache, even when it fails. */
export async function changingPrincipals<T>(em: { getConnection(): object }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } finally {
    principalsChanged(em);
  }
}
