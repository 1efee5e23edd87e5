import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { jitGateway } from './jit-executor';
import { BoundedCache, DOCUMENT_STORE, PERSISTED_QUERIES } from './bounded-cache';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { ErrorRequestHandler } from 'express';
import { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { LoginThrottle } from '../auth/login-throttle';
import { PrincipalCache, registerPrincipalCache, unregisterPrincipalCache } from '../auth/principal-cache';
import type { TokenService } from '../auth/tokens';
import type { AppConfig } from '../config/env';
import { modules, taskProviders } from '../modules';
import type { Context } from './context';
import { createContextFactory } from './context-factory';
import { errorLoggingPlugin, wasLogged } from './error-logging';
import { inputErrorCode, inputLiteralRule, inputVariablesPlugin } from './input-guard';
import { mountMetrics } from './metrics';
import { armorValidationRules, oneLoginPerRequest, QUERY_LIMITS } from './limits';
import { redactionsPlugin } from './plugins';
import { securityHeaders } from './security-headers';

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
      return { ...formatted, extensions: { ...extensions, code: inputErrorCode(extensions.code, original) } };
    }
    if (!wasLogged(error)) log.error({ err: original, path: formatted.path }, 'unexpected error');
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

/** The code and message of a failed HTTP request, by status: every 4xx is the client's, never INTERNAL_SERVER_ERROR. */
function httpErrorOf(status: number, bodyLimit: string): [string, string] {
  if (status === 413) return ['PAYLOAD_TOO_LARGE', `Request body larger than ${bodyLimit}`];
  if (status === 415) return ['UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type, charset or encoding (send application/json in UTF-8)'];
  if (status >= 400 && status < 500) return ['BAD_REQUEST', 'Malformed request'];
  return ['INTERNAL_SERVER_ERROR', 'Internal server error'];
}

/** What an Apollo server of ours keeps per distinct document, by server (see `cacheSizesOf`). */
const cachesByServer = new WeakMap<ApolloServer<Context>, () => { documents: number; persistedQueries: number; compiledOperations: number }>();

/** Entries in a server's per-document caches: parsed documents, persisted query texts, compiled operations. */
export function cacheSizesOf(apollo: ApolloServer<Context>): { documents: number; persistedQueries: number; compiledOperations: number } {
  const sizes = cachesByServer.get(apollo);
  if (!sizes) throw new Error('not a server made by createApollo');
  return sizes();
}

/** Creates the Apollo server with the production posture of STACK.md when NODE_ENV=production. */
export function createApollo(deps: ServerDeps): ApolloServer<Context> {
  const prod = deps.config.isProduction;
  // Everything kept per distinct document is bounded by count and size (bounded-cache.ts, jit-executor.ts).
  const gateway = jitGateway(deps.schema);
  const documentStore = new BoundedCache<DocumentNode>(DOCUMENT_STORE);
  const persistedQueries = new BoundedCache<string>(PERSISTED_QUERIES);
  const apollo = new ApolloServer<Context>({
    gateway,
    documentStore,
    persistedQueries: { cache: persistedQueries },
    introspection: !prod,
    hideSchemaDetailsFromClientErrors: prod,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    // main.ts owns SIGINT/SIGTERM (drain, close the pool, stop embedded PostgreSQL, exit). Apollo's own
    // handlers re-raised the signal into ours and left the process hanging after its stop.
    stopOnTerminationSignals: false,
    formatError: formatErrorWith(deps.log),
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: [...armorValidationRules(), oneLoginPerRequest, inputLiteralRule],
    plugins: [
      errorLoggingPlugin,
      inputVariablesPlugin,
      redactionsPlugin,
      ...(deps.config.principalCache ? [principalCachePlugin(deps)] : []),
      // We set no cache hints; the default cache-control plugin would instrument every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(prod ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(deps.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer })] : []),
    ],
  });
  cachesByServer.set(apollo, () => ({ documents: documentStore.size, persistedQueries: persistedQueries.size, ...gateway.cacheSizes() }));
  return apollo;
}

/** The Express app: /graphql, /healthz (process up), /readyz (database reachable). */
export async function createApp(deps: ServerDeps): Promise<{ app: express.Express; apollo: ApolloServer<Context> }> {
  const apollo = createApollo(deps);
  await apollo.start();
  const loginThrottle = new LoginThrottle(deps.orm.em.getConnection().getKnex(), deps.config.loginThrottle);
  const makeContext = createContextFactory({ ...deps, loginThrottle, taskProviders });
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers are POST responses nobody revalidates: hashing every body for an ETag is waste.
  app.disable('etag');
  // Before every route, so errors and 404s carry the headers too (src/graphql/security-headers.ts).
  app.use(securityHeaders({ landingPage: !deps.config.isProduction }));
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
  // The one check of URL paths for the HTTP routes: a NUL (as %00) cannot reach PostgreSQL text.
  app.use((req, res, next) => {
    if (/%00/.test(req.path) || req.path.includes('\0')) {
      res.status(400).type('text/plain; charset=utf-8').send('Bad request');
      return;
    }
    next();
  });
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
  // Express's own 404 page is HTML that sets its own CSP over ours: answer plain text instead.
  app.use((_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('Not found');
  });
  const onError: ErrorRequestHandler = (err, _req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status <= 599 ? err.status : 500;
    if (status >= 500) deps.log.error({ err }, 'request failed');
    const [code, message] = httpErrorOf(status, deps.config.bodyLimit);
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
  app.use(onError);
  return { app, apollo };
}
