import { isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';

type ResolverInstance = Record<string, (...args: unknown[]) => unknown>;

/**
 * Calls plain field resolvers directly.
 *
 * type-graphql wraps every `@FieldResolver` method in a generic handler: per call it builds a
 * resolver-data object, looks the resolver instance up, sorts and maps the parameter list, checks
 * for promises and converts the root. A public page makes hundreds of such calls (ids, titles,
 * owner units, parents), a noticeable share of its Node time. For field resolvers that take only `@Root()`
 * and `@Ctx()` (no arguments to validate, no middlewares, no auth roles), this replaces the
 * handler with a direct method call on one resolver instance, for the same arguments in the same
 * order. When the root is not an instance of the parameter's declared type, the call goes
 * through type-graphql's handler as before (it would convert the root).
 *
 * type-graphql keeps its metadata in a documented global (`TypeGraphQLMetadataStorage`, so that
 * several copies of the library share one store); it has no public accessor in 2.0.
 * Returns how many fields were changed.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = globalThis.TypeGraphQLMetadataStorage as typeof globalThis.TypeGraphQLMetadataStorage | undefined;
  if (!storage) return 0;
  const instances = new Map<Function, ResolverInstance>();
  let changed = 0;
  for (const meta of storage.fieldResolvers) {
    if (meta.kind !== 'external' || meta.middlewares?.length || meta.roles?.length || !meta.getObjectType) continue;
    const params = [...(meta.params ?? [])].sort((a, b) => a.index - b.index);
    if (!params.every((p, i) => p.index === i && (p.kind === 'root' || p.kind === 'context') && !p.propertyName)) continue;
    const objectClass = meta.getObjectType();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[meta.schemaName];
    const handler = field?.resolve;
    if (!field || !handler) continue;
    let instance = instances.get(meta.target);
    if (!instance) instances.set(meta.target, (instance = new (meta.target as new () => ResolverInstance)()));
    const method = instance[meta.methodName];
    const self = instance;
    const rootParam = params.find((p) => p.kind === 'root') as { getType?: () => unknown } | undefined;
    const rootType = rootParam?.getType?.();
    const rootClass = typeof rootType === 'function' ? (rootType as Function) : null;
    const order = params.map((p) => p.kind);
    let resolve: GraphQLFieldResolver<unknown, unknown>;
    if (order.length === 1 && order[0] === 'root') {
      resolve = (root, args, ctx, info) => (!rootClass || root instanceof rootClass ? method.call(self, root) : handler(root, args, ctx, info));
    } else if (order.length === 2 && order[0] === 'root' && order[1] === 'context') {
      resolve = (root, args, ctx, info) => (!rootClass || root instanceof rootClass ? method.call(self, root, ctx) : handler(root, args, ctx, info));
    } else {
      continue;
    }
    field.resolve = resolve;
    changed++;
  }
  return changed;
}
