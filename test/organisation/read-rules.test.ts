import { toGlobalId } from '../../src/common/global-id';
import { codes, TestApp, unitId, userId } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const USER = `query($id: ID!) { node(id: $id) { ... on User { username displayName email phone unit { code } assignments { role } } } }`;

describe('redaction of user contact fields', () => {
  it('does not hand users to anonymous callers by id (the users list needs a login too)', async () => {
    const res = await app.gql(USER, { id: await userId(app, 'tj-office-liaison') });
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  it('hides them from a peer in the same district who is not an admin', async () => {
    const res = await app.gql(USER, { id: await userId(app, 'tj-office-liaison') }, 'tj-legal');
    expect(res.data!.node).toMatchObject({ email: null, phone: null, assignments: null });
    expect(res.extensions!.redactions).toHaveLength(3);
  });

  it('shows them to the user itself and to an admin in scope, with no redactions', async () => {
    for (const as of ['tj-office-liaison', 'tj-admin', 'admin']) {
      const res = await app.gql(USER, { id: await userId(app, 'tj-office-liaison') }, as);
      expect(res.data!.node).toMatchObject({ email: 'tj-office-liaison@demo.customs.gov.cn', phone: '13800000001', assignments: [{ role: 'LIAISON' }] });
      expect(res.extensions?.redactions).toBeUndefined();
    }
  });

  it('reads a user of a sibling district as NOT_FOUND, as the users list leaves it out', async () => {
    const res = await app.gql(USER, { id: await userId(app, 'tj-office-liaison') }, 'hp-admin');
    expect(codes(res)).toEqual(['NOT_FOUND']);
  });

  it('redacts per row in a list and keeps the rest of the list', async () => {
    const res = await app.gql(`{ users(first: 50) { totalCount nodes { username email } } }`, {}, 'tj-admin');
    expect(res.errors).toBeUndefined();
    const rows = res.data!.users.nodes as { username: string; email: string | null }[];
    expect(rows.find((u) => u.username === 'tj-legal')!.email).toBe('tj-legal@demo.customs.gov.cn');
    expect(rows.some((u) => u.username === 'hp-admin')).toBe(false); // users lists only the caller's scope
  });
});

describe('node(id:)', () => {
  it('reads public units by global id', async () => {
    const res = await app.gql(`query($id: ID!) { node(id: $id) { id ... on OrgUnit { name kind } } }`, { id: await unitId(app, 'HP-DG') });
    expect(res.data!.node).toEqual({ id: await unitId(app, 'HP-DG'), name: '东莞海关', kind: 'SUBORDINATE_OFFICE' });
  });

  it('reads an out-of-scope audit record as NOT_FOUND, an in-scope one as the record', async () => {
    await app.gql(
      `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { version } }`,
      { input: { id: await unitId(app, 'HP-XT'), expectedVersion: 1, name: '新塘海关' } },
      'hp-admin',
    );
    const [{ id }] = await app.sql(`select id from audit_record where action = 'organisation.updateOrgUnit' order by id desc limit 1`);
    const gid = toGlobalId('AuditRecord', id);
    const Q = `query($id: ID!) { node(id: $id) { ... on AuditRecord { action actorUsername } } }`;
    expect(codes(await app.gql(Q, { id: gid }, 'tj-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(Q, { id: gid }))).toEqual(['NOT_FOUND']);
    expect((await app.gql(Q, { id: gid }, 'hp-admin')).data!.node).toEqual({ action: 'organisation.updateOrgUnit', actorUsername: 'hp-admin' });
    expect((await app.gql(Q, { id: gid }, 'admin')).data!.node.actorUsername).toBe('hp-admin');
  });

  it('reads a role assignment of another district as NOT_FOUND', async () => {
    const [{ id }] = await app.sql(`select a.id from role_assignment a join app_user u on u.id = a.user_id where u.username = 'hp-publisher'`);
    const gid = toGlobalId('RoleAssignment', id);
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid }, 'tj-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: gid }, 'hp-publisher'))).toEqual([]);
  });

  it('answers malformed and unknown ids clearly', async () => {
    expect(codes(await app.gql(`{ node(id: "garbage!") { id } }`))).toEqual(['BAD_USER_INPUT']);
    const unknownType = Buffer.from('Spaceship:1').toString('base64url');
    expect(codes(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: unknownType }))).toEqual(['NOT_FOUND']);
  });
});

describe('pagination', () => {
  const PAGE = `query($first: Int, $after: String) { orgUnits(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }`;

  it('walks every unit with cursors, without overlap', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const res: any = await app.gql(PAGE, { first: 7, after });
      total = res.data.orgUnits.totalCount;
      seen.push(...res.data.orgUnits.nodes.map((n: { code: string }) => n.code));
      if (!res.data.orgUnits.pageInfo.hasNextPage) break;
      after = res.data.orgUnits.pageInfo.endCursor;
    }
    const [{ count }] = await app.sql(`select count(*)::int as count from org_unit where active`);
    expect(total).toBe(count);
    expect(seen).toHaveLength(count);
    expect(new Set(seen).size).toBe(count);
  });

  it.each([[0], [101], [-1]])('refuses first: %d with BAD_USER_INPUT naming first', async (first) => {
    const res = await app.gql(PAGE, { first });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'first', message: 'must be between 1 and 100' }]);
  });

  it('refuses a bad cursor with BAD_USER_INPUT naming after', async () => {
    for (const after of ['nonsense', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1,2,3]').toString('base64url')]) {
      const res = await app.gql(PAGE, { first: 5, after });
      expect(res.errors![0].extensions!.fields).toEqual([{ field: 'after', message: 'is not a valid cursor' }]);
    }
  });

  it('defaults to 20 and caps at 100', async () => {
    const res = await app.gql(`{ orgUnits { nodes { code } } }`);
    expect(res.data!.orgUnits.nodes).toHaveLength(20);
  });

  it('filters a subtree in SQL', async () => {
    const res = await app.gql(`query($id: ID!) { orgUnits(subtreeOf: $id, first: 100) { totalCount nodes { code } } }`, { id: await unitId(app, 'HP-DG') });
    expect(res.data!.orgUnits.nodes.map((n: { code: string }) => n.code).sort()).toEqual(['HP-DG', 'HP-DG-BGS', 'HP-DG-LBCJC']);
  });
});

