import type { GraphQLRequestContextDidEncounterErrors } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { Context } from './context';

const logged = new WeakSet<object>();

/** Was this error already logged with its request id (so `formatError` need not log it again)? */
export function wasLogged(error: unknown): boolean {
  return typeof error === 'object' && error !== null && logged.has(error);
}

/** `copy` replaces `error` in the response (a localised copy): it counts as logged when `error` was. */
export function carryLogged(error: object, copy: object): void {
  if (logged.has(error)) logged.add(copy);
}

/**
 * Logs, in full and with the request id, every error that will reach the client as
 * INTERNAL_SERVER_ERROR: anything a resolver threw that is not one of our typed errors, and
 * graphql's own execution errors without a code (a null in a non-null field). `formatError`
 * has no request context, so the logging happens here, on both execution paths (graphql-js and
 * graphql-jit, whose errors the gateway rebuilds as graphql-js errors); `requestHooksPlugin` calls it.
 */
export function logUnexpectedErrors({ errors, contextValue }: GraphQLRequestContextDidEncounterErrors<Context>): void {
  for (const error of errors) {
    const original = unwrapResolverError(error);
    const code = original instanceof GraphQLError ? original.extensions?.code : undefined;
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') continue;
    contextValue.log.error({ err: original, path: error.path }, 'unexpected error');
    logged.add(error);
  }
}
