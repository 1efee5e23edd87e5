import { Client } from 'pg';
import type { Logger } from 'pino';

/** The channel the notification table's trigger notifies (migration 20261201000200): `<user id>:<notification id>`. */
export const NOTIFICATIONS_CHANNEL = 'notification_added';

/** What a subscriber hears: a notification of its own was committed. */
export interface NotificationSignal {
  userId: number;
  id: string;
}

/** Signals queued per subscriber before the oldest are dropped (a client that does not read). */
const QUEUE_LIMIT = 100;

/**
 * Fans committed notifications out to this process's real-time subscribers. A dedicated
 * connection LISTENs on `notification_added`; PostgreSQL delivers a notification when the
 * transaction that wrote it commits, whichever API instance wrote it, so subscribers of every
 * instance hear it (and never of a change that rolled back). Subscribers register per user and
 * only ever receive their own user's signals. A lost connection reconnects after `reconnectMs`
 * (what was committed meanwhile is not replayed: clients re-read `notifications` on reconnect).
 */
export class NotificationHub {
  private readonly subscribers = new Map<number, Set<(s: NotificationSignal) => void>>();
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly log: Logger,
    private readonly options = { reconnectMs: 1000, heartbeatMs: 10_000 },
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.retry = this.heartbeat = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  /** How many subscriptions are open (all users). */
  get subscriptionCount(): number {
    let n = 0;
    for (const s of this.subscribers.values()) n += s.size;
    return n;
  }

  /** An async iterator of the user's signals until the subscriber returns it. */
  subscribe(userId: number): AsyncIterableIterator<NotificationSignal> {
    const queue: NotificationSignal[] = [];
    let wake: ((r: IteratorResult<NotificationSignal>) => void) | null = null;
    let done = false;
    const listener = (s: NotificationSignal) => {
      if (wake) {
        const w = wake;
        wake = null;
        w({ value: s, done: false });
      } else {
        queue.push(s);
        if (queue.length > QUEUE_LIMIT) queue.shift();
      }
    };
    const set = this.subscribers.get(userId) ?? new Set();
    set.add(listener);
    this.subscribers.set(userId, set);
    const end = (): Promise<IteratorResult<NotificationSignal>> => {
      done = true;
      set.delete(listener);
      if (!set.size) this.subscribers.delete(userId);
      if (wake) wake({ value: undefined, done: true });
      wake = null;
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<NotificationSignal> = {
      next: () => {
        if (queue.length) return Promise.resolve({ value: queue.shift()!, done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => (wake = resolve));
      },
      return: end,
      throw: (err: unknown) => {
        void end();
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }

  /** Delivers a signal to the user's subscribers (the listener's path; tests may call it). */
  deliver(signal: NotificationSignal): void {
    for (const listener of this.subscribers.get(signal.userId) ?? []) listener(signal);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client({ connectionString: this.connectionString, keepAlive: true, application_name: 'notification-hub' });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    client.on('notification', (msg) => {
      if (msg.channel !== NOTIFICATIONS_CHANNEL || !msg.payload) return;
      const m = /^(\d+):(\d+)$/.exec(msg.payload);
      if (m) this.deliver({ userId: Number(m[1]), id: m[2] });
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFICATIONS_CHANNEL}`);
    } catch (err) {
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      this.log.warn({ err }, 'notification hub: cannot listen; real-time notifications pause until it can');
      this.scheduleReconnect();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.heartbeat = setInterval(() => void client.query('select 1').catch((err: Error) => this.lost(client, err)), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  private lost(client: Client, err: Error): void {
    if (client !== this.client) return;
    this.client = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (!this.stopped) {
      this.log.warn({ err }, 'notification hub: lost the listening connection; reconnecting');
      this.scheduleReconnect();
    }
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

/** The hubs serving each ORM connection, newest last (as src/auth/principal-cache.ts does). */
const hubs = new WeakMap<object, NotificationHub[]>();

export function registerNotificationHub(connection: object, hub: NotificationHub): void {
  hubs.set(connection, [...(hubs.get(connection) ?? []), hub]);
}

export function unregisterNotificationHub(connection: object, hub: NotificationHub): void {
  hubs.set(
    connection,
    (hubs.get(connection) ?? []).filter((h) => h !== hub),
  );
}

export function notificationHubFor(connection: object): NotificationHub | undefined {
  return hubs.get(connection)?.at(-1);
}
