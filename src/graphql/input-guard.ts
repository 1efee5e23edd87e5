import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, type ASTNode, type ASTVisitor, type ValidationContext } from 'graphql';
import { findBadText } from '../common/input-text';

/**
 * The one place where every string a client sends is checked before anything runs, whatever its
 * type (String, ID, enum-like strings, dates, JSON): no NUL character (PostgreSQL text cannot
 * hold one, and the driver's error surfaced as INTERNAL_SERVER_ERROR), no lone UTF-16 surrogate
 * (not encodable as UTF-8), and no `__proto__`, `constructor` or `prototype` key in an object
 * (a JSON scalar's parser turned `{__proto__: 1}` into `{}` and a draft's figures were wiped).
 *
 * Literals in the document are checked by a validation rule, once per distinct document (Apollo
 * caches validated documents); variables are checked per request, once the operation is
 * resolved and before any executor (graphql-js or graphql-jit) starts. Both answer
 * BAD_USER_INPUT with HTTP 400 and nothing runs.
 */
export function inputLiteralRule(context: ValidationContext): ASTVisitor {
  const refuse = (message: string, node: ASTNode) => context.reportError(new GraphQLError(message, { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
  return {
    StringValue(node) {
      const problem = findBadText(node.value);
      if (problem) refuse(`String literal ${problem}`, node);
    },
    ObjectField(node) {
      const problem = findBadText(node.name.value, true);
      if (problem) refuse(`Object field ${problem}`, node);
    },
  };
}

/** Refuses a request whose variables carry a string or key `findBadText` rejects (called once the operation is resolved). */
export function refuseBadVariables({ request }: GraphQLRequestContextDidResolveOperation<object>): void {
  const variables = request.variables;
  if (!variables) return;
  const bad = findBadValue(variables, 'variables');
  if (bad) throw badInput(`${bad.path} ${bad.problem}`);
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(`Invalid input: ${message}`, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
}

/** The first string or key in a JSON value that `findBadText` rejects, with its path. */
export function findBadValue(value: unknown, path: string): { path: string; problem: string } | null {
  if (typeof value === 'string') {
    const problem = findBadText(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = findBadValue(value[i], `${path}[${i}]`);
      if (bad) return bad;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    const keyProblem = findBadText(key, true);
    if (keyProblem) return { path: `${path} key`, problem: keyProblem };
    const bad = findBadValue((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (bad) return bad;
  }
  return null;
}

/**
 * Apollo labels every error of the validation step GRAPHQL_VALIDATION_FAILED. Where the rule that
 * refused the document said the input was bad (a NUL in a literal, a date out of range, a query
 * limit), the client sees that code, BAD_USER_INPUT, like the same input sent as a variable.
 */
export function inputErrorCode(code: unknown, error: unknown): unknown {
  if (code !== 'GRAPHQL_VALIDATION_FAILED' || !(error instanceof GraphQLError)) return code;
  let cause: unknown = error.originalError;
  while (cause instanceof GraphQLError) {
    if (cause.extensions?.code === 'BAD_USER_INPUT') return 'BAD_USER_INPUT';
    cause = cause.originalError;
  }
  return code;
}
