import { execute, getIntrospectionQuery, parse } from 'graphql';
import { codes, TestApp } from '../helpers/app';
import { buildAppSchema } from '../../src/graphql/schema';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('operations run through graphql-jit', () => {
  it('answer introspection exactly as graphql-js does', async () => {
    const viaApollo = await app.gql(getIntrospectionQuery());
    expect(viaApollo.errors).toBeUndefined();
    const viaGraphqlJs = await execute({ schema: await buildAppSchema(), document: parse(getIntrospectionQuery()) });
    expect(JSON.parse(JSON.stringify(viaApollo.data))).toEqual(JSON.parse(JSON.stringify(viaGraphqlJs.data)));
  });

  it('honour fragments, inline fragments on interfaces, aliases, directives and variables', async () => {
    const res = await app.gql(
      `query Q($f: Int, $skip: Boolean!) {
         ...F
         page: disclosureItems(first: $f) @include(if: true) { totalCount nodes { id } }
         hidden: disclosureItems(first: 1) @skip(if: $skip) { totalCount }
       }
       fragment F on Query { __typename one: disclosureItems(first: 1) { nodes { ... on Node { nodeId: id } ... on DisclosureItem { title } } } }`,
      { f: 2, skip: true },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toMatchObject({ __typename: 'Query', page: { nodes: [{ id: expect.any(String) }, { id: expect.any(String) }] } });
    expect(res.data!.hidden).toBeUndefined();
    expect(res.data!.one.nodes[0]).toEqual({ nodeId: expect.any(String), title: expect.any(String) });
    expect(res.data!.page.totalCount).toBeGreaterThan(2);
  });

  it('answer variables that do not coerce with BAD_USER_INPUT naming the variable, running nothing', async () => {
    const res = await app.gql(`query Q($f: Int) { disclosureItems(first: $f) { totalCount } }`, { f: 'many' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toMatch(/\$f/);
    expect(res.data).toBeUndefined();
  });
});
