import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { jitGateway } from './jit-executor';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { ErrorRequestHandler } from 'express';
import { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { PrincipalCache, registerPrincipalCache, unregisterPrincipalCache } from '../auth/principal-cache';
import type { TokenService } from '../auth/tokens';
import type { AppConfig } from '../config/env';
import { modules } from '../modules';
import type { Context } from './context';
import { createContextFactory } from './context-factory';
import { mountMetrics } from './metrics';
import { redactionsPlugin } from './plugins';

export interface ServerDeps {
  config: AppConfig;
  orm: MikroORM<PostgreSqlDriver>;
  schema: GraphQLSchema;
  tokens: TokenService;
  log: Logger;
  httpServer?: Server;
}

/**
 * Keeps our typed errors and GraphQL's own (parse, validation, argument) errors; masks anything
 * else as a generic internal error, logged in full.
 */
export function formatErrorWith(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError) {
      const { stacktrace: _s, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
      return { ...formatted, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error');
    return { message: 'Internal server error', path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
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
      ...(deps.config.principalCache ? [principalCachePlugin(deps)] : []),
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
    try {
      await deps.orm.em.getConnection().execute('select 1');
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'database unreachable' });
    }
  });
  if (deps.config.metrics) mountMetrics(app, deps.orm);
  const moduleRoutes = express.Router();
  for (const m of modules) m.routes?.(moduleRoutes, { orm: deps.orm as unknown as MikroORM });
  app.use(moduleRoutes);
  app.use(
    '/graphql',
    express.json({ limit: deps.config.bodyLimit }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        makeContext({ authorization: req.headers.authorization, requestId: req.header('x-request-id'), clientAddress: req.ip }),
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
