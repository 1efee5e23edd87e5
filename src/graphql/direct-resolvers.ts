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

/**
 * Lets plain property fields resolve as GraphQL's default does (type-graphql's "simple resolvers").
 *
 * type-graphql gives every `@Field` property a resolver that builds a resolver-data object and runs
 * the (here empty) middleware chain around `root[name]`; graphql-jit must then call it like any
 * resolver (a call, a try, a promise check) where a field without one is a property read in the
 * compiled code. A roll-up of the whole country has some 30,000 such fields. This removes the
 * resolver of every field that is a plain property of its class (not a `@FieldResolver`, a method or
 * a getter: for a getter, type-graphql first turns a plain-object root into an instance of the class),
 * has no middlewares or roles, and keeps its property name in the schema, which is what
 * `@ObjectType({ simpleResolvers: true })` would do type by type. We use no global middlewares or
 * auth checker, so nothing else ran in those resolvers. Returns how many fields were changed.
 */
export function useSimpleFieldResolvers(schema: GraphQLSchema): number {
  const storage = globalThis.TypeGraphQLMetadataStorage as typeof globalThis.TypeGraphQLMetadataStorage | undefined;
  if (!storage) return 0;
  // Methods with a resolver of their own (@FieldResolver, or a @Field method), by class.
  const resolved = new Map<Function, Set<string>>();
  for (const r of storage.fieldResolvers) {
    const owner = r.getObjectType?.() as Function | undefined;
    if (!owner) continue;
    if (!resolved.has(owner)) resolved.set(owner, new Set());
    resolved.get(owner)!.add(r.methodName);
  }
  let changed = 0;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type)) continue;
    const meta = storage.objectTypes.find((o) => o.name === type.name);
    if (!meta) continue;
    // The class, its superclasses and its interfaces: where type-graphql took the type's fields from.
    const owners = new Set<Function>();
    for (let c: Function | null = meta.target; c && c !== Function.prototype; c = Object.getPrototypeOf(c)) owners.add(c);
    for (const i of meta.interfaceClasses ?? []) owners.add(i as Function);
    for (const [fieldName, field] of Object.entries(type.getFields())) {
      if (!field.resolve) continue;
      const fieldMeta = storage.fields.find((f) => f.schemaName === fieldName && owners.has(f.target));
      if (!fieldMeta || fieldMeta.name !== fieldName || fieldMeta.middlewares?.length || fieldMeta.roles?.length || fieldMeta.params?.length) continue;
      if ([...owners].some((o) => resolved.get(o)?.has(fieldMeta.name))) continue;
      // A method needs type-graphql's handler to be called with its arguments; a getter, to have an instance to run on.
      const proto = (fieldMeta.target as { prototype?: object }).prototype;
      const descriptor = proto ? Object.getOwnPropertyDescriptor(proto, fieldMeta.name) : undefined;
      if (descriptor && (descriptor.get || typeof descriptor.value === 'function')) continue;
      field.resolve = undefined;
      changed++;
    }
  }
  return changed;
}
