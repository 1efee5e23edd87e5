import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/login-throttle';
import type { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';

/** One redacted field in the response: its path and why. */
export interface Redaction {
  path: (string | number)[];
  reason: string;
}

/** Per-request state: forked EntityManager, caller, loaders, redactions. Nothing request-scoped is global. */
export interface Context {
  requestId: string;
  em: EntityManager;
  auth: Principal;
  tokens: TokenService;
  log: Logger;
  /** Field paths a redaction rule denied, with the reason; read by the shield fallback. */
  denied: Map<string, string>;
  redactions: Redaction[];
  /** Per-request memo for loaders and services, keyed by module. */
  cache: Map<unknown, unknown>;
  /** The client's address (Express `req.ip`), for login throttling and per-address limits of public mutations; absent outside HTTP. */
  clientAddress?: string;
  /** Failed-login counters shared by every instance; absent only in tools that never log in. */
  loginThrottle?: LoginThrottle;
}

/** Returns the per-request instance made by `make`, creating it once per context. */
export function perRequest<T>(ctx: Context, key: unknown, make: () => T): T {
  let value = ctx.cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    ctx.cache.set(key, value);
  }
  return value;
}

/** What services need of the request: the forked EntityManager, the caller and the request id. */
export type ServiceContext = Pick<Context, 'em' | 'auth' | 'requestId'>;
