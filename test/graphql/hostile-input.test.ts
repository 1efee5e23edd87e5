import { codes, TestApp, unitId } from '../helpers/app';
import { SAVE } from '../statistics/helpers';

let app: TestApp;
let xg: string;
let dg: string;
beforeAll(async () => {
  app = await TestApp.create();
  xg = await unitId(app, 'TJ-XG');
  dg = await unitId(app, 'HP-DG');
});
afterAll(() => app.close());

const gid = (s: string) => Buffer.from(s, 'utf8').toString('base64url');
const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id code } }`;
const unitCount = async () => Number((await app.sql(`select count(*) from org_unit`))[0].count);
const auditCount = async () => Number((await app.sql(`select count(*) from audit_record`))[0].count);

/** Runs `work` and asserts it wrote no unit and no audit record. */
async function writesNothing(work: () => Promise<unknown>): Promise<void> {
  const [units, audits] = [await unitCount(), await auditCount()];
  await work();
  expect(await unitCount()).toBe(units);
  expect(await auditCount()).toBe(audits);
}

describe('strings: NUL and lone surrogates, in variables and literals, any field', () => {
  it.each([
    ['a NUL in a name', { name: 'Bad\u0000name', code: 'TJ-XG-NUL1' }],
    ['a NUL in a code', { name: '好名字', code: 'TJ-XG-\u0000' }],
    ['a lone high surrogate', { name: 'Bad\uD800name', code: 'TJ-XG-SUR1' }],
    ['a lone low surrogate', { name: 'Bad\uDC00', code: 'TJ-XG-SUR2' }],
  ])('refuses %s in a variable: BAD_USER_INPUT, nothing written', async (_label, fields) => {
    await writesNothing(async () => {
      const res = await app.gql(CREATE_UNIT, { input: { parentId: xg, kind: 'SECTION', ...fields } }, 'tj-admin');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.data).toBeUndefined();
    });
  });

  it('accepts a proper surrogate pair (an emoji) next to the refused cases', async () => {
    const res = await app.gql(CREATE_UNIT, { input: { parentId: xg, kind: 'SECTION', name: '科室 😀', code: 'TJ-XG-EMOJI' } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
  });

  it('refuses a NUL escaped in a literal, also in a query argument', async () => {
    await writesNothing(async () => {
      const res = await app.gql(
        `mutation { createOrgUnit(input: { parentId: "${xg}", kind: SECTION, name: "a\\u0000b", code: "TJ-XG-NUL2" }) { id } }`,
        {},
        'tj-admin',
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    });
    const search = await app.gql(`{ users(search: "x\\u0000") { totalCount } }`, {}, 'tj-admin');
    expect(codes(search)).toEqual(['BAD_USER_INPUT']);
    const byVariable = await app.gql(`query($c: String) { orgUnit(code: $c) { id } }`, { c: 'TJ\u0000' });
    expect(codes(byVariable)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('JSON inputs: prototype keys', () => {
  const figuresOf = async () =>
    (await app.sql(`select figures from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP-DG' and s.year = 2012`))[0]?.figures;

  it('refuses __proto__, constructor and prototype keys, in literals and variables, leaving the draft as it was', async () => {
    const saved = await app.gql(SAVE, { input: { unitId: dg, year: 2012, figures: { 'proactive.total': 5 } } }, 'dg-liaison');
    expect(saved.errors).toBeUndefined();
    const before = await figuresOf();
    expect(before).toMatchObject({ 'proactive.total': 5 });
    const literal = await app.gql(
      `mutation { saveAnnualStatistics(input: { unitId: "${dg}", year: 2012, figures: { __proto__: 1 } }) { id } }`,
      {},
      'dg-liaison',
    );
    expect(codes(literal)).toEqual(['BAD_USER_INPUT']);
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const body = JSON.parse(`{ "unitId": "${dg}", "year": 2012, "figures": { "${key}": { "x": 1 } } }`);
      const res = await app.gql(SAVE, { input: body }, 'dg-liaison');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    }
    const nested = await app.gql(
      SAVE,
      { input: { unitId: dg, year: 2012, figures: { 'proactive.total': 6 }, notes: JSON.parse('{"a": {"__proto__": {}}}') } },
      'dg-liaison',
    );
    expect(codes(nested)).toEqual(['BAD_USER_INPUT']);
    expect(await figuresOf()).toEqual(before);
  });
});

