import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseEnv } from '../../src/config/env';

describe('parseEnv', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'cfg-'));

  it('gives development defaults and keeps a generated JWT secret in the data folder', () => {
    const dir = dataDir();
    const a = parseEnv({ DATA_DIR: dir });
    expect(a).toMatchObject({ nodeEnv: 'development', port: 4000, databaseUrl: null, demoPassword: 'demo', logLevel: 'info', bodyLimit: '1mb' });
    expect(a.jwtSecret.length).toBeGreaterThanOrEqual(32);
    expect(parseEnv({ DATA_DIR: dir }).jwtSecret).toBe(a.jwtSecret);
    expect(readFileSync(join(dir, 'jwt-secret'), 'utf8').trim()).toBe(a.jwtSecret);
    expect(statSync(join(dir, 'jwt-secret')).mode & 0o077).toBe(0);
  });

  it('names every bad variable in one error', () => {
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', NODE_ENV: 'staging', DATA_DIR: dataDir() });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_ENV']) expect(msg).toContain(name);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => parseEnv({ NODE_ENV: 'production', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET: is required/);
    expect(() => parseEnv({ NODE_ENV: 'production', JWT_SECRET: 'short', DATA_DIR: dataDir() })).toThrow(/JWT_SECRET: must be at least 32/);
    expect(parseEnv({ NODE_ENV: 'production', JWT_SECRET: 's'.repeat(40) }).isProduction).toBe(true);
  });

  it('bounds database work and requests in time, each configurable', () => {
    expect(parseEnv({ DATA_DIR: dataDir() })).toMatchObject({
      dbStatementTimeoutMs: 10_000,
      dbIdleInTransactionTimeoutMs: 15_000,
      dbAcquireTimeoutMs: 5_000,
      requestTimeoutMs: 20_000,
    });
    expect(
      parseEnv({
        DB_STATEMENT_TIMEOUT_MS: '0',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '2500',
        DB_ACQUIRE_TIMEOUT_MS: '800',
        REQUEST_TIMEOUT_MS: '3000',
        DATA_DIR: dataDir(),
      }),
    ).toMatchObject({ dbStatementTimeoutMs: 0, dbIdleInTransactionTimeoutMs: 2500, dbAcquireTimeoutMs: 800, requestTimeoutMs: 3000 });
    try {
      parseEnv({
        DB_STATEMENT_TIMEOUT_MS: '-1',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: 'soon',
        DB_ACQUIRE_TIMEOUT_MS: '120000',
        REQUEST_TIMEOUT_MS: '0',
        DATA_DIR: dataDir(),
      });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      for (const name of ['DB_STATEMENT_TIMEOUT_MS', 'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', 'DB_ACQUIRE_TIMEOUT_MS', 'REQUEST_TIMEOUT_MS'])
        expect((err as Error).message).toContain(name);
    }
  });

  it('accepts a DATABASE_URL and a port', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://u:p@db:5432/x', PORT: '8080', DATA_DIR: dataDir() })).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/x',
      port: 8080,
    });
  });

  it('reads the login throttle limits, with defaults, and names bad ones', () => {
    expect(parseEnv({ DATA_DIR: dataDir() }).loginThrottle).toEqual({
      maxFailuresPerUser: 5,
      maxFailuresPerAddress: 50,
      windowSeconds: 900,
      blockSeconds: 900,
    });
    expect(
      parseEnv({
        DATA_DIR: dataDir(),
        LOGIN_MAX_FAILURES_PER_USER: '3',
        LOGIN_MAX_FAILURES_PER_ADDRESS: '20',
        LOGIN_FAILURE_WINDOW_SECONDS: '60',
        LOGIN_BLOCK_SECONDS: '120',
      }).loginThrottle,
    ).toEqual({ maxFailuresPerUser: 3, maxFailuresPerAddress: 20, windowSeconds: 60, blockSeconds: 120 });
    expect(() => parseEnv({ DATA_DIR: dataDir(), LOGIN_MAX_FAILURES_PER_USER: '0', LOGIN_BLOCK_SECONDS: 'soon' })).toThrow(
      /LOGIN_MAX_FAILURES_PER_USER[\s\S]*LOGIN_BLOCK_SECONDS/,
    );
  });
});
