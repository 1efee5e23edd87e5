import { addDays, todayInChina } from '../../src/modules/liaison';
import { codes, TestApp, unitId, userId } from '../helpers/app';
import { APPOINT } from './fixtures';

let app: TestApp;
const today = todayInChina();
const ids: Record<string, string> = {};

const LIST = `query($u: ID, $kinds: [LiaisonKind!], $activeOn: LocalDate, $ended: Boolean, $sub: Boolean) {
  liaisonOfficers(unitId: $u, kinds: $kinds, activeOn: $activeOn, includeEnded: $ended, includeSubtree: $sub, first: 100) {
    totalCount
    nodes { id personName kind organisation unit { code } officePhone mobile email notes }
  }
}`;

/** Fixture rows in a fresh division of 天津海关, with dates relative to today. */
beforeAll(async () => {
  app = await TestApp.create();
  const unit = await unitId(app, 'TJ-CWC');
  const make = async (key: string, input: Record<string, unknown>) => {
    const res = await app.gql(APPOINT, { input: { unitId: unit, ...input } }, 'tj-admin');
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    ids[key] = res.data!.appointLiaison.id;
  };
  await make('staff', {
    kind: 'DEPARTMENT',
    userId: await userId(app, 'tj-secrecy'),
    startDate: addDays(today, -100),
    officePhone: '022-84201140',
    mobile: '13900000040',
    email: 'cw-liaison@demo.customs.gov.cn',
    notes: '兼任保密员',
  });
  await make('noAccount', {
    kind: 'DEPARTMENT',
    personName: '钱文',
    startDate: addDays(today, -100),
    officePhone: '022-84201141',
    mobile: '13900000041',
    notes: '无系统账号',
  });
  await make('former', {
    kind: 'DEPARTMENT',
    personName: '孔明亮',
    startDate: addDays(today, -400),
    endDate: addDays(today, -101),
    officePhone: '022-84201142',
  });
  await make('future', { kind: 'DEPARTMENT', personName: '接任者', startDate: addDays(today, 5), officePhone: '022-84201143' });
  await make('invited', {
    kind: 'INVITED',
    personName: '许海',
    organisation: '天津某报关企业',
    organisationKind: 'ENTERPRISE',
    startDate: addDays(today, -10),
    officePhone: '022-60000001',
    mobile: '13600000001',
    email: 'xuhai@example.com',
    notes: '每季度座谈',
  });
});
afterAll(() => app.close());

type Row = { id: string; personName: string; officePhone: string | null; mobile: string | null; email: string | null; notes: string | null };
const byId = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.id, r]));

