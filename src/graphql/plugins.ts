import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { ForbiddenError, msg, PublicError } from '../common/errors';
import { DEFAULT_LOCALE } from '../i18n';
import type { Context } from './context';
import { carryLogged } from './error-logging';

/** Adds `extensions.redactions` (one `{ path, reason }` per redacted field) to responses. */
export const redactionsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind !== 'single' || !contextValue.redactions.length) return;
        const result = response.body.singleResult;
        result.extensions = { ...result.extensions, redactions: contextValue.redactions };
      },
    };
  },
};

/** Marks, for formatError (which has no context), the locale an error is to be masked in; removed there. */
export const LOCALE_EXTENSION = 'x-locale';

/**
 * Renders the messages of our typed errors in the request's locale. They are thrown with the
 * Chinese text (the default); for another locale each is re-rendered from its catalogue key here,
 * before Apollo formats the response (didEncounterErrors runs first, on both execution paths).
 */
export const localizeErrorsPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didEncounterErrors({ errors, contextValue }) {
        if (!contextValue?.locale || contextValue.locale === DEFAULT_LOCALE) return;
        // Errors may be frozen (the jit gateway's are): replace each localised one in the list Apollo formats next.
        const list = errors as GraphQLError[];
        list.forEach((error, i) => {
          const original = originalPublicError(error);
          const copy = new GraphQLError(original ? original.localize(contextValue.t) : error.message, {
            nodes: error.nodes,
            source: error.source,
            positions: error.positions,
            path: error.path,
            originalError: error.originalError ?? undefined,
            // Any other error is masked by formatError: tell it the locale of its generic message.
            extensions: original ? error.extensions : { ...error.extensions, [LOCALE_EXTENSION]: contextValue.locale },
          });
          carryLogged(error, copy);
          list[i] = copy;
        });
      },
    };
  },
};

function originalPublicError(error: GraphQLError): PublicError | undefined {
  let e: unknown = error;
  for (let i = 0; i < 5 && e; i++) {
    if (e instanceof PublicError) return e;
    e = (e as { originalError?: unknown }).originalError;
  }
  return undefined;
}

/** Root fields a user with a one-time password may still use. */
const WHILE_PASSWORD_MUST_CHANGE = new Set(['changePassword', 'me', 'login', '__typename']);

/**
 * A user whose password an administrator reset must change it first: any operation with a root
 * field other than changePassword, me and login is refused (FORBIDDEN, reason PASSWORD_CHANGE_REQUIRED).
 */
export const passwordChangePlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, contextValue }) {
        if (!contextValue.auth.mustChangePassword) return;
        const allowed = !!operation && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && WHILE_PASSWORD_MUST_CHANGE.has(s.name.value));
        if (allowed) return;
        const err = new ForbiddenError(msg('errors.passwordChangeRequired'));
        Object.assign(err.extensions, { reason: 'PASSWORD_CHANGE_REQUIRED', http: { status: 403 } });
        throw err;
      },
    };
  },
};
