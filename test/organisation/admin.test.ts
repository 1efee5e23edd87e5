import { toGlobalId } from '../../src/common/global-id';
import { codes, TestApp, unitId, userId } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const CREATE_UNIT = `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { id code name kind level depth version parent { code } ancestors { code } } }`;
const MOVE_UNIT = `mutation($input: MoveOrgUnitInput!) { moveOrgUnit(input: $input) { code depth parent { code } } }`;
const ASSIGN = `mutation($input: AssignRoleInput!) { assignRole(input: $input) { id role cascade unit { code } user { username } } }`;
const auditCount = async (action: string) => Number((await app.sql(`select count(*) from audit_record where action = $1`, [action]))[0].count);

describe('org units', () => {
  it('lets a district admin create a unit inside its district, audited', async () => {
    const before = await auditCount('organisation.createOrgUnit');
    const res = await app.gql(CREATE_UNIT, { input: { parentId: await unitId(app, 'TJ-XG'), code: 'TJ-XG-CYK', name: '查验科', kind: 'SECTION' } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrgUnit).toMatchObject({
      code: 'TJ-XG-CYK',
      name: '查验科',
      kind: 'SECTION',
      level: 'DIVISION',
      depth: 3,
      version: 1,
      parent: { code: 'TJ-XG' },
    });
    expect(res.data!.createOrgUnit.ancestors.map((a: { code: string }) => a.code)).toEqual(['GACC', 'TJ', 'TJ-XG']);
    const [row] = await app.sql(`select u.path, p.path as parent_path from org_unit u join org_unit p on p.id = u.parent_id where u.code = 'TJ-XG-CYK'`);
    expect(row.path.startsWith(row.parent_path)).toBe(true);
    expect(await auditCount('organisation.createOrgUnit')).toBe(before + 1);
    const [audit] = await app.sql(
      `select actor_username, after, request_id from audit_record where action = 'organisation.createOrgUnit' order by id desc limit 1`,
    );
    expect(audit.actor_username).toBe('tj-admin');
    expect(audit.after).toMatchObject({ code: 'TJ-XG-CYK', name: '查验科' });
    expect(audit.request_id).toBeTruthy();
  });

  it.each([
    ['a sibling district', 'HP', 'tj-admin'],
    ['its parent', 'GACC', 'tj-admin'],
    ['another district, as a publisher there', 'XN', 'hp-publisher'],
  ])('refuses creating a unit under %s', async (_label, parentCode, as) => {
    const before = await auditCount('organisation.createOrgUnit');
    const res = await app.gql(
      CREATE_UNIT,
      { input: { parentId: await unitId(app, parentCode), code: `X-${parentCode}-${as}`, name: '测试处', kind: 'DIVISION' } },
      as,
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(await app.sql(`select 1 from org_unit where code = $1`, [`X-${parentCode}-${as}`])).toHaveLength(0);
    expect(await auditCount('organisation.createOrgUnit')).toBe(before);
  });

  it('names every bad field at once and writes nothing', async () => {
    const res = await app.gql(CREATE_UNIT, { input: { parentId: await unitId(app, 'TJ'), code: 'bad code!', name: '  ', kind: 'DISTRICT' } }, 'tj-admin');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const fields = res.errors![0].extensions!.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['input.code', 'input.name']);
    const kind = await app.gql(CREATE_UNIT, { input: { parentId: await unitId(app, 'TJ'), code: 'TJ-NEW', name: '新区', kind: 'DISTRICT' } }, 'tj-admin');
    expect(kind.errors![0].extensions!.fields).toEqual([{ field: 'input.kind', message: 'a DISTRICT cannot sit under a DISTRICT' }]);
  });

  it('moves a unit with its subtree and rewrites every path', async () => {
    const res = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-XG-TGK'), newParentId: await unitId(app, 'TJ-JCHG') } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.moveOrgUnit).toEqual({ code: 'TJ-XG-TGK', depth: 3, parent: { code: 'TJ-JCHG' } });
    const [row] = await app.sql(`select u.path, p.path as parent_path from org_unit u join org_unit p on p.code = 'TJ-JCHG' where u.code = 'TJ-XG-TGK'`);
    expect(row.path).toBe(`${row.parent_path}${row.path.split('/').slice(-2)[0]}/`);
  });

  it('moves a subtree: descendants follow', async () => {
    await app.gql(CREATE_UNIT, { input: { parentId: await unitId(app, 'TJ-JSJ'), code: 'TJ-JSJ-ZCK', name: '侦查科', kind: 'SECTION' } }, 'tj-admin');
    const res = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-JSJ'), newParentId: await unitId(app, 'HP') } }, 'admin');
    expect(res.errors).toBeUndefined();
    const [child] = await app.sql(
      `select c.path, c.depth, p.path as parent_path from org_unit c join org_unit p on p.id = c.parent_id where c.code = 'TJ-JSJ-ZCK'`,
    );
    const [hp] = await app.sql(`select path from org_unit where code = 'HP'`);
    expect(child.parent_path.startsWith(hp.path)).toBe(true);
    expect(child.path.startsWith(child.parent_path)).toBe(true);
    expect(child.depth).toBe(3);
    await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-JSJ'), newParentId: await unitId(app, 'TJ') } }, 'admin');
  });

  it('refuses moving a unit under its own descendant, or out of the admin scope', async () => {
    const own = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-XG'), newParentId: await unitId(app, 'TJ-XG-ZHK') } }, 'admin');
    expect(codes(own)).toEqual(['BAD_USER_INPUT']);
    expect(own.errors![0].extensions!.fields.map((f: { field: string }) => f.field)).toContain('input.newParentId');
    const self = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-XG'), newParentId: await unitId(app, 'TJ-XG') } }, 'admin');
    expect(codes(self)).toEqual(['BAD_USER_INPUT']);
    const away = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'TJ-XG'), newParentId: await unitId(app, 'HP') } }, 'tj-admin');
    expect(codes(away)).toEqual(['FORBIDDEN']);
  });

  it('catches a stale version with CONFLICT and keeps the other change', async () => {
    const id = await unitId(app, 'TJ-ZGB');
    const UPDATE = `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { name version } }`;
    const first = await app.gql(UPDATE, { input: { id, expectedVersion: 1, name: '政治工作办公室' } }, 'tj-admin');
    expect(first.data!.updateOrgUnit).toEqual({ name: '政治工作办公室', version: 2 });
    const stale = await app.gql(UPDATE, { input: { id, expectedVersion: 1, name: '政工办（旧）' } }, 'tj-admin');
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect((await app.sql(`select name from org_unit where code = 'TJ-ZGB'`))[0].name).toBe('政治工作办公室');
  });

  it('deactivates only units without active sub-units', async () => {
    const DEACT = `mutation($id: ID!) { deactivateOrgUnit(id: $id) { code active } }`;
    const busy = await app.gql(DEACT, { id: await unitId(app, 'TJ-JCHG') }, 'tj-admin');
    expect(codes(busy)).toEqual(['BAD_USER_INPUT']);
    const ok = await app.gql(DEACT, { id: await unitId(app, 'TJ-CWC') }, 'tj-admin');
    expect(ok.data!.deactivateOrgUnit).toEqual({ code: 'TJ-CWC', active: false });
  });
});

