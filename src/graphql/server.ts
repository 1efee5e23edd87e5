import type { Server } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { jitGateway } from './jit-executor';
import { BoundedCache, DOCUMENT_STORE, PERSISTED_QUERIES } from './bounded-cache';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/core';
import type { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { ApolloServerPlugin } from '@apollo/server';
import express, { ErrorRequestHandler } from 'express';
import { DocumentNode, GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { LoginThrottle } from '../auth/login-throttle';
import { PrincipalCache, registerPrincipalCache, unregisterPrincipalCache } from '../auth/principal-cache';
import type { TokenService } from '../auth/tokens';
import { isUnavailable, RETRY_AFTER_SECONDS, ServiceUnavailableError } from '../common/unavailable';
import { DEFAULT_LOCALE, localeFromHeader, translatorFor, type Locale } from '../i18n';
import type { AppConfig } from '../config/env';
import { parseLsn, type ReplicaRouter } from '../db/replicas';
import { runSql, sql } from '../db/sql';
import { modules, taskProviders } from '../modules';
import { HolidayCalendarCache, registerHolidayCalendarCache, unregisterHolidayCalendarCache } from '../modules/catalogue';
import { NotificationHub, registerNotificationHub, unregisterNotificationHub } from '../modules/notifications';
import type { Context } from './context';
import { createContextFactory } from './context-factory';
import { wasLogged } from './error-logging';
import { graphqlHandler } from './http-handler';
import { inputErrorCode, inputLiteralRule } from './input-guard';
import { mountMetrics } from './metrics';
import { armorValidationRules, oneLoginPerRequest, QUERY_LIMITS } from './limits';
import { LOCALE_EXTENSION, requestHooksPlugin } from './plugins';
import { replicaRoutingPlugin, WAL_POSITION_HEADER } from './replica-routing';
import { securityHeaders } from './security-headers';

/** How long /readyz waits for the database's answer (ms). */
const READY_CHECK_MS = 2_000;

export interface ServerDeps {
  config: AppConfig;
  orm: MikroORM<PostgreSqlDriver>;
  schema: GraphQLSchema;
  tokens: TokenService;
  log: Logger;
  httpServer?: Server;
  /** Reads on streaming replicas (src/db/replicas.ts); absent: everything on the primary. */
  replicas?: ReplicaRouter | null;
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
    // The request's locale, when localizeErrorsPlugin marked the error (formatError has no context).
    const { stacktrace: _s, [LOCALE_EXTENSION]: locale, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
    const t = translatorFor(locale === 'en' ? 'en' : DEFAULT_LOCALE);
    if (original instanceof GraphQLError) {
      return { ...formatted, extensions: { ...extensions, code: inputErrorCode(extensions.code, original) } };
    }
    if (isUnavailable(original)) {
      log.warn({ err: original, path: formatted.path }, 'database unavailable');
      const message = t('transport.unavailable');
      return {
        message,
        path: formatted.path,
        locations: formatted.locations,
        extensions: { code: 'SERVICE_UNAVAILABLE', messageKey: 'transport.unavailable' },
      };
    }
    if (!wasLogged(error)) log.error({ err: original, path: formatted.path }, 'unexpected error');
    const message = t('transport.internal');
    return { message, path: formatted.path, locations: formatted.locations, extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'transport.internal' } };
  };
}

/** Context creation failed (the caller's grants could not be read): 503 when the database is the cause, a masked 500 otherwise. */
function contextFailure(err: unknown, log: Logger, locale: Locale): GraphQLError {
  if (err instanceof GraphQLError) return err;
  const t = translatorFor(locale);
  if (isUnavailable(err)) {
    log.warn({ err }, 'database unavailable while authenticating');
    const unavailable = new ServiceUnavailableError(t('transport.unavailable'));
    (unavailable.extensions as Record<string, unknown>).messageKey = 'transport.unavailable';
    (unavailable.extensions as Record<string, unknown>).http = { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) };
    return unavailable;
  }
  log.error({ err }, 'context creation failed');
  return new GraphQLError(t('transport.internal'), { extensions: { code: 'INTERNAL_SERVER_ERROR', messageKey: 'transport.internal', http: { status: 500 } } });
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

/** The code and catalogue key of a failed HTTP request, by status: every 4xx is the client's, never INTERNAL_SERVER_ERROR. */
function httpErrorOf(status: number): [string, string] {
  if (status === 413) return ['PAYLOAD_TOO_LARGE', 'transport.bodyTooLarge'];
  if (status === 415) return ['UNSUPPORTED_MEDIA_TYPE', 'transport.unsupportedMediaType'];
  if (status >= 400 && status < 500) return ['BAD_REQUEST', 'transport.malformed'];
  return ['INTERNAL_SERVER_ERROR', 'transport.internal'];
}

/** What an Apollo server of ours keeps per distinct document, by server (see `cacheSizesOf`). */
const cachesByServer = new WeakMap<ApolloServer<Context>, () => { documents: number; persistedQueries: number; compiledOperations: number }>();

/** Entries in a server's per-document caches: parsed documents, persisted query texts, compiled operations. */
export function cacheSizesOf(apollo: ApolloServer<Context>): { documents: number; persistedQueries: number; compiledOperations: number } {
  const sizes = cachesByServer.get(apollo);
  if (!sizes) throw new Error('not a server made by createApollo');
  return sizes();
}

/** Keeps the holiday calendar in memory while the server runs (src/modules/catalogue/calendar/holiday-calendar.cache.ts). */
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

/** Hears committed notifications while the server runs and hands them to its subscriptions (src/modules/notifications/notification-hub.ts). */
function notificationHubPlugin(deps: ServerDeps): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      const connection = deps.orm.em.getConnection();
      const hub = new NotificationHub(deps.orm.config.get('clientUrl')!, deps.log);
      await hub.start();
      registerNotificationHub(connection, hub);
      return {
        async serverWillStop() {
          unregisterNotificationHub(connection, hub);
          await hub.stop();
        },
      };
    },
  };
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
      // Input checks, password change, error logging and localisation, redactions, 503 (src/graphql/plugins.ts).
      requestHooksPlugin,
      ...(deps.config.principalCache ? [principalCachePlugin(deps)] : []),
      holidayCalendarPlugin(deps),
      ...(deps.replicas ? [replicaRoutingPlugin(deps.replicas, new Set(modules.flatMap((m) => m.replicaReads ?? [])))] : []),
      notificationHubPlugin(deps),
      // We set no cache hints; the default cache-control plugin would instrument every field resolver.
      ApolloServerPluginCacheControlDisabled(),
      ...(prod ? [ApolloServerPluginLandingPageDisabled()] : []),
      ...(deps.httpServer ? [ApolloServerPluginDrainHttpServer({ httpServer: deps.httpServer })] : []),
    ],
  });
  cachesByServer.set(apollo, () => ({ documents: documentStore.size, persistedQueries: persistedQueries.size, ...gateway.cacheSizes() }));
  return apollo;
}