describe('liaisonOfficers: rows and fields per caller', () => {
  it('shows anonymous callers only the DEPARTMENT liaisons in force, with name and office phone', async () => {
    const res = await app.gql(LIST, { u: await unitId(app, 'TJ-CWC'), ended: true, kinds: ['DEPARTMENT', 'INVITED', 'VOLUNTEER_SUPERVISOR'] });
    expect(res.errors).toBeUndefined();
    const rows: Row[] = res.data!.liaisonOfficers.nodes;
    expect(rows.map((r) => r.id).sort()).toEqual([ids.staff, ids.noAccount].sort());
    expect(res.data!.liaisonOfficers.totalCount).toBe(2);
    for (const r of rows) {
      expect(r.officePhone).toMatch(/^022-/);
      expect([r.mobile, r.email, r.notes]).toEqual([null, null, null]);
    }
    const redacted = res.extensions!.redactions as { path: (string | number)[]; reason: string }[];
    expect(redacted.map((r) => r.path[r.path.length - 1]).sort()).toEqual(['email', 'email', 'mobile', 'mobile', 'notes', 'notes']);
    expect(redacted[0].path.slice(0, 2)).toEqual(['liaisonOfficers', 'nodes']);
  });

  it('shows an admin of another district the same public view', async () => {
    const res = await app.gql(LIST, { u: await unitId(app, 'TJ-CWC'), ended: true }, 'hp-admin');
    const rows: Row[] = res.data!.liaisonOfficers.nodes;
    expect(rows.map((r) => r.id).sort()).toEqual([ids.staff, ids.noAccount].sort());
    expect(rows.every((r) => r.mobile === null && r.notes === null)).toBe(true);
    expect(res.extensions!.redactions).toHaveLength(6);
  });

  it('shows peer staff in scope every row, staff contacts and notes, but not the contacts of persons without an account', async () => {
    const res = await app.gql(LIST, { u: await unitId(app, 'TJ-CWC'), ended: true }, 'tj-publisher');
    const rows = byId(res.data!.liaisonOfficers.nodes);
    expect(Object.keys(rows).sort()).toEqual(Object.values(ids).sort());
    expect(rows[ids.staff]).toMatchObject({ officePhone: '022-84201140', mobile: '13900000040', email: 'cw-liaison@demo.customs.gov.cn', notes: '兼任保密员' });
    expect(rows[ids.noAccount]).toMatchObject({ officePhone: '022-84201141', mobile: null, notes: '无系统账号' });
    expect(rows[ids.invited]).toMatchObject({ personName: '许海', officePhone: null, mobile: null, email: null, notes: '每季度座谈' });
    const paths = (res.extensions!.redactions as { path: (string | number)[] }[]).map((r) => r.path.join('.'));
    // mobile and e-mail of the three DEPARTMENT rows without an account; office phone, mobile, e-mail of the invited one.
    expect(paths).toHaveLength(9);
    expect(paths.filter((p) => p.endsWith('.officePhone'))).toHaveLength(1);
  });

  it('shows an OFFICE_ADMIN in scope everything, outside persons’ contacts included', async () => {
    const res = await app.gql(LIST, { u: await unitId(app, 'TJ-CWC'), ended: true }, 'tj-admin');
    const rows = byId(res.data!.liaisonOfficers.nodes);
    expect(rows[ids.invited]).toMatchObject({ officePhone: '022-60000001', mobile: '13600000001', email: 'xuhai@example.com' });
    expect(rows[ids.noAccount].mobile).toBe('13900000041');
    expect(res.extensions?.redactions ?? []).toEqual([]);
  });

  it('filters by kind, date, ended state and subtree in SQL', async () => {
    const u = await unitId(app, 'TJ-CWC');
    const list = async (vars: Record<string, unknown>) =>
      ((await app.gql(LIST, { u, ...vars }, 'tj-admin')).data!.liaisonOfficers.nodes as Row[]).map((r) => r.id).sort();
    expect(await list({})).toEqual([ids.staff, ids.noAccount, ids.future, ids.invited].sort());
    expect(await list({ activeOn: addDays(today, -200) })).toEqual([ids.former]);
    expect(await list({ activeOn: today })).toEqual([ids.staff, ids.noAccount, ids.invited].sort());
    expect(await list({ kinds: ['INVITED'], ended: true })).toEqual([ids.invited]);
    // 天津海关 subtree includes 财务处; without the subtree only appointments to 天津海关 itself.
    const district = await unitId(app, 'TJ');
    const sub = (await app.gql(LIST, { u: district, sub: true }, 'tj-admin')).data!.liaisonOfficers.nodes.map((r: Row) => r.id);
    const own = (await app.gql(LIST, { u: district, sub: false }, 'tj-admin')).data!.liaisonOfficers.nodes;
    expect(sub).toEqual(expect.arrayContaining([ids.staff, ids.invited]));
    expect(own.every((r: { unit: { code: string } }) => r.unit.code === 'TJ')).toBe(true);
    expect(own.map((r: Row) => r.personName)).toEqual(expect.arrayContaining(['冯丽萍', '郑凯'])); // seeded supervisors
  });

  it('paginates with cursors', async () => {
    const Q = `query($u: ID, $after: String) { liaisonOfficers(unitId: $u, includeEnded: true, first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const u = await unitId(app, 'TJ-CWC');
    const p1 = (await app.gql(Q, { u }, 'tj-admin')).data!.liaisonOfficers;
    const p2 = (await app.gql(Q, { u, after: p1.pageInfo.endCursor }, 'tj-admin')).data!.liaisonOfficers;
    expect(p1.totalCount).toBe(5);
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect([...p1.nodes, ...p2.nodes].map((n: { id: string }) => n.id)).toHaveLength(4);
  });

  it('applies the same rules to node(id:)', async () => {
    const NODE = `query($id: ID!) { node(id: $id) { id ... on LiaisonAppointment { personName mobile } } }`;
    expect(codes(await app.gql(NODE, { id: ids.invited }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(NODE, { id: ids.invited }, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(NODE, { id: ids.former }))).toEqual(['NOT_FOUND']);
    const pub = await app.gql(NODE, { id: ids.staff });
    expect(pub.data!.node).toEqual({ id: ids.staff, personName: '天津海关保密审查员', mobile: null });
    const admin = await app.gql(NODE, { id: ids.invited }, 'tj-admin');
    expect(admin.data!.node).toEqual({ id: ids.invited, personName: '许海', mobile: '13600000001' });
  });
});
