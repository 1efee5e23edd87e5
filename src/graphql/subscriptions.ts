import type { Server } from 'node:http';
import { GraphQLError, getOperationAST, parse, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Context } from './context';
import type { RequestInfo } from './context-factory';
import { localeFromHeader, translatorFor } from '../i18n';

/** Largest message a subscription client may send (its subscribe message: a short document). */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface SubscriptionServer {
  /** Open WebSocket connections. */
  readonly connections: number;
  /** Closes every connection (1001 going away) and stops accepting new ones. */
  close(): Promise<void>;
}

/**
 * GraphQL subscriptions over graphql-ws on the HTTP server's /graphql path. The client sends the
 * same bearer token it uses over HTTP in the connection parameters (`{ authorization: 'Bearer …' }`);
 * a connection without a valid one is closed (4403). Each operation gets its own context for that
 * user, so a subscription only ever sees its user's events. Only subscriptions travel here: queries
 * and mutations go over HTTP, through the limits and plugins of the Apollo server.
 */
export function attachSubscriptions(
  server: Server,
  deps: { schema: GraphQLSchema; makeContext: (req: RequestInfo) => Promise<Context>; log: Logger; isProduction: boolean },
): SubscriptionServer {
  const wss = new WebSocketServer({ server, path: '/graphql', maxPayload: MAX_MESSAGE_BYTES });
  const authorizationOf = (params: Readonly<Record<string, unknown>> | undefined): string | null => {
    const value = params?.authorization ?? params?.Authorization;
    return typeof value === 'string' ? value : null;
  };
  // The language of messages: `acceptLanguage` in the connection parameters (browsers cannot set
  // headers on a WebSocket), else the upgrade request's Accept-Language header.
  const acceptLanguageOf = (ctx: { connectionParams?: Readonly<Record<string, unknown>>; extra: unknown }): string | undefined => {
    const value = ctx.connectionParams?.acceptLanguage ?? ctx.connectionParams?.['accept-language'];
    if (typeof value === 'string') return value;
    return (ctx.extra as { request?: { headers?: Record<string, string | string[] | undefined> } }).request?.headers?.['accept-language']?.toString();
  };
  const disposable = useServer<Record<string, unknown>>(
    {
      schema: deps.schema,
      isProd: deps.isProduction,
      onConnect: async (ctx) => {
        const authorization = authorizationOf(ctx.connectionParams);
        if (!authorization) return false;
        try {
          const context = await deps.makeContext({ authorization });
          return context.auth.isAuthenticated;
        } catch {
          return false;
        }
      },
      context: (ctx) => deps.makeContext({ authorization: authorizationOf(ctx.connectionParams), acceptLanguage: acceptLanguageOf(ctx) }),
      onSubscribe: (ctx, _id, payload) => {
        const t = translatorFor(localeFromHeader(acceptLanguageOf(ctx)));
        let document;
        try {
          document = parse(payload.query, { maxTokens: 2000 });
        } catch (err) {
          return [err instanceof GraphQLError ? err : new GraphQLError(t('transport.syntaxError'), { extensions: { messageKey: 'transport.syntaxError' } })];
        }
        const errors = validate(deps.schema, document);
        if (errors.length) return errors;
        if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
          return [new GraphQLError(t('transport.subscriptionsOnly'), { extensions: { code: 'BAD_REQUEST', messageKey: 'transport.subscriptionsOnly' } })];
        }
        return undefined;
      },
      onError: (_ctx, _id, _payload, errors) => {
        deps.log.debug({ errors }, 'subscription error');
      },
    },
    wss,
  );
  return {
    get connections() {
      return wss.clients.size;
    },
    close: async () => {
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
