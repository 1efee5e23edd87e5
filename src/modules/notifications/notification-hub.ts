import type { Logger } from 'pino';
import { CacheRegistry, ChangeListener, type ChangeListenerOptions } from '../../db/change-listener';

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
 * only ever receive their own user's signals. The connection is a ChangeListener (heartbeat with a
 * deadline, reconnect); what was committed while it was down is not replayed: clients re-read
 * `notifications` on reconnect.
 */
export class NotificationHub {
  private readonly subscribers = new Map<number, Set<(s: NotificationSignal) => void>>();
  private readonly listener: ChangeListener;

  constructor(connectionString: string, log: Logger, options: Partial<ChangeListenerOptions> = { reconnectMs: 1000, heartbeatMs: 10_000 }) {
    this.listener = new ChangeListener(
      connectionString,
      NOTIFICATIONS_CHANNEL,
      (payload) => {
        const m = payload ? /^(\d+):(\d+)$/.exec(payload) : null;
        if (m) this.deliver({ userId: Number(m[1]), id: m[2] });
      },
      log,
      { name: 'notification-hub', whileDown: 'real-time notifications pause' },
      options,
    );
  }

  get listening(): boolean {
    return this.listener.live;
  }

  start(): Promise<void> {
    return this.listener.start();
  }

  stop(): Promise<void> {
    return this.listener.stop();
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
}

/** The hubs serving each ORM connection, newest last. */
const hubs = new CacheRegistry<NotificationHub>();

export function registerNotificationHub(connection: object, hub: NotificationHub): void {
  hubs.register(connection, hub);
}

export function unregisterNotificationHub(connection: object, hub: NotificationHub): void {
  hubs.unregister(connection, hub);
}

export function notificationHubFor(connection: object): NotificationHub | undefined {
  return hubs.for(connection);
}
