import type { Context as RequestContext } from '../common/context';

export type { Redaction } from '../common/context';

/**
 * The context value Apollo hands to resolvers: the transport-neutral request context of
 * src/common/context.ts, which modules, rules and loaders type against. HTTP adds nothing to it.
 */
export type Context = RequestContext;