/** The Express app: /graphql, /healthz (process up), /readyz (database reachable; with replicas, each replica's state). */
export async function createApp(
  deps: ServerDeps,
): Promise<{ app: express.Express; apollo: ApolloServer<Context>; makeContext: ReturnType<typeof createContextFactory> }> {
  const apollo = createApollo(deps);
  await apollo.start();
  const loginThrottle = new LoginThrottle(deps.orm.em.getConnection().getKnex(), deps.config.loginThrottle);
  const makeContext = createContextFactory({ ...deps, loginThrottle, taskProviders });
  const app = express();
  app.disable('x-powered-by');
  // Behind a load balancer (TRUST_PROXY) req.ip, and so login throttling, is the client's address from X-Forwarded-For.
  if (deps.config.trustProxy !== false) app.set('trust proxy', deps.config.trustProxy);
  // GraphQL answers are POST responses nobody revalidates: hashing every body for an ETag is waste.
  app.disable('etag');
  // Before every route, so errors and 404s carry the headers too (src/graphql/security-headers.ts).
  app.use(securityHeaders({ landingPage: !deps.config.isProduction }));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    // A database that accepts connections but does not answer (stopped, frozen), or a pool with
    // every connection stuck, must turn this red, not hang it.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), READY_CHECK_MS)));
    try {
      // With replicas the answer says where reads go too; a replica out of rotation does not make the instance unready (the primary serves its reads).
      const replicas = deps.replicas ? { replicas: deps.replicas.status() } : {};
      const answer = await Promise.race([runSql(deps.orm.em.fork(), sql`select 1`), late]);
      if (answer === 'late') res.status(503).json({ status: 'database not answering', ...(deps.replicas ? { primary: 'not answering', ...replicas } : {}) });
      else res.json({ status: 'ready', ...(deps.replicas ? { primary: 'up', ...replicas } : {}) });
    } catch {
      res.status(503).json({ status: 'database unreachable', ...(deps.replicas ? { primary: 'unreachable', replicas: deps.replicas.status() } : {}) });
    } finally {
      clearTimeout(timer);
    }
  });
  if (deps.config.metrics) mountMetrics(app, deps.orm);
  // /graphql first: its requests need not pass the module routes' matching (src/graphql/http-handler.ts).
  app.use(
    '/graphql',
    express.json({ limit: deps.config.bodyLimit }),
    graphqlHandler(apollo, {
      deadlineMs: deps.config.requestTimeoutMs,
      log: deps.log,
      context: (req, deadline) =>
        makeContext({
          authorization: req.headers.authorization,
          requestId: req.header('x-request-id'),
          clientAddress: req.ip,
          acceptLanguage: req.headers['accept-language'],
          deadline,
        }).catch((err) => {
          throw contextFailure(err, deps.log, localeFromHeader(req.headers['accept-language']));
        }),
    }),
  );
  // The one check of URL paths for the HTTP routes: a NUL (as %00) cannot reach PostgreSQL text.
  app.use((req, res, next) => {
    if (/%00/.test(req.path) || req.path.includes('\0')) {
      res.status(400).type('text/plain; charset=utf-8').send('Bad request');
      return;
    }
    next();
  });
  const moduleRoutes = express.Router();
  const replicas = deps.replicas;
  const readFork = (req: express.Request): EntityManager => {
    if (!replicas) return deps.orm.em.fork() as EntityManager;
    // Public pages: a position that is no position reads on the primary rather than failing the page.
    const sent = req.header(WAL_POSITION_HEADER);
    const after = sent ? parseLsn(sent) : null;
    return sent && after === null ? (deps.orm.em.fork() as EntityManager) : replicas.readFork(after);
  };
  const routeDeps = {
    orm: deps.orm as unknown as MikroORM,
    config: deps.config,
    readFork,
    context: (req: express.Request) =>
      makeContext({
        authorization: req.headers.authorization,
        requestId: req.header('x-request-id'),
        clientAddress: req.ip,
        acceptLanguage: req.headers['accept-language'],
      }),
  };
  for (const m of modules) m.routes?.(moduleRoutes, routeDeps);
  app.use(moduleRoutes);
  // Express's own 404 page is HTML that sets its own CSP over ours: answer plain text instead.
  app.use((_req, res) => {
    res.status(404).type('text/plain; charset=utf-8').send('Not found');
  });
  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status <= 599 ? err.status : 500;
    if (status >= 500) deps.log.error({ err }, 'request failed');
    const [code, key] = httpErrorOf(status);
    const message = translatorFor(localeFromHeader(req.headers['accept-language']))(key, { limit: deps.config.bodyLimit });
    res.status(status).json({ errors: [{ message, extensions: { code, messageKey: key } }] });
  };
  app.use(onError);
  return { app, apollo, makeContext };
}
