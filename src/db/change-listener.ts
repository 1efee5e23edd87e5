import { Client } from 'pg';
import type { Logger } from 'pino';

export interface ChangeListenerOptions {
  /** How often the listening connection is checked, and how long a check (or connecting) may take (ms). */
  heartbeatMs: number;
  /** Wait before reconnecting a lost listener (ms). */
  reconnectMs: number;
}

const DEFAULTS: ChangeListenerOptions = { heartbeatMs: 5_000, reconnectMs: 1_000 };

/**
 * A dedicated connection that LISTENs on one channel: for in-process caches of data that changes
 * rarely (principals, the holiday calendar) and for fanning committed notifications out to
 * real-time subscribers. A cache built on it may serve from memory only while
 * `live` is true; `onChange` is called on every notification and whenever the listener starts or
 * stops being live, because whatever changed while nobody listened is unknown.
 *
 * - It reconnects by itself after `reconnectMs` when connecting fails or the connection is lost.
 * - A heartbeat (`select 1`) with a deadline every `heartbeatMs` notices a connection that died
 *   silently (a half-open TCP connection) within two heartbeats.
 *
 * (pg-listen does the listening part, but it has not been released since 2020 and its connection
 * check has no deadline, so a half-open connection would go unnoticed; this is pg's own Client.)
 */
export class ChangeListener {
  private readonly options: ChangeListenerOptions;
  private client: Client | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    /** Channel name: a plain identifier (it is written into LISTEN). */
    readonly channel: string,
    /** Called with the notification's payload, and without one when the listener starts or stops being live. */
    private readonly onChange: (payload?: string) => void,
    private readonly log: Logger,
    /** Who listens, for logs and `application_name`, and what requests do meanwhile when it is down. */
    private readonly describe: { name: string; whileDown: string },
    options: Partial<ChangeListenerOptions> = {},
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
    this.options = { ...DEFAULTS, ...options };
  }

  /** Is the listener connected and listening? */
  get live(): boolean {
    return this.client !== null;
  }

  /** Starts listening. Never throws: while the database cannot be reached it retries. */
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

  /**
   * Resolves once every change committed before the call has been heard: a notification sent on
   * the listening connection comes back to it after all notifications of earlier commits.
   */
  async settle(): Promise<void> {
    // A failure means the connection is gone, and the cache with it: nothing left to wait for.
    await this.client?.query(`select pg_notify('${this.channel}', 'settle')`).catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client({
      connectionString: this.connectionString,
      keepAlive: true,
      application_name: this.describe.name,
      connectionTimeoutMillis: this.options.heartbeatMs,
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      if (msg.channel === this.channel) this.onChange(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.log.warn({ err }, `${this.describe.name}: cannot listen for changes; ${this.describe.whileDown} until it can`);
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    // Whatever changed while nobody listened is unknown: start empty.
    this.onChange();
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
      this.log.warn({ err }, `${this.describe.name}: lost the listening connection; ${this.describe.whileDown} until it is back`);
      this.scheduleReconnect();
    }
  }

  /** Stops being live at once. */
  private drop(): void {
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.onChange();
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

/**
 * The caches serving each ORM connection, newest last (a test may run two servers over one ORM).
 * One registry per kind of cache.
 */
export class CacheRegistry<C> {
  private readonly caches = new WeakMap<object, C[]>();

  register(connection: object, cache: C): void {
    this.caches.set(connection, [...(this.caches.get(connection) ?? []), cache]);
  }

  unregister(connection: object, cache: C): void {
    this.caches.set(
      connection,
      (this.caches.get(connection) ?? []).filter((c) => c !== cache),
    );
  }

  /** The newest cache serving the connection. */
  for(connection: object): C | undefined {
    return this.caches.get(connection)?.at(-1);
  }

  all(connection: object): readonly C[] {
    return this.caches.get(connection) ?? [];
  }
}
