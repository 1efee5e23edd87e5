import { SignJWT } from 'jose';
import { codes, TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token expiresAt user { username email assignments { role cascade unit { code } } } } }`;
const ME = `{ me { username displayName email unit { code name } assignments { role cascade unit { code name } } } }`;

describe('login and me', () => {
  it('logs in with the demo password and reads itself with its assignments', async () => {
    const res = await app.gql(LOGIN, { u: 'tj-admin', p: 'demo' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.login.token).toMatch(/^ey/);
    expect(new Date(res.data!.login.expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(res.data!.login.user).toEqual({
      username: 'tj-admin',
      email: 'tj-admin@demo.customs.gov.cn',
      assignments: [{ role: 'OFFICE_ADMIN', cascade: true, unit: { code: 'TJ' } }],
    });

    const me = await app.gql(ME, {}, 'tj-admin');
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ username: 'tj-admin', unit: { code: 'TJ-BGS', name: '办公室' } });
    expect(me.data!.me.assignments).toEqual([{ role: 'OFFICE_ADMIN', cascade: true, unit: { code: 'TJ', name: '天津海关' } }]);
  });

  it('gives the same UNAUTHENTICATED answer for a wrong password and an unknown user', async () => {
    const wrong = await app.gql(LOGIN, { u: 'tj-admin', p: 'nope' });
    const unknown = await app.gql(LOGIN, { u: 'nobody', p: 'demo' });
    expect(codes(wrong)).toEqual(['UNAUTHENTICATED']);
    expect(codes(unknown)).toEqual(['UNAUTHENTICATED']);
    expect(wrong.errors![0].message).toBe(unknown.errors![0].message);
    expect(wrong.data).toBeNull();
  });

  it('refuses me without a login', async () => {
    const res = await app.gql(ME);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  describe('over HTTP', () => {
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      server = await app.listen();
    });
    afterAll(() => server.close());

    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

    it('accepts a bearer token from login', async () => {
      const login: any = await (await post({ query: LOGIN, variables: { u: 'hp-admin', p: 'demo' } })).json();
      const res = await post({ query: '{ me { username } }' }, { authorization: `Bearer ${login.data.login.token}` });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.me.username).toBe('hp-admin');
    });

    it.each([
      [
        'a forged token',
        async () =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('1')
            .setIssuer('disclosure-federation')
            .setAudience('disclosure-federation-api')
            .setExpirationTime('1h')
            .sign(new TextEncoder().encode('another-secret-another-secret-another')),
      ],
      [
        'an expired token',
        async () =>
          new SignJWT({})
            .setProtectedHeader({ alg: 'HS256' })
            .setSubject('1')
            .setIssuer('disclosure-federation')
            .setAudience('disclosure-federation-api')
            .setIssuedAt(1_600_000_000)
            .setExpirationTime(1_600_003_600)
            .sign(new TextEncoder().encode('test-secret-test-secret-test-secret-42')),
      ],
      ['garbage', async () => 'not-a-token'],
    ])('answers UNAUTHENTICATED (401) for %s, without saying what was wrong', async (_label, make) => {
      const res = await post({ query: '{ me { username } }' }, { authorization: `Bearer ${await make()}` });
      expect(res.status).toBe(401);
      const body: any = await res.json();
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(body.errors[0].message).toMatch(/令牌无效或已过期/);
    });

    it('stops accepting the token of a deactivated user', async () => {
      const token = await app.tokenFor('xn-admin');
      await app.sql(`update app_user set active = false where username = 'xn-admin'`);
      const res = await post({ query: '{ me { username } }' }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      await app.sql(`update app_user set active = true where username = 'xn-admin'`);
    });
  });
});
