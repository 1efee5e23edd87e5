import { GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { shield } from 'graphql-shield';
import { buildSchema, NonEmptyArray } from 'type-graphql';
import { allow } from '../auth/rules';
import { shieldOptions } from '../auth/rules';
import { modules } from '../modules';
import { createNodeResolver } from './node.resolver';

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
export const ruleTree: RuleMap = mergeRuleTrees([
  { Query: { node: allow }, PageInfo: allow },
  ...modules.map((m) => m.rules),
]);

/** Builds the unprotected type-graphql schema (used to emit the SDL). */
export async function buildBaseSchema(): Promise<GraphQLSchema> {
  const fetchers = Object.assign({}, ...modules.map((m) => m.nodes));
  const resolvers = [createNodeResolver(fetchers), ...modules.flatMap((m) => m.resolvers)] as unknown as NonEmptyArray<Function>;
  return buildSchema({ resolvers, validate: false, emitSchemaFile: false });
}

/** Builds the executable schema with the shield rules applied (deny by default). */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const base = await buildBaseSchema();
  return applyMiddleware(base, shield(ruleTree as never, shieldOptions));
}

/** The SDL as committed in schema/schema.graphql. */
export function printSdl(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
