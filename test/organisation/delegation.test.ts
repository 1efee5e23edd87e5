import { TEST_DEMO_PASSWORD } from '../helpers/constants';
import { codes, TestApp, unitId, userId } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id role cascade unit { code } } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username } }`;
const LOGIN = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token mustChangePassword user { username } } }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { username mustChangePassword } }`;
const RESET = `mutation($id: ID!) { resetPassword(id: $id) { oneTimePassword user { username mustChangePassword } } }`;
const activeGrants = (username: string) =>
  app.sql(
    `select a.role, u.code, a.cascade from role_assignment a join org_unit u on u.id = a.unit_id join app_user p on p.id = a.user_id
      where p.username = $1 and a.revoked_at is null order by a.role, u.code`,
    [username],
  );

/** Sends an operation over HTTP with a bearer token (the password-change gate is an Apollo plugin, as in production). */
async function post(url: string, token: string | null, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions: Record<string, any> }[] } };
}

describe('delegated administration', () => {
  let staff: string;
  beforeAll(async () => {
    const res = await app.gql(
      CREATE,
      { input: { username: 'tj-staff', displayName: '新同事', password: 'Long-enough-9', unitId: await unitId(app, 'TJ-BGS') } },
      'tj-admin',
    );
    expect(res.errors).toBeUndefined();
    staff = res.data!.createUser.id;
  });

  it('lets a district admin staff its own units with every role but CENTRAL_ADMIN, audited', async () => {
    for (const role of ['LIAISON', 'LEGAL_REVIEWER', 'SECRECY_REVIEWER', 'DIVISION_PUBLISHER', 'OFFICE_PUBLISHER', 'INSPECTOR']) {
      const res = await app.gql(ASSIGN, { input: { userId: staff, role, unitId: await unitId(app, 'TJ-BGS') } }, 'tj-admin');
      expect(res.errors).toBeUndefined();
    }
    // Over its own unit too (a reviewer of the whole district), though it holds no reviewer role itself.
    const district = await app.gql(ASSIGN, { input: { userId: staff, role: 'LEGAL_REVIEWER', unitId: await unitId(app, 'TJ') } }, 'tj-admin');
    expect(district.errors).toBeUndefined();
    const audits = await app.sql(`select count(*)::int as n from audit_record where action = 'organisation.assignRole' and actor_username = 'tj-admin'`);
    expect(audits[0].n).toBeGreaterThanOrEqual(7);
  });

  it('grants OFFICE_ADMIN only strictly below its own unit: a division admin, never a peer or a superior', async () => {
    const below = await app.gql(ASSIGN, { input: { userId: staff, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ-BGS') } }, 'tj-admin');
    expect(below.errors).toBeUndefined();
    const peer = await app.gql(ASSIGN, { input: { userId: staff, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ') } }, 'tj-admin');
    expect(codes(peer)).toEqual(['FORBIDDEN']);
    expect(peer.errors![0].message).toMatch(/下级机构/);
    const central = await app.gql(ASSIGN, { input: { userId: staff, role: 'CENTRAL_ADMIN', unitId: await unitId(app, 'TJ-BGS') } }, 'tj-admin');
    expect(codes(central)).toEqual(['FORBIDDEN']);
    const sibling = await app.gql(ASSIGN, { input: { userId: staff, role: 'LIAISON', unitId: await unitId(app, 'HP') } }, 'tj-admin');
    expect(codes(sibling)).toEqual(['FORBIDDEN']);
    const grants = await activeGrants('tj-staff');
    expect(grants.filter((g) => g.role === 'OFFICE_ADMIN')).toEqual([{ role: 'OFFICE_ADMIN', code: 'TJ-BGS', cascade: true }]);
    expect(grants.some((g) => g.role === 'CENTRAL_ADMIN')).toBe(false);
  });

  it('lets the division admin it made staff the division, but not make another division admin', async () => {
    const other = await app.gql(
      CREATE,
      { input: { username: 'tj-staff2', displayName: '二号', password: 'Long-enough-9', unitId: await unitId(app, 'TJ-BGS') } },
      'tj-staff',
    );
    expect(other.errors).toBeUndefined();
    const liaison = await app.gql(ASSIGN, { input: { userId: other.data!.createUser.id, role: 'LIAISON', unitId: await unitId(app, 'TJ-BGS') } }, 'tj-staff');
    expect(liaison.errors).toBeUndefined();
    const peer = await app.gql(ASSIGN, { input: { userId: other.data!.createUser.id, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ-BGS') } }, 'tj-staff');
    expect(codes(peer)).toEqual(['FORBIDDEN']);
    const up = await app.gql(ASSIGN, { input: { userId: await userId(app, 'tj-staff'), role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ') } }, 'tj-staff');
    expect(codes(up)).toEqual(['FORBIDDEN']);
  });
});

describe('passwords', () => {
  it('changes one’s own password: needs the current one, refuses short and common ones, naming the field', async () => {
    const wrong = await app.gql(CHANGE, { c: 'not-it', n: 'Brand-new-pass-1' }, 'tj-staff2');
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'currentPassword' }] });
    const short = await app.gql(CHANGE, { c: 'Long-enough-9', n: 'short' }, 'tj-staff2');
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'newPassword', message: '密码至少需要 8 个字符' }] });
    const common = await app.gql(CHANGE, { c: 'Long-enough-9', n: 'Password123' }, 'tj-staff2');
    expect(common.errors![0].extensions!.fields[0]).toMatchObject({ field: 'newPassword', messageKey: 'organisation.password.tooCommon' });
    const demo = await app.gql(CHANGE, { c: 'Long-enough-9', n: TEST_DEMO_PASSWORD }, 'tj-staff2');
    expect(codes(demo)).toEqual(['BAD_USER_INPUT']);
    const [before] = await app.sql(`select password_hash from app_user where username = 'tj-staff2'`);
    const ok = await app.gql(CHANGE, { c: 'Long-enough-9', n: 'Brand-new-pass-1' }, 'tj-staff2');
    expect(ok.errors).toBeUndefined();
    const [after] = await app.sql(`select password_hash from app_user where username = 'tj-staff2'`);
    expect(after.password_hash).not.toBe(before.password_hash);
    expect((await app.gql(LOGIN, { u: 'tj-staff2', p: 'Brand-new-pass-1' })).data!.login.mustChangePassword).toBe(false);
    expect(codes(await app.gql(LOGIN, { u: 'tj-staff2', p: 'Long-enough-9' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('lets an admin in scope reset a password to a one-time one; the user must change it before anything else', async () => {
    const target = await userId(app, 'tj-staff2');
    expect(codes(await app.gql(RESET, { id: target }, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(RESET, { id: target }, 'tj-office-liaison'))).toEqual(['FORBIDDEN']);
    // An admin may not take over an account more powerful than itself.
    expect(codes(await app.gql(RESET, { id: await userId(app, 'tj-admin') }, 'tj-staff'))).toEqual(['FORBIDDEN']);
    const reset = await app.gql(RESET, { id: target }, 'tj-staff');
    expect(reset.errors).toBeUndefined();
    const otp = reset.data!.resetPassword.oneTimePassword as string;
    expect(otp.length).toBeGreaterThanOrEqual(12);
    expect(reset.data!.resetPassword.user).toEqual({ username: 'tj-staff2', mustChangePassword: true });
    const [audit] = await app.sql(`select after from audit_record where action = 'organisation.resetPassword' order by id desc limit 1`);
    expect(JSON.stringify(audit.after)).not.toContain(otp);

    const server = await app.listen();
    try {
      const login = await post(server.url, null, LOGIN, { u: 'tj-staff2', p: otp });
      expect(login.body.data!.login.mustChangePassword).toBe(true);
      const token = login.body.data!.login.token as string;
      const refused = await post(server.url, token, `{ disclosureItems(first: 1) { totalCount } }`);
      expect(refused.status).toBe(403);
      expect(refused.body.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'PASSWORD_CHANGE_REQUIRED' } });
      expect(refused.body.errors![0].message).toMatch(/修改密码/);
      const me = await post(server.url, token, `{ me { username mustChangePassword } }`);
      expect(me.body.data!.me).toEqual({ username: 'tj-staff2', mustChangePassword: true });
      const changed = await post(server.url, token, CHANGE, { c: otp, n: 'Another-good-one-2' });
      expect(changed.body.errors).toBeUndefined();
      expect(changed.body.data!.changePassword.mustChangePassword).toBe(false);
      const now = await post(server.url, token, `{ disclosureItems(first: 1) { totalCount } }`);
      expect(now.body.errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
