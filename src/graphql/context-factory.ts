import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { PostgreSqlDriver, EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { LoginThrottle } from '../auth/login-throttle';
import { Principal } from '../auth/principal';
import type { TokenService } from '../auth/tokens';
import { msg, UnauthenticatedError } from '../common/errors';
import { type Deadline, setDeadline } from '../common/unavailable';
import type { TaskProvider } from '../common/tasks';
import { loadPrincipal } from '../modules/organisation';
import { DEFAULT_LOCALE, localeFromHeader, translatorFor, type Locale, type Translate } from '../i18n';
import type { Context } from './context';

/** Inputs of one request that the context depends on. */
export interface RequestInfo {
  authorization?: string | null;
  requestId?: string | null;
  clientAddress?: string | null;
  /** The `Accept-Language` header: the locale of messages. */
  acceptLanguage?: string | null;
  /** The request's deadline (HTTP): its transactions do not commit once it passed. */
  deadline?: Deadline;
}

/** Makes the per-request context: a forked EntityManager, the verified caller, empty caches. */
export function createContextFactory(deps: {
  orm: MikroORM<PostgreSqlDriver>;
  tokens: TokenService;
  log: Logger;
  loginThrottle?: LoginThrottle;
  /** The modules' liaison task providers (src/modules/index.ts `taskProviders`). */
  taskProviders: readonly TaskProvider[];
}) {
  return async (req: RequestInfo): Promise<Context> => {
    const requestId = req.requestId && /^[\w.-]{1,64}$/.test(req.requestId) ? req.requestId : randomUUID();
    const em = req.authorization ? (deps.orm.em.fork() as EntityManager) : undefined;
    if (em && req.deadline) setDeadline(em, req.deadline);
    const auth = em ? await authenticate(em, deps.tokens, req.authorization) : Principal.anonymous();
    const ctx = new RequestContext(deps, requestId, auth, em, req.deadline, localeFromHeader(req.acceptLanguage));
    ctx.clientAddress = req.clientAddress ?? undefined;
    ctx.loginThrottle = deps.loginThrottle;
    return ctx;
  };
}

/**
 * The per-request context. The EntityManager fork and the child logger are made on first use: an
 * anonymous request that reads through prepared SQL and loaders (or `{ __typename }`) needs
 * neither. The getters live on the prototype, so Apollo's per-operation copy of the context
 * (own properties only) stays lazy too.
 */
class RequestContext implements Context {
  readonly tokens: TokenService;
  readonly denied = new Map<string, string>();
  readonly redactions: Context['redactions'] = [];
  readonly cache = new Map<unknown, unknown>();
  clientAddress?: string;
  loginThrottle?: LoginThrottle;
  readonly taskProviders: readonly TaskProvider[];
  readonly t: Translate;
  private lazyEm: EntityManager | undefined;
  private lazyLog: Logger | undefined;
  /** Makes the fork the request's reads go to, when not a plain one (src/graphql/replica-routing.ts). */
  private readFork: (() => EntityManager) | undefined;

  constructor(
    private readonly deps: { orm: MikroORM<PostgreSqlDriver>; tokens: TokenService; log: Logger; taskProviders: readonly TaskProvider[] },
    readonly requestId: string,
    readonly auth: Principal,
    em?: EntityManager,
    private readonly deadline?: Deadline,
    readonly locale: Locale = DEFAULT_LOCALE,
  ) {
    this.t = translatorFor(locale);
    this.tokens = deps.tokens;
    this.taskProviders = deps.taskProviders;
    this.lazyEm = em;
  }

  get em(): EntityManager {
    if (!this.lazyEm) {
      this.lazyEm = this.readFork ? this.readFork() : (this.deps.orm.em.fork() as EntityManager);
      if (this.deadline) setDeadline(this.lazyEm, this.deadline);
    }
    return this.lazyEm;
  }

  /** From now on the request's EntityManager is made by `fork` (one that may read on a replica); the one used to authenticate is dropped. */
  readOn(fork: () => EntityManager): void {
    this.readFork = fork;
    this.lazyEm = undefined;
  }

  get log(): Logger {
    return (this.lazyLog ??= this.deps.log.child({ requestId: this.requestId }));
  }
}

/** Sends the reads of the request `ctx` belongs to through the fork `fork` makes (made on first use). */
export function readOn(ctx: Context, fork: () => EntityManager): void {
  if (ctx instanceof RequestContext) ctx.readOn(fork);
}

/** No header: anonymous. A header with a bad, forged or expired token, or a deactivated user: UNAUTHENTICATED. */
async function authenticate(em: EntityManager, tokens: TokenService, header?: string | null): Promise<Principal> {
  if (!header) return Principal.anonymous();
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const userId = match ? await tokens.verify(match[1]) : null;
  const principal = userId ? await loadPrincipal(em, userId) : null;
  if (!principal) {
    const err = new UnauthenticatedError(msg('errors.invalidToken'));
    (err.extensions as Record<string, unknown>).http = { status: 401 };
    throw err;
  }
  return principal;
}
