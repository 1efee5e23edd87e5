import { QUERY_LIMITS } from '../../src/graphql/limits';
import { codes, TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

/** A unit's ancestors, `depth` levels deep counting the root field. */
const deep = (depth: number) => `{ orgUnit(code: "TJ-XG") { ${'parent { '.repeat(depth - 2)}id${' }'.repeat(depth - 2)} } }`;
const refusedBy = (res: { errors?: { message: string; extensions?: Record<string, any> }[] }, what: RegExp) => {
  expect(codes(res as never)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors![0].message).toMatch(what);
};

describe('query shape limits (graphql-armor, in Apollo validation before the jit executor)', () => {
  it('depth of data fields: one step inside runs, one step outside is refused', async () => {
    const inside = await app.gql(deep(QUERY_LIMITS.maxDepth));
    expect(inside.errors).toBeUndefined();
    expect(inside.data!.orgUnit.parent).toBeDefined();
    refusedBy(await app.gql(deep(QUERY_LIMITS.maxDepth + 1)), /depth limit of 8 exceeded/);
  });

  it('refuses the children/parent fan-out that answered megabytes, with a short answer', async () => {
    const server = await app.listen();
    try {
      const query = '{ orgUnits(first: 100) { nodes { children { parent { children { parent { children { parent { children { name } } } } } } } } } }';
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
      expect(res.status).toBe(400);
      const text = await res.text();
      expect(text.length).toBeLessThan(1000);
      expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await server.close();
    }
  });

  it('depth with introspection counted: the standard introspection query passes, one level more is refused', async () => {
    const ofType = (n: number) => `${'ofType { '.repeat(n)}name${' }'.repeat(n)}`;
    // __schema 1, types 2, fields 3, type 4, then ofType levels; the leaf is at depth 4 + n + 1.
    const inside = await app.gql(`{ __schema { types { fields { type { ${ofType(QUERY_LIMITS.maxDepthWithIntrospection - 5)} } } } } }`);
    expect(inside.errors).toBeUndefined();
    refusedBy(
      await app.gql(`{ __schema { types { fields { type { ${ofType(QUERY_LIMITS.maxDepthWithIntrospection - 4)} } } } } }`),
      /depth limit of 16 exceeded/,
    );
  });

  it('aliases: 15 run, 16 are refused before any executes', async () => {
    const aliased = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: orgUnit(code: "TJ") { id }`).join(' ')} }`;
    const inside = await app.gql(aliased(QUERY_LIMITS.maxAliases));
    expect(inside.errors).toBeUndefined();
    expect(Object.keys(inside.data!)).toHaveLength(15);
    const outside = await app.gql(aliased(QUERY_LIMITS.maxAliases + 1));
    refusedBy(outside, /Aliases limit of 15 exceeded/);
    expect(outside.data).toBeUndefined();
  });

  it('directives: 10 run, 11 are refused', async () => {
    const directed = (n: number) => `{ ${Array.from({ length: n }, () => '... @include(if: true) { __typename }').join(' ')} }`;
    expect((await app.gql(directed(QUERY_LIMITS.maxDirectives))).errors).toBeUndefined();
    refusedBy(await app.gql(directed(QUERY_LIMITS.maxDirectives + 1)), /Directives limit of 10 exceeded/);
  });

  it('tokens: 1,000 parse, 1,001 are refused by the parser', async () => {
    // `{ orgUnits ( first : 1 kinds : [` and `] ) { totalCount } }` are 15 tokens; each kind one more.
    const tokens = (n: number) => `{ orgUnits(first: 1, kinds: [${'DIVISION '.repeat(n - 15)}]) { totalCount } }`;
    expect((await app.gql(tokens(QUERY_LIMITS.maxTokens))).errors).toBeUndefined();
    const outside = await app.gql(tokens(QUERY_LIMITS.maxTokens + 1));
    expect(codes(outside)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(outside.errors![0].message).toMatch(/more that 1000 tokens/ /* sic, graphql-js */);
  });

  it('cost: nine pages of 100 units with two levels of children run (19,181), ten are refused (21,313)', async () => {
    const pages = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `p${i}: orgUnits(first: 100) { nodes { children { children { id } } } }`).join(' ')} }`;
    expect((await app.gql(pages(9))).errors).toBeUndefined();
    refusedBy(await app.gql(pages(10)), /Cost limit of 20000 exceeded/);
  });
});

describe('one login per request', () => {
  it('refuses two logins in one document before hashing or counting anything', async () => {
    await app.sql('delete from login_failure');
    const res = await app.gql(`mutation { a: login(username: "tj-admin", password: "x") { token } b: login(username: "tj-admin", password: "y") { token } }`);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].message).toBe('At most one login per request');
    expect(res.data).toBeUndefined();
    expect(await app.sql('select * from login_failure')).toEqual([]);
    const viaFragment = await app.gql(
      `mutation { login(username: "tj-admin", password: "x") { token } ...L } fragment L on Mutation { b: login(username: "hp-admin", password: "x") { token } }`,
    );
    expect(codes(viaFragment)).toEqual(['BAD_USER_INPUT']);
    const one = await app.gql(`mutation { login(username: "tj-admin", password: "demo") { token } }`);
    expect(one.errors).toBeUndefined();
  });
});
