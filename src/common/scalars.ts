import { GraphQLError, GraphQLScalarType, type GraphQLSchema, type ValueNode } from 'graphql';

/**
 * Dates the system accepts: PostgreSQL has no year 0, nothing here predates 1900, and deadline
 * arithmetic (days added to a date) must stay within four-digit years.
 */
export const MIN_LOCAL_DATE = '1900-01-01';
export const MAX_LOCAL_DATE = '2999-12-31';

const bounded = new WeakSet<GraphQLScalarType>();

/** Runs the scalar's own parser; any refusal (malformed, not a calendar day) is BAD_USER_INPUT. */
function parsed(parse: () => unknown): unknown {
  let value: unknown;
  try {
    value = parse();
  } catch (err) {
    throw new GraphQLError(err instanceof Error ? err.message : String(err), { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return checkRange(value);
}

function checkRange(value: unknown): unknown {
  if (typeof value === 'string' && (value < MIN_LOCAL_DATE || value > MAX_LOCAL_DATE)) {
    throw new GraphQLError(`Date ${value} is outside ${MIN_LOCAL_DATE} to ${MAX_LOCAL_DATE}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

/**
 * Bounds the schema's `LocalDate` input to MIN_LOCAL_DATE…MAX_LOCAL_DATE, in the scalar's own
 * parsing (variables and literals, on both executors), so no resolver sees a date PostgreSQL
 * refuses. graphql-scalars already refuses malformed dates; its range is JavaScript's, which
 * includes year 0000.
 */
export function boundDateScalars(schema: GraphQLSchema): void {
  const type = schema.getType('LocalDate');
  if (!(type instanceof GraphQLScalarType) || bounded.has(type)) return;
  const parseValue = type.parseValue.bind(type);
  const parseLiteral = type.parseLiteral.bind(type);
  type.parseValue = (value: unknown) => parsed(() => parseValue(value));
  type.parseLiteral = (node: ValueNode, variables?: Record<string, unknown> | null) => parsed(() => parseLiteral(node, variables));
  bounded.add(type);
}