describe('statement budget', () => {
  it('lists 100 units with their parents in as many statements as 5', async () => {
    // Grow the tree past 100 units.
    await app.sql(`
      insert into org_unit (id, code, name, kind, parent_id, path, depth, sort_order)
      select s.id, 'GEN-' || s.g, '生成科' || s.g, 'SECTION', p.id, p.path || s.id || '/', 3, s.g
        from (select nextval('org_unit_id_seq') as id, g from generate_series(1, 120) g) s
        cross join (select id, path from org_unit where code = 'TJ-BGS') p`);
    const Q = `query($first: Int) { orgUnits(first: $first) { totalCount nodes { code parent { code parent { code } } } } }`;
    const small = await app.countStatements(() => app.gql(Q, { first: 5 }));
    const large = await app.countStatements(() => app.gql(Q, { first: 100 }));
    expect(small.result.errors).toBeUndefined();
    expect(large.result.data!.orgUnits.nodes).toHaveLength(100);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(4);
  });
});

describe('audit trail', () => {
  it('is scoped to the admin, newest first, and append-only in the database', async () => {
    const res = await app.gql(`{ auditTrail(first: 50) { totalCount nodes { action actorUsername before after } } }`, {}, 'hp-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.auditTrail.nodes.every((n: { actorUsername: string }) => n.actorUsername === 'hp-admin')).toBe(true);
    expect(res.data!.auditTrail.totalCount).toBeGreaterThan(0);
    expect(codes(await app.gql(`{ auditTrail { totalCount } }`, {}, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(`{ auditTrail { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
    // The tests connect as the application role, as the server does: the table's owner, no superuser.
    expect(
      await app.sql(
        `select r.rolsuper, pg_get_userbyid(c.relowner) = current_user as owner from pg_roles r, pg_class c where r.rolname = current_user and c.oid = 'audit_record'::regclass`,
      ),
    ).toEqual([{ rolsuper: false, owner: true }]);
    await expect(app.sql(`update audit_record set action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`delete from audit_record`)).rejects.toThrow(/append-only/);
    await expect(app.sql(`truncate audit_record`)).rejects.toThrow(/append-only/);
  });

  it('writes no audit record for a failed mutation', async () => {
    const [{ count: before }] = await app.sql(`select count(*)::int as count from audit_record`);
    const res = await app.gql(
      `mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { code } }`,
      { input: { parentId: await unitId(app, 'XN'), code: 'XN-BGS', name: '重复', kind: 'DIVISION' } },
      'xn-admin',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const [{ count: after }] = await app.sql(`select count(*)::int as count from audit_record`);
    expect(after).toBe(before);
  });
});
