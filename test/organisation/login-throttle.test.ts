import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());
beforeEach(() => app.sql('delete from login_failure'));

const LIMITS = { LOGIN_MAX_FAILURES_PER_USER: '3', LOGIN_MAX_FAILURES_PER_ADDRESS: '6', LOGIN_FAILURE_WINDOW_SECONDS: '60', LOGIN_BLOCK_SECONDS: '60' };
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`;

async function withServer<T>(
  env: Record<string, string>,
  work: (login: (u: string, p: string) => Promise<{ status: number; body: any; retryAfter: string | null }>) => Promise<T>,
): Promise<T> {
  const server = await app.listen(env);
  try {
    return await work(async (u, p) => {
      const res = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: LOGIN, variables: { u, p } }),
      });
      return { status: res.status, body: await res.json(), retryAfter: res.headers.get('retry-after') };
    });
  } finally {
    await server.close();
  }
}

const codeOf = (r: { body: any }) => r.body.errors?.[0]?.extensions?.code ?? 'OK';

describe('login throttling', () => {
  it('refuses a username after N failures, even with the right password, with 429 TOO_MANY_REQUESTS; an unknown username reads the same', async () => {
    await withServer(LIMITS, async (login) => {
      for (const username of ['tj-admin', 'no-such-user']) {
        for (let i = 0; i < 3; i++) expect(codeOf(await login(username, 'wrong'))).toBe('UNAUTHENTICATED');
        const refused = await login(username, 'demo');
        expect(refused.status).toBe(429);
        expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
        expect(refused.body.errors[0].message).toBe('登录失败次数过多，请稍后再试');
        expect(Number(refused.retryAfter)).toBeGreaterThan(55);
        expect(refused.body.data).toBeNull();
      }
      // The usernames are stored hashed: the table does not list who exists or who was tried.
      const keys = (await app.sql<{ key: string }>('select key from login_failure')).map((r) => r.key);
      expect(keys.some((k) => k.includes('tj-admin') || k.includes('no-such-user'))).toBe(false);
    });
  });

  it('lets the N-th attempt through, and resets the username on success', async () => {
    await withServer(LIMITS, async (login) => {
      for (let i = 0; i < 2; i++) expect(codeOf(await login('hp-admin', 'wrong'))).toBe('UNAUTHENTICATED');
      const ok = await login('HP-Admin ', 'demo');
      expect(ok.status).toBe(200);
      expect(ok.body.data.login.token).toEqual(expect.any(String));
      // Two more failures: without the reset this would be the fourth and refused.
      for (let i = 0; i < 2; i++) expect(codeOf(await login('hp-admin', 'wrong'))).toBe('UNAUTHENTICATED');
      expect(codeOf(await login('hp-admin', 'demo'))).toBe('OK');
    });
  });

  it('refuses a client address after its failures across usernames', async () => {
    await withServer(LIMITS, async (login) => {
      for (let i = 0; i < 6; i++) expect(codeOf(await login(`guess-${i}`, 'wrong'))).toBe('UNAUTHENTICATED');
      const refused = await login('xn-admin', 'demo');
      expect(refused.status).toBe(429);
      expect(codeOf(refused)).toBe('TOO_MANY_REQUESTS');
    });
  });

  it('holds across API instances sharing the database', async () => {
    await withServer(LIMITS, async (loginA) => {
      await withServer(LIMITS, async (loginB) => {
        expect(codeOf(await loginA('tj-publisher', 'wrong'))).toBe('UNAUTHENTICATED');
        expect(codeOf(await loginB('tj-publisher', 'wrong'))).toBe('UNAUTHENTICATED');
        expect(codeOf(await loginA('tj-publisher', 'wrong'))).toBe('UNAUTHENTICATED');
        expect(codeOf(await loginB('tj-publisher', 'demo'))).toBe('TOO_MANY_REQUESTS');
      });
    });
  });

  it('lets the username in again once the block has passed', async () => {
    await withServer({ ...LIMITS, LOGIN_BLOCK_SECONDS: '1' }, async (login) => {
      for (let i = 0; i < 3; i++) await login('tj-legal', 'wrong');
      expect(codeOf(await login('tj-legal', 'demo'))).toBe('TOO_MANY_REQUESTS');
      await new Promise((r) => setTimeout(r, 1200));
      expect(codeOf(await login('tj-legal', 'demo'))).toBe('OK');
    });
  });

  it('throttles the GraphQL path without HTTP too (per username)', async () => {
    for (let i = 0; i < 5; i++) expect((await app.gql(LOGIN, { u: 'tj-secrecy', p: 'wrong' })).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(LOGIN, { u: 'tj-secrecy', p: 'demo' })).errors![0].extensions!.code).toBe('TOO_MANY_REQUESTS');
  });
});
