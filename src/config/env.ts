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
  /** Streaming replicas of DATABASE_URL's database for reads (src/db/replicas.ts); empty: everything on the primary. */
  databaseReplicaUrls: string[];
  /** A replica whose replay lags longer leaves rotation until it catches up (ms). */
  databaseReplicaMaxLagMs: number;
  /** How often each replica's replay position is checked (ms). */
  databaseReplicaCheckMs: number;
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
  /** Express `trust proxy` (hops, or addresses/subnets of the load balancers); false: the peer's address is the client's. */
  trustProxy: boolean | number | string;
  /** Attachment uploads and their storage (src/modules/attachment). */
  attachments: AttachmentConfig;
  /** Where feed entries link to: the portal's page of an item, `{id}` = its global id (PORTAL_ITEM_URL). */
  portalItemUrl: string;
}

/** Where attachment files live and what an upload may be. */
export interface AttachmentConfig {
  /** Largest upload accepted, in bytes (ATTACHMENT_MAX_BYTES, default 20 MB). */
  maxBytes: number;
  /** An upload not attached within this many hours is removed by the cleanup (ATTACHMENT_PENDING_HOURS). */
  pendingHours: number;
  /** Content-addressed files under here unless an S3 bucket is configured (DATA_DIR/attachments). */
  localDir: string;
  /** An S3-compatible bucket (S3_BUCKET and friends); null: local files. */
  s3: {
    bucket: string;
    region: string;
    endpoint: string | null;
    forcePathStyle: boolean;
    prefix: string;
    accessKeyId: string | null;
    secretAccessKey: string | null;
  } | null;
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
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .pipe(z.array(z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a comma-separated list of postgres:// or postgresql:// URLs')).max(16))
    .optional(),
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  DATABASE_REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(1_000),
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
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d{1,2}|[\w.:/]+(\s*,\s*[\w.:/]+)*)$/, 'must be true, false, a number of proxies, or comma-separated addresses/subnets')
    .default('false'),
  LOGIN_MAX_FAILURES_PER_USER: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(50),
  LOGIN_FAILURE_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(15 * 60),
  PORTAL_ITEM_URL: z
    .string()
    .regex(/^(https?:\/\/|\/)[^\s]*\{id\}/, 'must be an http(s) URL or an absolute path containing {id}')
    .default('/items/{id}'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(2 * 1024 * 1024 * 1024 - 1)
    .default(20 * 1024 * 1024),
  ATTACHMENT_PENDING_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 365)
    .default(24),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).optional(),
  S3_PREFIX: z.string().max(200).default('attachments/'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
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
  if (e.DATABASE_REPLICA_URLS?.length && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary the replicas stream from)']);
  }
  if (isProduction && !e.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: is required when NODE_ENV=production']);
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseReplicaUrls: e.DATABASE_REPLICA_URLS ?? [],
    databaseReplicaMaxLagMs: e.DATABASE_REPLICA_MAX_LAG_MS,
    databaseReplicaCheckMs: e.DATABASE_REPLICA_CHECK_MS,
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
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    loginThrottle: {
      maxFailuresPerUser: e.LOGIN_MAX_FAILURES_PER_USER,
      maxFailuresPerAddress: e.LOGIN_MAX_FAILURES_PER_ADDRESS,
      windowSeconds: e.LOGIN_FAILURE_WINDOW_SECONDS,
      blockSeconds: e.LOGIN_BLOCK_SECONDS,
    },
    portalItemUrl: e.PORTAL_ITEM_URL,
    attachments: {
      maxBytes: e.ATTACHMENT_MAX_BYTES,
      pendingHours: e.ATTACHMENT_PENDING_HOURS,
      localDir: join(dataDir, 'attachments'),
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT ?? null,
            // MinIO and most self-hosted S3 servers want path-style addressing.
            forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === 'true' || e.S3_FORCE_PATH_STYLE === '1' : !!e.S3_ENDPOINT,
            prefix: e.S3_PREFIX,
            accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
          }
        : null,
    },
    smtpUrl: e.SMTP_URL ?? null,
    mailFrom: e.MAIL_FROM,
  };
}

function loadOrCreateDevSecret(dataDir: string): string {
  return loadOrCreateSecret(join(dataDir, 'jwt-secret'), 48);
}

/** The configuration of a command-line entry point (the server, maintenance commands): a bad environment prints why and exits 1. */
export function configFromEnvOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return parseEnv(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
