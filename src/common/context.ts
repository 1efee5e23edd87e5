import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/login-throttle';
import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import type { Locale, Translate } from '../i18n';
import type { TaskProvider } from './tasks';

/**
 * The request context, below any transport: services, rules, loaders and resolvers type against
 * it, and src/graphql only builds it (context-factory.ts) and hands it to Apollo.
 */

/** What services need of the request: the forked EntityManager, the caller and the request id. */
export interface ServiceContext {
  em: EntityManager;
  auth: Principal;
  requestId: string;
  /** The request's translate function (src/i18n); absent outside a request, where messages are Chinese (`translatorOf`). */
  t?: Translate;
}

/** One redacted field in the response: its path and why. */
export interface Redaction {
  path: (string | number)[];
  reason: string;
}

/** Per-request state: forked EntityManager, caller, loaders, redactions. Nothing request-scoped is global. */
export interface Context extends ServiceContext {
  /** The locale the client asked for (`Accept-Language`; Chinese by default) and its translate function. */
  locale: Locale;
  t: Translate;
  tokens: TokenService;
  log: Logger;
  /** Field paths a redaction rule denied, with the reason; read by the shield fallback. */
  denied: Map<string, string>;
  redactions: Redaction[];
  /** Per-request memo for loaders and services, keyed by module. */
  cache: Map<unknown, unknown>;
  /** Every module's liaison task providers (ModuleDefinition.taskProviders), gathered when the app is assembled. */
  taskProviders: readonly TaskProvider[];
  /** The client's address (Express `req.ip`), for login throttling; absent outside HTTP. */
  clientAddress?: string;
  /** Failed-login counters shared by every instance; absent only in tools that never log in. */
  loginThrottle?: LoginThrottle;
}

/** Returns the per-request instance made by `make`, creating it once per context. */
export function perRequest<T>(ctx: Pick<Context, 'cache'>, key: unknown, make: () => T): T {
  let value = ctx.cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    ctx.cache.set(key, value);
  }
  return value;
}
