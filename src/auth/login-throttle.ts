import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { msg, TooManyRequestsError } from '../common/errors';

/** Limits of failed logins (env LOGIN_*, README "Login throttling"). */
export interface LoginThrottleConfig {
  /** Failed logins of one username within the window before it is refused. */
  maxFailuresPerUser: number;
  /** Failed logins from one client address within the window before it is refused. */
  maxFailuresPerAddress: number;
  windowSeconds: number;
  /** How long a username or address stays refused once it reached its limit. */
  blockSeconds: number;
}

/** The table the counters live in; created by migration Migration20261130000200_login_throttle. */
export const LOGIN_THROTTLE_TABLE = 'login_failure';

/**
 * Counts failed logins per username and per client address in PostgreSQL (rate-limiter-flexible's
 * RateLimiterPostgres), so the limits hold across every API instance on the database. A key that
 * reached its limit within the window is blocked for `blockSeconds`: logins for it are refused
 * before any password is hashed. Usernames are counted whether they exist or not and stored only
 * as a hash, so neither the answer nor the table tells which usernames exist. A successful login
 * clears its username's counter (not the address's: one good account must not unlock guessing
 * at others from the same address).
 */
export class LoginThrottle {
  private readonly byUser: RateLimiterPostgres;
  private readonly byAddress: RateLimiterPostgres;

  constructor(
    knex: Knex,
    private readonly config: LoginThrottleConfig,
  ) {
    const common = { storeClient: knex, storeType: 'knex', tableName: LOGIN_THROTTLE_TABLE, tableCreated: true, duration: config.windowSeconds };
    this.byUser = new RateLimiterPostgres({ ...common, keyPrefix: 'user', points: config.maxFailuresPerUser });
    this.byAddress = new RateLimiterPostgres({ ...common, keyPrefix: 'addr', points: config.maxFailuresPerAddress });
  }

  /** Throws TOO_MANY_REQUESTS when the username or the address is over its limit. */
  async check(username: string, address: string | undefined): Promise<void> {
    const [user, addr] = await Promise.all([this.byUser.get(userKey(username)), address ? this.byAddress.get(address) : null]);
    const waits = [
      user && user.consumedPoints >= this.config.maxFailuresPerUser ? user.msBeforeNext : 0,
      addr && addr.consumedPoints >= this.config.maxFailuresPerAddress ? addr.msBeforeNext : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0) throw new TooManyRequestsError(msg('transport.tooManyLogins'), Math.ceil(wait / 1000));
  }

  /** Counts a failed login; the attempt that reaches a limit starts its block. */
  async failed(username: string, address: string | undefined): Promise<void> {
    await Promise.all([
      this.count(this.byUser, userKey(username), this.config.maxFailuresPerUser),
      address ? this.count(this.byAddress, address, this.config.maxFailuresPerAddress) : undefined,
    ]);
  }

  /** A successful login: the username starts afresh. */
  async succeeded(username: string): Promise<void> {
    await this.byUser.delete(userKey(username));
  }

  private async count(limiter: RateLimiterPostgres, key: string, limit: number): Promise<void> {
    let consumed: number;
    try {
      consumed = (await limiter.consume(key)).consumedPoints;
    } catch (err) {
      // Over the limit already (concurrent attempts): it is blocked or about to be.
      if (!(err instanceof RateLimiterRes)) throw err;
      consumed = err.consumedPoints;
    }
    if (consumed >= limit) await limiter.block(key, this.config.blockSeconds);
  }
}

/** Usernames are case-insensitive (as at login) and kept only as a hash. */
function userKey(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('base64url');
}
