import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { fallbacks, isReplicaFailure } from './replica-fallback';
import { runSql, sql } from './sql';

/**
 * Reads on PostgreSQL streaming replicas, on top of MikroORM's read-replica support.
 *
 * MikroORM opens one pool per replica (the `replicas` option, src/db/orm.ts) and, for an
 * EntityManager's reads, picks one at random whatever the replica's state. Here:
 *
 * - Every EntityManager reads and writes on the primary, as without replicas: the driver's
 *   `getConnection('read')` answers the primary. Only a fork made by `ReplicaRouter.readFork`
 *   reads on a replica: its driver is the ORM's driver with `getConnection('read')` bound to one
 *   replica that is in rotation (and has replayed the caller's last write, see below). Its writes,
 *   transactions included, still go to the primary (a replica would refuse them anyway).
 * - A read that fails on the replica because the replica is down, shutting down, in conflict with
 *   recovery or read-only for a write is run again on the primary, and the replica leaves rotation
 *   at once: stopping a replica fails no request.
 * - Each instance checks every replica every `checkMs`: `pg_last_wal_replay_lsn()` against the
 *   primary's `pg_current_wal_lsn()` samples. Its lag is how long ago the primary wrote the oldest
 *   WAL position it has not replayed (0 when it has replayed everything the primary had written
 *   at the last check). Beyond `maxLagMs`, not answering or not in recovery: out of rotation;
 *   within the bound at a later check: back in.
 * - Read-your-writes: a mutation's response carries the primary's WAL position after its commit
 *   (src/graphql/replica-routing.ts); a read that sends it back goes to a replica only when its
 *   last checked replay position is at or past it, else to the primary. Replay positions only
 *   grow, so a position seen at the last check is a safe lower bound of the replica's state now.
 */

/** A WAL position (`pg_lsn`), as PostgreSQL prints it (`16/B374D848`), parsed to a number. */
export function parseLsn(text: string): bigint | null {
  const m = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text.trim());
  return m ? (BigInt(`0x${m[1]}`) << 32n) + BigInt(`0x${m[2]}`) : null;
}

/** The text form of a WAL position. */
export function formatLsn(lsn: bigint): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

export interface ReplicaOptions {
  /** A replica whose replay lags the primary longer than this leaves rotation (ms). */
  maxLagMs: number;
  /** How often each replica (and the primary's WAL position) is checked (ms). */
  checkMs: number;
  log: Logger;
}

/** What /readyz says about one replica. */
export interface ReplicaStatus {
  name: string;
  /** host:port, without credentials. */
  address: string;
  inRotation: boolean;
  /** Replay lag at the last check (ms); null when it did not answer. */
  lagMs: number | null;
  /** WAL bytes the replica had not replayed at the last check. */
  lagBytes: number | null;
  replayPosition: string | null;
  /** Why it is out of rotation. */
  problem: string | null;
  checkedAt: string | null;
}

/** The part of a MikroORM connection that routing touches. */
interface Connection {
  execute(...args: unknown[]): Promise<unknown>;
  getKnex(): unknown;
}

interface Replica {
  name: string;
  address: string;
  connection: Connection;
  /** The connection reads of routed forks use: the replica's, falling back to the primary. */
  reading: Connection;
  inRotation: boolean;
  replay: bigint | null;
  lagMs: number | null;
  lagBytes: number | null;
  problem: string | null;
  checkedAt: Date | null;
}

/** The primary's WAL write position (a commit that has answered is before it). */
const WAL_POSITION = sql`select pg_current_wal_lsn()::text as lsn`;
/** A replica's state: whether it is a standby, and how far it has replayed. */
const REPLAY_STATE = sql`select pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replay`;

type EmConstructor = new (config: unknown, driver: unknown, metadata: unknown, useContext: boolean, eventManager: unknown) => EntityManager;

