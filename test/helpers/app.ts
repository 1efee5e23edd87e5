import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import pino from 'pino';
import { Client } from 'pg';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { principalCacheFor } from '../../src/auth/principal-cache';
import { TokenService } from '../../src/auth/tokens';
import { parseEnv } from '../../src/config/env';
import { ensureDatabase } from '../../src/db/embedded';
import { dbLimitsOf, openOrm } from '../../src/db/orm';
import { toGlobalId } from '../../src/common/global-id';
import type { TaskProvider } from '../../src/common/tasks';
import type { Context } from '../../src/graphql/context';
import { createContextFactory } from '../../src/graphql/context-factory';
import { buildAppSchema } from '../../src/graphql/schema';
import { cacheSizesOf, createApollo, createApp } from '../../src/graphql/server';
import { attachSubscriptions } from '../../src/graphql/subscriptions';
import { taskProviders } from '../../src/modules';
import { User } from '../../src/modules/organisation';
import { TEMPLATE_DB } from './constants';
import { appUrl } from './db-url';

export interface GqlResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
  extensions?: Record<string, any>;
}

let schemaPromise: Promise<GraphQLSchema> | undefined;

/** A fresh database cloned from the migrated, seeded template, with the API over it. */
export class TestApp {
  statements = 0;
  private apollo!: ApolloServer<Context>;
  private makeContext!: ReturnType<typeof createContextFactory>;
  readonly tokens = new TokenService('test-secret-test-secret-test-secret-42', 3600);
  readonly log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  orm!: MikroORM<PostgreSqlDriver>;
  url!: string;

  private constructor(
    readonly database: string,
    private readonly adminUrl: string,
  ) {}

  /**
   * `poolSize`: connections of the ORM's pool (5 unless a test needs a small one). `env`: settings
   * over the defaults, e.g. the DB_* time limits, which the ORM's connections get as in production
   * (except a longer acquire timeout: bursts on a busy test machine queue for connections).
   * `ormUrl`: how the server reaches the database (e.g. through a proxy that fakes faults); `sql`
   * and the assertions' reads always connect directly. `taskProviders` replaces the modules' liaison
   * task providers for `gql` (default: the real ones).
   */
  static async create(
    opts: { poolSize?: number; env?: Record<string, string>; ormUrl?: (url: string) => string; taskProviders?: readonly TaskProvider[] } = {},
  ): Promise<TestApp> {
    const adminUrl = process.env.TEST_PG_ADMIN_URL;
    if (!adminUrl) throw new Error('TEST_PG_ADMIN_URL is not set: run the tests through jest (globalSetup)');
    const app = new TestApp(`test_${randomBytes(6).toString('hex')}`, adminUrl);
    const appRole = { user: process.env.TEST_PG_APP_USER!, password: process.env.TEST_PG_APP_PASSWORD! };
    await ensureDatabase(adminUrl, app.database, TEMPLATE_DB, appRole.user);
    // The application role, as the server connects on its embedded database (test/global-setup.ts).
    app.url = appUrl(adminUrl, app.database, appRole);
    const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), DB_ACQUIRE_TIMEOUT_MS: '30000', ...opts.env });
    app.orm = await openOrm(opts.ormUrl?.(app.url) ?? app.url, opts.poolSize ?? 5, { limits: dbLimitsOf(config) });
    app.orm.em
      .getConnection()
      .getKnex()
      .on('query', () => {
        app.statements++;
      });
    schemaPromise ??= buildAppSchema();
    app.apollo = createApollo({ config, orm: app.orm, schema: await schemaPromise, tokens: app.tokens, log: app.log });
    await app.apollo.start();
    const loginThrottle = new LoginThrottle(app.orm.em.getConnection().getKnex(), config.loginThrottle);
    app.makeContext = createContextFactory({
      orm: app.orm,
      tokens: app.tokens,
      log: app.log,
      loginThrottle,
      taskProviders: opts.taskProviders ?? taskProviders,
    });
    return app;
  }

  /** A fresh EntityManager for assertions on what is persisted. */
  em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  /** A bearer token for a user by username. */
  async tokenFor(username: string): Promise<string> {
    const user = await this.em().findOneOrFail(User, { username });
    return (await this.tokens.issue(user.id)).token;
  }

  /** Runs an operation through Apollo (plugins, shield, formatError) as `as` (a username) or anonymous. */
  async gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    as?: string | null,
    headers: { acceptLanguage?: string } = {},
  ): Promise<GqlResult<T>> {
    const authorization = as ? `Bearer ${await this.tokenFor(as)}` : undefined;
    const contextValue = await this.makeContext({ authorization, acceptLanguage: headers.acceptLanguage });
    const res = await this.apollo.executeOperation({ query, variables }, { contextValue });
    if (res.body.kind !== 'single') throw new Error('unexpected incremental response');
    return res.body.singleResult as GqlResult<T>;
  }

  /** Entries in the server's per-document caches (documents, persisted queries, compiled operations). */
  cacheSizes(): ReturnType<typeof cacheSizesOf> {
    return cacheSizesOf(this.apollo);
  }

  /** Counts SQL statements issued while `work` runs. */
  async countStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: number }> {
    const before = this.statements;
    const result = await work();
    return { result, statements: this.statements - before };
  }

  /** Serves the whole Express app on an ephemeral port, for HTTP-level tests; subscriptions at `wsUrl` (graphql-ws). */
  async listen(
    env: Record<string, string> = {},
  ): Promise<{ url: string; wsUrl: string; cacheSizes(): ReturnType<typeof cacheSizesOf>; close(): Promise<void> }> {
    const config = parseEnv({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(40), ...env });
    const { app, apollo, makeContext } = await createApp({ config, orm: this.orm, schema: await schemaPromise!, tokens: this.tokens, log: this.log });
    const server = app.listen(0);
    const subscriptions = attachSubscriptions(server, { schema: await schemaPromise!, makeContext, log: this.log, isProduction: false });
    await new Promise((r) => server.once('listening', r));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}`,
      wsUrl: `ws://127.0.0.1:${port}/graphql`,
      cacheSizes: () => cacheSizesOf(apollo),
      close: async () => {
        await subscriptions.close();
        await new Promise((r) => server.close(r));
        await apollo.stop();
      },
    };
  }

  /**
   * Runs raw SQL on the test database over a separate connection. When it changed users, grants or
   * units, the server's principal cache has heard of it before this returns.
   */
  async sql<R = any>(text: string, params: unknown[] = []): Promise<R[]> {
    const client = new Client({ connectionString: this.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as R[];
    } finally {
      await client.end();
      await principalCacheFor(this.orm.em.getConnection())?.settle();
    }
  }

  async close(): Promise<void> {
    await this.apollo.stop();
    await this.orm.close(true);
    const client = new Client({ connectionString: this.adminUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists "${this.database}" with (force)`);
    } finally {
      await client.end();
    }
  }
}

/** Global id of a row by code or username, read from the database. */
export async function unitId(app: TestApp, code: string): Promise<string> {
  const [row] = await app.sql<{ id: number }>('select id from org_unit where code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return toGlobalId('OrgUnit', row.id);
}

export async function userId(app: TestApp, username: string): Promise<string> {
  const [row] = await app.sql<{ id: number }>('select id from app_user where username = $1', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return toGlobalId('User', row.id);
}

/** The error codes of a result, in order. */
export function codes(res: GqlResult): string[] {
  return (res.errors ?? []).map((e) => e.extensions?.code);
}
