import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/**
 * graphql-jit's errors pass `instanceof GraphQLError` but carry no `extensions` when the resolver
 * threw a plain Error; Apollo's error normaliser then fails on them and answers a bare internal
 * error with no path, never logged. Rebuilt as graphql-js errors they take the same route as
 * graphql-js's own: logged with the request id, masked, with their path.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (error.extensions) return error;
  const original = error.originalError ?? undefined;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: original,
    extensions: (original as { extensions?: Record<string, unknown> } | undefined)?.extensions,
  });
  (rebuilt as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return rebuilt;
}

/**
 * Executes operations with graphql-jit: each operation is compiled once into a JavaScript function
 * that walks the selection directly, instead of graphql-js interpreting the document field by
 * field (a resolve-info object and a few promises per field). A public catalogue page resolves
 * about 600 fields; graphql-js execution and the garbage it left were the largest part of the
 * page's Node time.
 *
 * Apollo Server takes a custom executor only through its gateway interface: this "gateway" serves
 * one fixed local schema. Apollo still parses, validates and caches documents, runs the plugins
 * and formats errors; only execution changes. Compiled operations are kept per parsed document
 * (Apollo's document store hands out the same DocumentNode for the same query text), so the
 * cache lives exactly as long as the document does. An operation graphql-jit cannot compile runs
 * through graphql-js.
 */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    let byName = compiled.get(document);
    if (!byName) compiled.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let query = byName.get(key);
    if (query === undefined) {
      const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
      query = isCompiledQuery(result) ? result : null;
      byName.set(key, query);
    }
    return query;
  };

  const executor: GatewayExecutor = async (rc) => {
    const { document, request, context: contextValue } = rc;
    const viaGraphqlJs = async () =>
      (await execute({ schema, document, contextValue, variableValues: request.variables, operationName: request.operationName })) as ExecutionResult;
    const query = compiledFor(document, request.operationName ?? undefined);
    if (!query) return viaGraphqlJs();
    const result = (await query.query(undefined, contextValue, request.variables ?? {})) as ExecutionResult;
    // Errors and no data: the variables did not coerce and nothing ran. graphql-js words those
    // errors as Apollo recognises them (BAD_USER_INPUT naming the variable), so it answers them.
    if (result.errors?.length && result.data === undefined) return viaGraphqlJs();
    if (result.errors?.length) result.errors = result.errors.map(asGraphqlJsError);
    return result;
  };

  return {
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
