import { Migration } from '@mikro-orm/migrations';

/**
 * Failed-login counters of rate-limiter-flexible's RateLimiterPostgres (src/auth/login-throttle.ts),
 * in its own layout: `key` is "user:<sha256 of the username>" or "addr:<client address>",
 * `expire` in epoch milliseconds. Created here (the limiter runs with `tableCreated: true`) so
 * the application never needs the right to create tables.
 */
export class Migration20261130000200_login_throttle extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table login_failure (
      key varchar(255) primary key,
      points integer not null default 0,
      expire bigint
    )`);
  }
}
