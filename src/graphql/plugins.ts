import type {
  ApolloServerPlugin,
  GraphQLRequestContextDidEncounterErrors,
  GraphQLRequestContextDidResolveOperation,
  GraphQLRequestContextWillSendResponse,
  GraphQLRequestListener,
} from '@apollo/server';
import { GraphQLError, Kind } from 'graphql';
import { ForbiddenError, msg, PublicError } from '../common/errors';
import { RETRY_AFTER_SECONDS } from '../common/unavailable';
import { DEFAULT_LOCALE } from '../i18n';
import type { Context } from './context';
import { carryLogged, logUnexpectedErrors } from './error-logging';
import { refuseBadVariables } from './input-guard';

/** Adds `extensions.redactions` (one `{ path, reason }` per redacted field) to responses. */
function addRedactions({ response, contextValue }: GraphQLRequestContextWillSendResponse<Context>): void {
  if (response.body.kind !== 'single' || !contextValue.redactions.length) return;
  const result = response.body.singleResult;
  result.extensions = { ...result.extensions, redactions: contextValue.redactions };
}

/**
 * Answers HTTP 503 (with Retry-After) when the database's unavailability failed the whole
 * operation: every error SERVICE_UNAVAILABLE and no field with data. A partial answer stays 200.
 */
function answerUnavailable({ response }: GraphQLRequestContextWillSendResponse<Context>): void {
  if (response.body.kind !== 'single') return;
  const { data, errors } = response.body.singleResult;
  if (!errors?.length || !errors.every((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE')) return;
  if (data && Object.values(data).some((v) => v !== null)) return;
  response.http.status = 503;
  response.http.headers.set('retry-after', String(RETRY_AFTER_SECONDS));
}

/** Marks, for formatError (which has no context), the locale an error is to be masked in; removed there. */
export const LOCALE_EXTENSION = 'x-locale';

/**
 * Renders the messages of our typed errors in the request's locale. They are thrown with the
 * Chinese text (the default); for another locale each is re-rendered from its catalogue key here,
 * before Apollo formats the response (didEncounterErrors runs first, on both execution paths).
 */
function localizeErrors({ errors, contextValue }: GraphQLRequestContextDidEncounterErrors<Context>): void {
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
}

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
function requirePasswordChange({ operation, contextValue }: GraphQLRequestContextDidResolveOperation<Context>): void {
  if (!contextValue.auth.mustChangePassword) return;
  const allowed = !!operation && operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && WHILE_PASSWORD_MUST_CHANGE.has(s.name.value));
  if (allowed) return;
  const err = new ForbiddenError(msg('errors.passwordChangeRequired'));
  Object.assign(err.extensions, { reason: 'PASSWORD_CHANGE_REQUIRED', http: { status: 403 } });
  throw err;
}

/**
 * The request hooks of our own, as one plugin with one listener shared by every request. Apollo
 * awaits every plugin's listener at every stage of every request (a promise per plugin and hook,
 * even for hooks a plugin lacks), so six one-hook plugins cost the floor operation `{ __typename }`
 * measurably; the hooks are plain functions called in order here.
 */
const requestListener: GraphQLRequestListener<Context> = {
  async didResolveOperation(rc) {
    refuseBadVariables(rc);
    requirePasswordChange(rc);
  },
  async didEncounterErrors(rc) {
    // Logged before localising: the log keeps the error as thrown.
    logUnexpectedErrors(rc);
    localizeErrors(rc);
  },
  async willSendResponse(rc) {
    addRedactions(rc);
    answerUnavailable(rc);
  },
};

export const requestHooksPlugin: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return requestListener;
  },
};
