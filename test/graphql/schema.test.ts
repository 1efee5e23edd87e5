import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isIntrospectionType, isObjectType } from 'graphql';
import { GraphQLObjectType } from 'graphql';
import { allow } from '../../src/auth/rules';
import { buildAppSchema, buildBaseSchema, effectiveRule, printSdl, ruleTree } from '../../src/graphql/schema';

describe('schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing the API)', async () => {
    const committed = readFileSync(join(__dirname, '../../schema/schema.graphql'), 'utf8');
    expect(printSdl(await buildBaseSchema())).toBe(committed);
  });

  it('has an explicit shield rule for every root field and every object type', async () => {
    const schema = await buildBaseSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || isIntrospectionType(type)) continue;
      const rules = ruleTree[type.name] as Record<string, unknown> | undefined;
      if (type.name === 'Query' || type.name === 'Mutation') {
        for (const field of Object.keys(type.getFields())) if (!rules || !(field in rules)) missing.push(`${type.name}.${field}`);
      } else if (!rules) {
        missing.push(type.name);
      }
    }
    expect(missing).toEqual([]);
  });

  it('wraps in shield middleware exactly the fields whose rule is not allow', async () => {
    const base = await buildBaseSchema();
    const app = await buildAppSchema(base);
    const field = (schema: typeof base, type: string, name: string) => (schema.getType(type) as GraphQLObjectType).getFields()[name];
    // allow: resolver untouched (a default-resolved field stays without a resolver at all).
    expect(effectiveRule(ruleTree, 'PageInfo', 'hasNextPage')).toBe(allow);
    expect(field(app, 'PageInfo', 'hasNextPage').resolve).toBe(field(base, 'PageInfo', 'hasNextPage').resolve);
    expect(field(app, 'OrgUnit', 'name').resolve).toBe(field(base, 'OrgUnit', 'name').resolve);
    // Redaction and role rules keep their middleware.
    expect(effectiveRule(ruleTree, 'DisclosureItem', 'status')).not.toBe(allow);
    expect(field(app, 'DisclosureItem', 'status').resolve).not.toBe(field(base, 'DisclosureItem', 'status').resolve);
    expect(field(app, 'Mutation', 'createOrgUnit').resolve).not.toBe(field(base, 'Mutation', 'createOrgUnit').resolve);
    // A type without rules falls back to deny and stays wrapped.
    expect(effectiveRule({}, 'PageInfo', 'hasNextPage')).not.toBe(allow);
  });

  it('uses UPPER_CASE enum values', async () => {
    const schema = await buildBaseSchema();
    const bad = Object.values(schema.getTypeMap())
      .filter((t) => !t.name.startsWith('__') && 'getValues' in t)
      .flatMap((t) => (t as unknown as { getValues(): { name: string }[] }).getValues().map((v) => `${t.name}.${v.name}`))
      .filter((name) => !/^[A-Z][A-Z0-9_]*$/.test(name.split('.')[1]));
    expect(bad).toEqual([]);
  });
});
