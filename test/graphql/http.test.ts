import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${url}/graphql`, { method: 'POST', headers, body });

describe('HTTP posture', () => {
  it('answers /healthz and /readyz', async () => {
    const server = await app.listen();
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });
    } finally {
      await server.close();
    }
  });

  it('serves /metrics only when METRICS=true, counting SQL statements and GraphQL requests', async () => {
    const off = await app.listen();
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
    const server = await app.listen({ METRICS: 'true' });
    try {
      const before: any = await (await fetch(`${server.url}/metrics`)).json();
      const ok: any = await (await post(server.url, JSON.stringify({ query: '{ orgUnits(first: 3) { totalCount nodes { name } } }' }))).json();
      expect(ok.errors).toBeUndefined();
      // No ETag: hashing every GraphQL body would be wasted work.
      const plain = await post(server.url, JSON.stringify({ query: '{ __typename }' }));
      expect(plain.headers.get('etag')).toBeNull();
      const after: any = await (await fetch(`${server.url}/metrics`)).json();
      expect(after.graphqlRequests - before.graphqlRequests).toBe(2);
      expect(after.sqlStatements - before.sqlStatements).toBeGreaterThanOrEqual(2);
      expect(after.rssBytes).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('in production: no introspection, no suggestions, no stack traces, no landing page; 413 past the body limit; CSRF on', async () => {
    const server = await app.listen({ NODE_ENV: 'production', BODY_LIMIT: '1mb' });
    try {
      const intro: any = await (await post(server.url, JSON.stringify({ query: '{ __schema { types { name } } }' }))).json();
      expect(intro.errors[0].message).toMatch(/introspection/i);
      const typo: any = await (await post(server.url, JSON.stringify({ query: '{ orgUnitz { totalCount } }' }))).json();
      expect(typo.errors[0].message).not.toMatch(/Did you mean/);
      expect(JSON.stringify(typo)).not.toMatch(/stacktrace/);
      const landing = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(await landing.text()).not.toMatch(/<html/i);
      const big = await post(server.url, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }));
      expect(big.status).toBe(413);
      expect(((await big.json()) as any).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
      const csrf = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(csrf.status).toBe(400);
      const ok: any = await (await post(server.url, JSON.stringify({ query: '{ orgUnit(code: "XN") { name } }' }))).json();
      expect(ok.data.orgUnit.name).toBe('西宁海关');
    } finally {
      await server.close();
    }
  });

  it('outside production suggests field names', async () => {
    const server = await app.listen();
    try {
      const typo: any = await (await post(server.url, JSON.stringify({ query: '{ orgUnitz { totalCount } }' }))).json();
      expect(typo.errors[0].message).toMatch(/Did you mean/);
    } finally {
      await server.close();
    }
  });
});