export class ReplicaRouter {
  private readonly replicas: Replica[];
  private readonly primary: Connection;
  private readonly driver: PostgreSqlDriver;
  /** The primary's WAL position at recent checks, oldest first. */
  private samples: { lsn: bigint; at: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;
  private next = 0;

  constructor(
    private readonly orm: MikroORM<PostgreSqlDriver>,
    private readonly options: ReplicaOptions,
  ) {
    this.driver = orm.em.getDriver();
    this.primary = this.driver.getConnection('write') as unknown as Connection;
    const connections = (this.driver as unknown as { replicas: Connection[] }).replicas;
    const configured = orm.config.get('replicas') ?? [];
    this.replicas = connections.map((connection, i) => {
      const replica: Replica = {
        name: configured[i]?.name ?? `replica-${i + 1}`,
        address: addressOf(configured[i]?.clientUrl),
        connection,
        reading: connection,
        inRotation: false,
        replay: null,
        lagMs: null,
        lagBytes: null,
        problem: 'not checked yet',
        checkedAt: null,
      };
      replica.reading = this.withFallback(replica);
      return replica;
    });
    // Plain EntityManagers read on the primary: MikroORM would otherwise send every read of every
    // fork (staff reads right after their own writes included) to a random replica.
    const primary = this.primary;
    (this.driver as unknown as { getConnection: (type?: string) => Connection }).getConnection = () => primary;
  }

  /** Checks every replica now, then every `checkMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.checking;
  }

  /**
   * A fork for reads that may be served by a replica: one in rotation that has replayed `after`
   * (a WAL position from the caller's last write), or else a plain fork, on the primary.
   */
  readFork(after: bigint | null = null): EntityManager {
    const candidates = this.replicas.filter((r) => r.inRotation && (after === null || (r.replay !== null && r.replay >= after)));
    if (!candidates.length) return this.orm.em.fork() as EntityManager;
    const replica = candidates[this.next++ % candidates.length];
    return this.forkOn(replica, true);
  }

  /** The primary's current WAL position: a caller whose reads send it back sees every commit made before. */
  async walPosition(): Promise<string> {
    const [row] = await runSql<{ lsn: string }>(this.orm.em.fork() as EntityManager, WAL_POSITION);
    return row.lsn;
  }

  status(): ReplicaStatus[] {
    return this.replicas.map((r) => ({
      name: r.name,
      address: r.address,
      inRotation: r.inRotation,
      lagMs: r.lagMs,
      lagBytes: r.lagBytes,
      replayPosition: r.replay === null ? null : formatLsn(r.replay),
      problem: r.problem,
      checkedAt: r.checkedAt?.toISOString() ?? null,
    }));
  }

  /** A fork of the ORM whose reads go to `replica` (writes and transactions to the primary). */
  private forkOn(replica: Replica, fallback: boolean): EntityManager {
    const primary = this.primary;
    const reading = fallback ? replica.reading : replica.connection;
    const driver = Object.create(this.driver) as PostgreSqlDriver;
    (driver as unknown as { getConnection: (type?: string) => Connection }).getConnection = (type?: string) => (type === 'read' ? reading : primary);
    const base = this.orm.em;
    const em = new (base.constructor as unknown as EmConstructor)(base.config, driver, base.getMetadata(), false, base.getEventManager());
    if (fallback)
      fallbacks.set(em, (err) => {
        this.takeOut(replica, err);
        return this.orm.em.fork() as EntityManager;
      });
    return em;
  }

  /** The replica's connection, whose failed statements run again on the primary. */
  private withFallback(replica: Replica): Connection {
    const primary = this.primary;
    const reading = Object.create(replica.connection) as Connection;
    reading.execute = async (...args: unknown[]) => {
      try {
        return await replica.connection.execute(...args);
      } catch (err) {
        if (!isReplicaFailure(err)) throw err;
        this.takeOut(replica, err);
        return primary.execute(...args);
      }
    };
    return reading;
  }

  private takeOut(replica: Replica, err: unknown): void {
    if (replica.inRotation) this.options.log.warn({ replica: replica.name, err }, 'read replica failed a read: out of rotation until it answers again');
    replica.inRotation = false;
    replica.problem = `failed a read: ${messageOf(err)}`;
  }

  private check(): Promise<void> {
    return (this.checking ??= this.checkAll().finally(() => (this.checking = null)));
  }

  private async checkAll(): Promise<void> {
    const timeoutMs = Math.max(500, Math.min(this.options.checkMs * 2, 5_000));
    try {
      const [row] = await withTimeout(runSql<{ lsn: string }>(this.orm.em.fork() as EntityManager, WAL_POSITION), timeoutMs);
      const now = Date.now();
      this.samples.push({ lsn: parseLsn(row.lsn)!, at: now });
      // Enough history to tell a lag beyond the bound, and no more.
      const keepFrom = now - this.options.maxLagMs - 2 * this.options.checkMs;
      while (this.samples.length > 2 && this.samples[0].at < keepFrom) this.samples.shift();
    } catch (err) {
      // Without the primary's position no lag can be told; the replicas keep their last state.
      this.options.log.warn({ err }, 'read replicas: could not read the primary WAL position');
      return;
    }
    await Promise.all(this.replicas.map((r) => this.checkOne(r, timeoutMs)));
  }

  private async checkOne(replica: Replica, timeoutMs: number): Promise<void> {
    const was = replica.inRotation;
    replica.checkedAt = new Date();
    try {
      // On the replica itself, never falling back to the primary.
      const [row] = await withTimeout(runSql<{ standby: boolean; replay: string | null }>(this.forkOn(replica, false), REPLAY_STATE), timeoutMs);
      const replay = row.replay ? parseLsn(row.replay) : null;
      if (!row.standby || replay === null) {
        Object.assign(replica, { inRotation: false, replay: null, lagMs: null, lagBytes: null, problem: 'not a streaming standby (not in recovery)' });
      } else {
        // Replay positions only grow: keep the highest seen (a slower earlier answer must not lower it).
        replica.replay = replica.replay !== null && replica.replay > replay ? replica.replay : replay;
        const latest = this.samples[this.samples.length - 1];
        const behind = this.samples.find((s) => s.lsn > replica.replay!);
        replica.lagMs = behind ? Date.now() - behind.at : 0;
        replica.lagBytes = latest.lsn > replica.replay ? Number(latest.lsn - replica.replay) : 0;
        replica.inRotation = replica.lagMs <= this.options.maxLagMs;
        replica.problem = replica.inRotation ? null : `replay lags ${replica.lagMs} ms (bound ${this.options.maxLagMs} ms)`;
      }
    } catch (err) {
      Object.assign(replica, { inRotation: false, lagMs: null, lagBytes: null, problem: `not answering: ${messageOf(err)}` });
    }
    if (was !== replica.inRotation) {
      const log = this.options.log;
      if (replica.inRotation) log.info({ replica: replica.name, lagMs: replica.lagMs }, 'read replica back in rotation');
      else log.warn({ replica: replica.name, problem: replica.problem }, 'read replica out of rotation');
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function messageOf(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return (
    (e?.code ? `${e.code} ` : '') +
    String(e?.message ?? err)
      .split('\n')[0]
      .slice(0, 200)
  );
}

function addressOf(url: string | undefined): string {
  if (!url) return 'unknown';
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || '5432'}`;
  } catch {
    return 'unknown';
  }
}
