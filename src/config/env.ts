import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { LoginThrottleConfig } from '../auth/login-throttle';
import { loadOrCreateSecret } from './secrets';

/** Typed configuration, parsed once at boot. */
export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  isProduction: boolean;
  port: number;
  databaseUrl: string | null;
  embeddedPgPort: number;
  /** Start the embedded PostgreSQL so that it stops when this process dies (Linux: PR_SET_PDEATHSIG through setpriv). */
  embeddedPgExitWithParent: boolean;
  /** How long SIGTERM lets in-flight requests finish before cancelling them and exiting. */
  shutdownTimeoutMs: number;
  dataDir: string;
  jwtSecret: string;
  jwtTtlSeconds: number;
  demoPassword: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  bodyLimit: string;
  dbPoolSize: number;
  /** PostgreSQL cancels an application statement that runs longer (ms; 0: never). */
  dbStatementTimeoutMs: number;
  /** PostgreSQL ends an application session idle inside a transaction longer (ms; 0: never). */
  dbIdleInTransactionTimeoutMs: number;
  /** Waiting for a pooled connection (opening one included) fails after this long (ms). */
  dbAcquireTimeoutMs: number;
  /** A GraphQL request not answered by then gets SERVICE_UNAVAILABLE, and its transaction does not commit (ms). */
  requestTimeoutMs: number;
  /** Serve GET /metrics (SQL statement and request counters, for the benchmark harness). */
  metrics: boolean;
  /** Remember callers' grants between requests, kept current by LISTEN/NOTIFY (src/auth/principal-cache.ts). */
  principalCache: boolean;
  /** Failed-login limits (src/auth/login-throttle.ts). */
  loginThrottle: LoginThrottleConfig;
  /** Where notification e-mails go (smtp:// or smtps:// URL); null: no e-mail, in-app notifications only. */
  smtpUrl: string | null;
  /** The From address of notification e-mails. */
  mailFrom: string;
}

/** Raised when the environment is invalid; its message names every bad variable. */
export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(4000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  EMBEDDED_PG_EXIT_WITH_PARENT: z.enum(['true', 'false', '1', '0']).default('true'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  DATA_DIR: z.string().min(1).default('.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  DEMO_PASSWORD: z.string().min(1).default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb or 512kb')
    .default('1mb'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(15_000),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(20_000),
  METRICS: z.enum(['true', 'false', '1', '0']).default('false'),
  PRINCIPAL_CACHE: z.enum(['true', 'false', '1', '0']).default('true'),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(15 * 60),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('政务公开 <noreply@localhost>'),
  LOGIN_BLOCK_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(15 * 60),
});

/**
 * Parses and checks the environment. Throws one ConfigError naming each bad variable.
 * Outside production a missing JWT_SECRET is generated once and kept in the data folder.
 */
export function parseEnv(env: NodeJS.ProcessEnv): AppConfig {
  const blankToUndefined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankToUndefined);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: is required when NODE_ENV=production']);
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    embeddedPgExitWithParent: e.EMBEDDED_PG_EXIT_WITH_PARENT === 'true' || e.EMBEDDED_PG_EXIT_WITH_PARENT === '1',
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    dataDir,
    jwtSecret: e.JWT_SECRET ?? loadOrCreateDevSecret(dataDir),
    jwtTtlSeconds: e.JWT_TTL_SECONDS,
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT.toLowerCase(),
    dbPoolSize: e.DB_POOL_SIZE,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    dbIdleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    dbAcquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    metrics: e.METRICS === 'true' || e.METRICS === '1',
    principalCache: e.PRINCIPAL_CACHE === 'true' || e.PRINCIPAL_CACHE === '1',
    loginThrottle: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
      blockSeconds: e.LOGIN_BLOCK_SECONDS,
    },
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
  };
}

function loadOrCreateDevSecret(dataDir: string): string {
  return loadOrCreateSecret(join(dataDir, 'jwt-secret'), 48);
}
