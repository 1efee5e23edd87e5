import { GraphQLSchema, isIntrospectionType, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { applyMiddleware, IMiddlewareFieldMap } from 'graphql-middleware';
import { shield } from 'graphql-shield';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import { allow } from '../auth/rules';
import { shieldOptions } from '../auth/rules';
import { boundDateScalars } from '../common/scalars';
import { modules } from '../modules';
import { callFieldResolversDirectly, useSimpleFieldResolvers } from './direct-resolvers';
import { createNodeResolver, createTaskTargetResolver } from './node.resolver';

type RuleMap = Record<string, unknown>;

/** Merges the modules' shield maps; a type or root field claimed twice is a programming error. */
export function mergeRuleTrees(trees: RuleMap[]): RuleMap {
  const merged: RuleMap = {};
  for (const tree of trees) {
    for (const [type, rules] of Object.entries(tree)) {
      if (type === 'Query' || type === 'Mutation') {
        const target = (merged[type] ??= {}) as RuleMap;
        for (const [field, r] of Object.entries(rules as RuleMap)) {
          if (field in target) throw new Error(`Duplicate shield rule for ${type}.${field}`);
          target[field] = r;
        }
      } else {
        if (type in merged) throw new Error(`Duplicate shield rules for type ${type}`);
        merged[type] = rules;
      }
    }
  }
  return merged;
}

/** The whole rule tree: every module's rules plus the shared types. */
export const ruleTree: RuleMap = mergeRuleTrees([{ Query: { node: allow }, PageInfo: allow }, ...modules.map((m) => m.rules)]);

/**
 * Subscriptions bring their own event source (`subscribe`, e.g. the notification hub fed by
 * LISTEN/NOTIFY); type-graphql insists on a PubSub for topic-based ones, which we do not use.
 */
const NO_TOPICS = {
  publish: () => {
    throw new Error('topic subscriptions are not used: give @Subscription a subscribe function');
  },
  subscribe: () => {
    throw new Error('topic subscriptions are not used: give @Subscription a subscribe function');
  },
};

/** Builds the unprotected type-graphql schema (used to emit the SDL). */
export async function buildBaseSchema(): Promise<GraphQLSchema> {
  const fetchers = Object.assign({}, ...modules.map((m) => m.nodes));
  const resolvers = [
    createNodeResolver(fetchers),
    createTaskTargetResolver(fetchers),
    ...modules.flatMap((m) => m.resolvers),
  ] as unknown as NonEmptyArray<Function>;
  const schema = await buildSchema({ resolvers, validate: false, emitSchemaFile: false, pubSub: NO_TOPICS });
  callFieldResolversDirectly(schema);
  useSimpleFieldResolvers(schema);
  boundDateScalars(schema);
  return schema;
}

/** The rule that governs `type.field`, resolved the way graphql-shield does (field, then `*`, then fallback). */
export function effectiveRule(tree: RuleMap, typeName: string, field: string): unknown {
  const entry = tree[typeName];
  if (entry === undefined) return shieldOptions.fallbackRule;
  if (typeof entry !== 'object' || entry === null || 'resolve' in entry) return entry;
  const fields = entry as RuleMap;
  return fields[field] ?? fields['*'] ?? shieldOptions.fallbackRule;
}

/**
 * Builds the executable schema with the shield rules applied (deny by default).
 *
 * graphql-shield wraps every field of every type in an async middleware, even where the rule is
 * `allow`; on a 50-row page that is thousands of extra promises per request. The middleware map
 * shield generates is kept only for fields whose rule is not `allow`, so public scalar fields
 * resolve synchronously through graphql-js's default resolver. Denied-by-default still holds:
 * a field without an explicit rule gets the fallback (deny) and keeps its middleware.
 */
export async function buildAppSchema(base?: GraphQLSchema): Promise<GraphQLSchema> {
  base ??= await buildBaseSchema();
  const generated = shield(ruleTree as never, shieldOptions).generate(base) as IMiddlewareFieldMap;
  const kept: IMiddlewareFieldMap = {};
  for (const [typeName, type] of Object.entries(base.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fields = generated[typeName] as Record<string, unknown> | undefined;
    if (!fields) continue;
    for (const field of Object.keys(type.getFields())) {
      if (effectiveRule(ruleTree, typeName, field) === allow || !fields[field]) continue;
      ((kept[typeName] ??= {}) as Record<string, unknown>)[field] = fields[field];
    }
  }
  return applyMiddleware(base, kept);
}

/** The SDL as committed in schema/schema.graphql. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
