import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ASTVisitor, type ValidationContext, type ValidationRule } from 'graphql';

/**
 * Query shape limits, chosen for this schema (README "Query limits"). The legitimate operations
 * of the tests, the README and the benchmark reach depth 5, 4 aliases, 2 directives, 141 tokens
 * and a cost of 3,913 (a list of 100 inspections with their scores); graphql's own introspection
 * query reaches depth 15, 163 tokens and a cost of about 15,500.
 */
export const QUERY_LIMITS = {
  /** Depth of data fields (introspection excluded): the `children { parent { children … } } }` fan-out. */
  maxDepth: 8,
  /** Depth of anything, introspection included: the standard introspection query needs 15. */
  maxDepthWithIntrospection: 16,
  maxAliases: 15,
  maxDirectives: 10,
  maxTokens: 1_000,
  maxCost: 20_000,
} as const;

/** Carries a limit's refusal as a client error: BAD_USER_INPUT, HTTP 400 (never reaches execution). */
function reportAsBadInput(ctx: ValidationContext | null, error: GraphQLError): void {
  ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'BAD_USER_INPUT' } }));
}

/**
 * graphql-armor's validation rules (depth, aliases, directives, cost). They run in Apollo's
 * validation step, before any executor, so they hold on the graphql-jit path too; Apollo caches
 * a document only after it validated, so a refused one is never compiled. Introspection is
 * counted (`ignoreIntrospection: false`) by the cost limit and by a depth limit loose enough for
 * the standard introspection query; a second, tighter depth limit applies to data fields.
 */
export function armorValidationRules(): ValidationRule[] {
  const common = { propagateOnRejection: false, onReject: [reportAsBadInput] };
  const off = { enabled: false };
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepthWithIntrospection, ignoreIntrospection: false, flattenFragments: true, ...common },
    maxAliases: { n: QUERY_LIMITS.maxAliases, ...common },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...common },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, ignoreIntrospection: false, flattenFragments: true, ...common },
    // Tokens are counted by graphql-js's own parser (Apollo's parseOptions.maxTokens): armor's
    // plugin parses every new document a second time and throws from a hook Apollo does not catch.
    maxTokens: off,
    blockFieldSuggestion: off,
  });
  const dataDepth = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...common },
    maxAliases: off,
    maxDirectives: off,
    costLimit: off,
    maxTokens: off,
    blockFieldSuggestion: off,
  });
  return [...armor.protect().validationRules, ...dataDepth.protect().validationRules] as ValidationRule[];
}

/**
 * At most one `login` per request: each runs a deliberately slow password hash, and aliases
 * would let one request try many passwords past the throttle's per-attempt accounting. Counted
 * over the whole document (a fragment's fields once, where it is defined); Apollo accepts one
 * operation per HTTP request (batching is off).
 */
export function oneLoginPerRequest(context: ValidationContext): ASTVisitor {
  let logins = 0;
  return {
    Field(node) {
      if (node.name.value !== 'login' || context.getParentType()?.name !== 'Mutation') return;
      if (++logins === 2) {
        context.reportError(new GraphQLError('At most one login per request', { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
      }
    },
  };
}
