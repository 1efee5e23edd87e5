import type { Server } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { jitGateway } from './jit-executor';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { ErrorRequestHandler } from 'express';
import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { PrincipalCache, registerPrincipalCache, unregisterPrincipalCache } from '../auth/principal-cache';
import type { TokenService } from '../auth/tokens';
import { isUnavailable, RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../common/unavailable';
import type { AppConfig } from '../config/env';
import { modules } from '../modules';
import { HolidayCalendarCache, registerHolidayCalendarCache, unregisterHolidayCalendarCache } from '../modules/catalogue';
import type { Context } from './context';
import { createContextFactory } from './context-factory';
import { graphqlHandler } from './http-handler';
import { mountMetrics } from './metrics';
import { redactionsPlugin } from './plugins';

/** How long /readyz waits for the database's answer (ms). */
const READY_CHECK_MS = 2_000;

export interface ServerDeps {
  config: AppConfig;
  orm: MikroORM<PostgreSqlDriver>;
  schema: GraphQLSchema;
  tokens: TokenService;
  log: Logger;
  httpServer?: Server;
}

/**
 * Keeps our typed errors and GraphQL's own (parse, validation, argument) errors; a database that is
 * down or too slow becomes SERVICE_UNAVAILABLE (logged as a warning); anything else is masked as a
 * generic internal error, logged in full. Apollo's own wrapping of an unexpected error (context
 * creation) is unwrapped first, so its message never reaches the client.
 */
export function formatErrorWith(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    let original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.originalError && !(original.originalError instanceof GraphQLError)) original = original.originalError;
    if (original instanceof GraphQLError) {
      const { stacktrace: _s, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    if (isUnavailable(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable');
      const unavailable = new ServiceUnavailableError();
      return { message: unavailable.message, path: formatted.path, locations: formatted.locations, extensions: { code: unavailable.code } };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}

/**
 * Answers HTTP 503 (with Retry-After) when the database's unavailability failed the whole
 * operation: every error SERVICE_UNAVAILABLE and no field with data. A partial answer stays 200.
 */
const unavailablePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        if (response.body.kind !== 'single') return;
        const { data, errors } = response.body.singleResult;
        if (!errors?.length || !errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
        if (data && Object.values(data).some((v) => v !== null)) return;
        response.http.status = 503;
        response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
      },
    };
  },
};

/** Context creation failed (the caller's grants could not be read): 503 when the database is the cause, a masked 500 otherwise. */
function contextFailure(err: unknown, log: Logger): GraphQLError {
  if (err instanceof GraphQLError) return err;
  if (isUnavailable(err)) {
    log.warn({ err }, 'database unavailable while authenticating');
    const unavailable = new ServiceUnavailableError();
    (unavailable.extensions as Record<string, unknown>).http = { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
    return unavailable;
  }
  log.error({ err }, 'context creation failed');
  return new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR', http: { status: 500 } } });
}

/**
 * Remembers callers' grants while the server runs (src/auth/principal-cache.ts): listens from
 * start to stop, on its own connection to the ORM's database.
 */
function principalCachePlugin(deps: ServerDeps): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      const connection = deps.orm.em.getConnection();
      const cache = new PrincipalCache(deps.orm.config.get('clientUrl')!, deps.log);
      await cache.start();
      registerPrincipalCache(connection, cache);
      return {
        async serverWillStop() {
          unregisterPrincipalCache(connection, cache);
          await cache.stop();
        },
      };
    },
  };
}

/** Keeps the holiday calendar in memory while the server runs (src/modules/catalogue/holiday-calendar.cache.ts). */
function holidayCalendarPlugin(deps: ServerDeps): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      const connection = deps.orm.em.getConnection();
      const cache = new HolidayCalendarCache(deps.orm.config.get('clientUrl')!, deps.log);
      await cache.start();
      registerHolidayCalendarCache(connection, cache);
      return {
        async serverWillStop() {
          unregisterHolidayCalendarCache(connection, cache);
          await cache.stop();
        },
      };
    },
  };
}

/** Creates the Apollo server with the production posture of STACK.md when NODE_ENV=production. */
export function createApollo(deps: ServerDeps): ApolloServer<Context> {
  const prod = deps.config.isProduction;
  return new ApolloServer<Context>({
    gateway: jitGateway(deps.schema),
    introspection: !prod,
    hideSchemaDetailsFromClientErrors: prod,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM (drain, close the pool, stop embedded PostgreSQL, exit). Apollo's own
    // handlers re-raised the signal into ours and left the process hanging after its stop.
    stopOnTerminationSignals: false,
    formatError: formatErrorWith(deps.log),
    plugins: [
      redactionsPlugin,
      unavailablePlugin,
      ...(deps.config.principalCache ? [principalCachePlugin(deps)] : []),
      holidayCalendarPlugin(deps),
      // We set no cache hints; the default cache-control plugin would instrument every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(prod ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(deps.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer })] : []),
    ],
  });
}

/** The Express app: /graphql, /healthz (process up), /readyz (database reachable). */
export async function createApp(deps: ServerDeps): Promise<{ app: express.Express; apollo: ApolloServer<Context> }> {
  const apollo = createApollo(deps);
  await apollo.start();
  const makeContext = createContextFactory(deps);
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses nobody revalidates: hashing every body for an ETag is waste.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // A database that accepts connections but does not answer (stopped, frozen), or a pool with
    // every connection stuck, must turn this red, not hang it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READY_CHECK_MS)));
    try {
      const answer = await Promise.race([deps.orm.em.getConnection().execute('select 1'), late]);
      if (answer === 'late') res.status(503).json({ status: 'database not answering' });
      else res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    } finally {
      clearTimeout(timer);
    }
  });
  if (deps.config.metrics) mountMetrics(app, deps.orm);
  const moduleRoutes = express.Router();
  for (const m of modules) m.routes?.(moduleRoutes, { orm: deps.orm as unknown as MikroORM });
  app.use(moduleRoutes);
  app.use(
    '/graphql',
    express.json({ limit: deps.config.bodyLimit }),
    graphqlHandler(apollo, {
      deadlineMs: deps.config.requestTimeoutMs,
      log: deps.log,
      context: (req) =>
        makeContext({ authorization: req.headers.authorization, requestId: req.header('x-request-id') }).catch((err) => {
          throw contextFailure(err, deps.log);
        }),
    }),
  );
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 500) deps.log.error({ err }, 'request failed');
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 400 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR';
    const message = status === 413 ? `Request body larger than ${deps.config.bodyLimit}` : status === 400 ? 'Malformed request body' : 'Internal server error';
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
  app.use(onError);
  return { app, apollo };
}