describe('users and roles', () => {
  it('creates a user in scope, stores only a scrypt hash, and refuses duplicates and bad fields', async () => {
    const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { username unit { code } email } }`;
    const input = { username: 'tj-new', displayName: '新同事', password: 'long-enough', unitId: await unitId(app, 'TJ-JCS'), email: 'new@demo.customs.gov.cn' };
    const ok = await app.gql(CREATE, { input }, 'tj-admin');
    expect(ok.data!.createUser).toEqual({ username: 'tj-new', unit: { code: 'TJ-JCS' }, email: 'new@demo.customs.gov.cn' });
    const [row] = await app.sql(`select password_hash from app_user where username = 'tj-new'`);
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const dup = await app.gql(CREATE, { input }, 'tj-admin');
    expect(dup.errors![0].extensions!.fields).toEqual([{ field: 'input.username', message: 'is already taken' }]);
    const bad = await app.gql(CREATE, { input: { ...input, username: 'x2', password: 'short', email: 'nope' } }, 'tj-admin');
    expect(bad.errors![0].extensions!.fields.map((f: { field: string }) => f.field).sort()).toEqual(['input.email', 'input.password']);
    const outside = await app.gql(CREATE, { input: { ...input, username: 'hp-new', unitId: await unitId(app, 'HP-DG') } }, 'tj-admin');
    expect(codes(outside)).toEqual(['FORBIDDEN']);
  });

  it('lets central admin grant any role and an office admin every role but CENTRAL_ADMIN in its scope (OFFICE_ADMIN only below its unit)', async () => {
    const target = await userId(app, 'tj-new');
    const central = await app.gql(ASSIGN, { input: { userId: target, role: 'LIAISON', unitId: await unitId(app, 'TJ-JCS') } }, 'admin');
    expect(central.errors).toBeUndefined();
    expect(central.data!.assignRole).toMatchObject({ role: 'LIAISON', cascade: true, unit: { code: 'TJ-JCS' }, user: { username: 'tj-new' } });

    const own = await app.gql(ASSIGN, { input: { userId: target, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ-JCS') } }, 'tj-admin');
    expect(own.errors).toBeUndefined();

    // Delegated administration: a role the admin does not hold itself, in its scope.
    const notHeld = await app.gql(ASSIGN, { input: { userId: target, role: 'LEGAL_REVIEWER', unitId: await unitId(app, 'TJ-JCS') } }, 'tj-admin');
    expect(notHeld.errors).toBeUndefined();
    const peerAdmin = await app.gql(ASSIGN, { input: { userId: target, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ') } }, 'tj-admin');
    expect(codes(peerAdmin)).toEqual(['FORBIDDEN']);

    const duplicate = await app.gql(ASSIGN, { input: { userId: target, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'TJ-JCS') } }, 'tj-admin');
    expect(codes(duplicate)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses self-escalation: CENTRAL_ADMIN, a parent unit, a sibling district', async () => {
    const me = await userId(app, 'tj-admin');
    const centralRole = await app.gql(ASSIGN, { input: { userId: me, role: 'CENTRAL_ADMIN', unitId: await unitId(app, 'TJ') } }, 'tj-admin');
    const parent = await app.gql(ASSIGN, { input: { userId: me, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'GACC') } }, 'tj-admin');
    const sibling = await app.gql(ASSIGN, { input: { userId: me, role: 'OFFICE_ADMIN', unitId: await unitId(app, 'HP') } }, 'tj-admin');
    for (const res of [centralRole, parent, sibling]) expect(codes(res)).toEqual(['FORBIDDEN']);
    const grants = await app.sql(
      `select a.role, u.code from role_assignment a join org_unit u on u.id = a.unit_id join app_user p on p.id = a.user_id where p.username = 'tj-admin' and a.revoked_at is null`,
    );
    expect(grants).toEqual([{ role: 'OFFICE_ADMIN', code: 'TJ' }]);
  });

  it('refuses a liaison any admin mutation', async () => {
    const res = await app.gql(
      ASSIGN,
      { input: { userId: await userId(app, 'tj-office-liaison'), role: 'LIAISON', unitId: await unitId(app, 'TJ') } },
      'tj-office-liaison',
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  it('revokes a role: access ends at once, history stays, audit written', async () => {
    const [{ id }] = await app.sql(
      `select a.id from role_assignment a join app_user u on u.id = a.user_id where u.username = 'tj-new' and a.role = 'OFFICE_ADMIN' and a.revoked_at is null`,
    );
    const gid = toGlobalId('RoleAssignment', id);
    const hp = await app.gql(`mutation($id: ID!) { revokeRole(id: $id) { revokedAt } }`, { id: gid }, 'hp-admin');
    expect(codes(hp)).toEqual(['NOT_FOUND']);
    const res = await app.gql(`mutation($id: ID!) { revokeRole(id: $id) { role revokedAt } }`, { id: gid }, 'tj-admin');
    expect(res.data!.revokeRole.revokedAt).toBeTruthy();
    const [row] = await app.sql(`select revoked_at, revoked_by_id from role_assignment where id = $1`, [id]);
    expect(row.revoked_at).not.toBeNull();
    expect(await auditCount('organisation.revokeRole')).toBeGreaterThanOrEqual(1);
    const after = await app.gql(
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`,
      { input: { parentId: await unitId(app, 'TJ-JCS'), code: 'TJ-JCS-X', name: '测试科', kind: 'SECTION' } },
      'tj-new',
    );
    expect(codes(after)).toEqual(['FORBIDDEN']);
  });

  it('deactivates a user in scope, never itself', async () => {
    const DEACT = `mutation($id: ID!) { deactivateUser(id: $id) { username active } }`;
    expect(codes(await app.gql(DEACT, { id: await userId(app, 'tj-admin') }, 'tj-admin'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql(DEACT, { id: await userId(app, 'dg-liaison') }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    const ok = await app.gql(DEACT, { id: await userId(app, 'tj-new') }, 'tj-admin');
    expect(ok.data!.deactivateUser).toEqual({ username: 'tj-new', active: false });
  });
});
