import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

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
    // graphql-jit's own error type leaves `extensions` undefined for an error that had none (a
    // driver error), and Apollo then fails before formatError runs: the error was never logged
    // nor classified. Rebuilt as graphql-js would have located it.
    if (result.errors?.some((e) => !e.extensions)) {
      result.errors = result.errors.map((e) => (e.extensions ? e : new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined })));
    }
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
