import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { execute, GraphQLError, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { setFlagsFromString } from 'node:v8';

/** How many compiled operations are kept by default (a client application sends a few dozen). */
export const COMPILED_OPERATIONS = 200;

/** The jit gateway, with the sizes of its caches (for tests and diagnostics). */
export interface JitGateway extends GatewayInterface {
  cacheSizes(): { compiledOperations: number };
}

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
 * hundreds of fields; graphql-js execution and the garbage it left were the largest part of the
 * page's Node time (measurements: bench/README.md).
 *
 * Apollo Server takes a custom executor only through its gateway interface: this "gateway" serves
 * one fixed local schema. Apollo still parses, validates and caches documents, runs the plugins
 * and formats errors; only execution changes. An operation graphql-jit cannot compile runs
 * through graphql-js.
 *
 * Compiling costs far more than one interpreted execution, and a compiled operation holds tens of
 * kilobytes of generated code: anyone can send endless distinct documents (random aliases), and
 * compiling each kept memory growing with them. So an operation is compiled only the second time
 * its document is executed (the first run goes through graphql-js), and at most `maxCompiled`
 * compiled operations are kept, least recently used first out. Apollo's document store hands out
 * the same DocumentNode for the same query text, so "seen before" is remembered per document
 * object, weakly: it goes when the store drops the document.
 *
 * graphql-jit turns each operation into source text for `new Function`, and V8 keeps every such
 * source with its bytecode in its compilation cache (keyed by the text), which ordinary
 * collections do not empty: tens of kilobytes per distinct operation stayed on the heap after the
 * compiled operation itself was dropped (bench/README.md). The cache only pays off when the same text is compiled
 * again, which the LRU above already avoids; so it is turned off for the process (V8 reads the
 * flag on every lookup, so setting it at run time takes effect).
 */
export function jitGateway(schema: GraphQLSchema, { maxCompiled = COMPILED_OPERATIONS }: { maxCompiled?: number } = {}): JitGateway {
  setFlagsFromString('--no-compilation-cache');
  // Size = compiled operations of the document (one per operation name executed twice).
  const compiled = new LRUCache<DocumentNode, Map<string, CompiledQuery | null>>({
    maxSize: maxCompiled,
    sizeCalculation: (byName) => Math.max(1, byName.size),
  });
  const seenOnce = new WeakMap<DocumentNode, Set<string>>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined): CompiledQuery | null => {
    const key = operationName ?? '';
    const byName = compiled.get(document);
    const known = byName?.get(key);
    if (known !== undefined) return known;
    let seen = seenOnce.get(document);
    if (!seen) seenOnce.set(document, (seen = new Set()));
    if (!seen.has(key)) {
      seen.add(key);
      return null;
    }
    const result = compileQuery(schema, document, operationName, { disablingCapturingStackErrors: true });
    const query = isCompiledQuery(result) ? result : null;
    const next = byName ?? new Map<string, CompiledQuery | null>();
    next.set(key, query);
    // Set again so that the entry's size counts the new operation.
    compiled.set(document, next);
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
    cacheSizes: () => ({ compiledOperations: [...compiled.values()].reduce((n, byName) => n + byName.size, 0) }),
    load: async () => ({ schema, executor }),
    onSchemaLoadOrUpdate: (callback) => {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    stop: async () => undefined,
  };
}