describe('global ids: canonical decimal within the column range only', () => {
  it.each([
    ['hex', 'OrgUnit:0x10'],
    ['a space', 'OrgUnit: 1'],
    ['a leading zero', 'OrgUnit:01'],
    ['a sign', 'OrgUnit:+1'],
    ['a negative', 'OrgUnit:-1'],
    ['an exponent', 'OrgUnit:1e3'],
    ['beyond int4', 'OrgUnit:2147483648'],
    ['far beyond', 'OrgUnit:99999999999999999999999'],
  ])('refuses %s as BAD_USER_INPUT, in node() and in an input', async (_label, raw) => {
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid(raw) });
    expect(codes(node)).toEqual(['BAD_USER_INPUT']);
    await writesNothing(async () => {
      const res = await app.gql(CREATE_UNIT, { input: { parentId: gid(raw), kind: 'SECTION', name: '某科', code: 'TJ-XG-ID' } }, 'tj-admin');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    });
  });

  it('still finds a canonical id at the edge of the range (int4 max: not found, not an error of the input)', async () => {
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid('OrgUnit:2147483647') }))).toEqual(['NOT_FOUND']);
    const ok = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: xg });
    expect(ok.data!.node.id).toBe(xg);
  });

  it('bounds bigint keys (audit records) by int8', async () => {
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid('AuditRecord:9223372036854775808') }, 'admin'))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid('AuditRecord:9223372036854775807') }, 'admin'))).toEqual(['NOT_FOUND']);
  });
});

describe('cursors: forged or truncated', () => {
  const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['a string key', cursor(['abc'])],
    ['a key beyond int4', cursor([2147483648])],
    ['a fractional key', cursor([1.5])],
    ['an object', cursor([{ $gt: 1 }])],
    ['two keys for one', cursor([1, 2])],
    ['truncated', cursor([12]).slice(0, 3)],
    ['not base64 JSON', 'Zm9v'],
  ])('refuses %s as BAD_USER_INPUT', async (_label, after) => {
    const res = await app.gql(`query($after: String) { orgUnits(first: 2, after: $after) { nodes { id } } }`, { after });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('accepts the cursor it handed out', async () => {
    const first = await app.gql(`{ orgUnits(first: 2) { pageInfo { endCursor } } }`);
    const next = await app.gql(`query($after: String) { orgUnits(first: 2, after: $after) { nodes { id } } }`, {
      after: first.data!.orgUnits.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data!.orgUnits.nodes).toHaveLength(2);
  });
});

describe('dates: malformed or out of range', () => {
  const MY_TASKS = `query($d: LocalDate) { myTasks(asOf: $d) { nodes { kind } } }`;
  it.each(['0000-01-01', '1899-12-31', '3000-01-01', '9999-12-31', '2024-02-30', '2024-1-1', '10000-01-01'])(
    'refuses %s as BAD_USER_INPUT (variable and literal)',
    async (d) => {
      expect(codes(await app.gql(MY_TASKS, { d }, 'dg-liaison'))).toEqual(['BAD_USER_INPUT']);
      expect(codes(await app.gql(`{ myTasks(asOf: "${d}") { nodes { kind } } }`, {}, 'dg-liaison'))).toEqual(['BAD_USER_INPUT']);
    },
  );

  it.each(['1900-01-01', '2999-12-31'])('accepts the edge %s', async (d) => {
    expect((await app.gql(MY_TASKS, { d }, 'dg-liaison')).errors).toBeUndefined();
  });
});

describe('HTTP: charset, URL paths', () => {
  it('answers a wrong charset with 415 UNSUPPORTED_MEDIA_TYPE, not an internal error', async () => {
    const server = await app.listen();
    try {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=latin1' },
        body: '{"query":"{ __typename }"}',
      });
      expect(res.status).toBe(415);
      const body: any = await res.json();
      expect(body.errors[0].extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const ok = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: '{"query":"{ __typename }"}',
      });
      expect(ok.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('answers a NUL in a report path with 400, and a plain unknown report with 404', async () => {
    const server = await app.listen();
    try {
      expect((await fetch(`${server.url}/reports/TJ%00/2023.html`)).status).toBe(400);
      expect((await fetch(`${server.url}/reports/TJ/2023%00.html`)).status).toBe(400);
      expect((await fetch(`${server.url}/reports/%ED%A0%80/2023.html`)).status).toBe(400);
      expect((await fetch(`${server.url}/reports/NOPE/2023.html`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('answers a NUL in variables over HTTP with 400 BAD_USER_INPUT', async () => {
    const server = await app.listen();
    try {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($c: String) { orgUnit(code: $c) { id } }', variables: { c: 'a\u0000' } }),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    } finally {
      await server.close();
    }
  });
});
