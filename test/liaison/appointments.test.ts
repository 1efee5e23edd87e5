import { toGlobalId } from '../../src/common/global-id';
import { addDays, todayInChina } from '../../src/modules/liaison';
import { codes, TestApp, unitId, userId } from '../helpers/app';
import { make, rawId } from '../helpers/factories';
import { APPOINT, END, writeCounts } from './fixtures';

let app: TestApp;
const today = todayInChina();
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

function fields(res: { errors?: { extensions?: Record<string, any> }[] }): string[] {
  return (res.errors?.[0]?.extensions?.fields ?? []).map((f: { field: string }) => f.field);
}

describe('appointLiaison', () => {
  it('lets tj-admin appoint a staff user in its district, and writes an audit record', async () => {
    const res = await app.gql(
      APPOINT,
      {
        input: {
          unitId: await unitId(app, 'TJ-FGC'),
          kind: 'DEPARTMENT',
          userId: await userId(app, 'tj-legal'),
          startDate: addDays(today, -10),
          duties: '法规处政务公开联络',
          officePhone: '022-84201199',
          mobile: '13911112222',
          email: 'legal-liaison@demo.customs.gov.cn',
        },
      },
      'tj-admin',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.appointLiaison).toMatchObject({
      personName: '天津海关法规处审核员',
      kind: 'DEPARTMENT',
      startDate: addDays(today, -10),
      endDate: null,
      active: true,
      version: 1,
      unit: { code: 'TJ-FGC' },
      user: { username: 'tj-legal' },
      organisation: null,
    });
    const id = res.data!.appointLiaison.id;
    const [row] = await app.sql(`select a.person_name, a.mobile, u.username from liaison_appointment a join app_user u on u.id = a.user_id where a.id = $1`, [
      rawId(id),
    ]);
    expect(row).toEqual({ person_name: '天津海关法规处审核员', mobile: '13911112222', username: 'tj-legal' });
    const audits = await app.sql(`select action, actor_username, scope_path, after from audit_record where target_id = $1`, [id]);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ action: 'liaison.appointLiaison', actor_username: 'tj-admin', after: { kind: 'DEPARTMENT', mobile: '13911112222' } });
    expect(audits[0].scope_path).toMatch(/^\/1\/\d+\/\d+\/$/);
  });

  it('lets one person hold appointments in several units and of several kinds', async () => {
    const base = { userId: await userId(app, 'tj-inspector'), startDate: today };
    const a = await app.gql(APPOINT, { input: { ...base, unitId: await unitId(app, 'TJ-JCS'), kind: 'DEPARTMENT' } }, 'tj-admin');
    const b = await app.gql(APPOINT, { input: { ...base, unitId: await unitId(app, 'TJ-XG'), kind: 'DEPARTMENT' } }, 'tj-admin');
    const c = await app.gql(APPOINT, { input: { ...base, unitId: await unitId(app, 'TJ-JCS'), kind: 'INVITED' } }, 'tj-admin');
    expect([a.errors, b.errors, c.errors]).toEqual([undefined, undefined, undefined]);
  });

  it('refuses an overlapping duplicate of the same person, unit and kind, but not a later one', async () => {
    const input = {
      unitId: await unitId(app, 'TJ-ZGB'),
      kind: 'VOLUNTEER_SUPERVISOR',
      personName: '测试监督员',
      organisation: '天津某企业',
      organisationKind: 'ENTERPRISE',
      startDate: '2026-01-01',
      endDate: '2026-06-30',
    };
    expect((await app.gql(APPOINT, { input }, 'tj-admin')).errors).toBeUndefined();
    const before = await writeCounts(app);
    // Same person (name and organisation compared case- and space-insensitively), overlapping by one day.
    const dup = await app.gql(APPOINT, { input: { ...input, personName: ' 测试监督员 ', startDate: '2026-06-30', endDate: null } }, 'tj-admin');
    expect(codes(dup)).toEqual(['CONFLICT']);
    expect(dup.errors![0].message).toMatch(/重叠/);
    expect(await writeCounts(app)).toEqual(before);
    const later = await app.gql(APPOINT, { input: { ...input, startDate: '2026-07-01', endDate: null } }, 'tj-admin');
    expect(later.errors).toBeUndefined();
    const otherOrg = await app.gql(APPOINT, { input: { ...input, organisation: '另一企业' } }, 'tj-admin');
    expect(otherOrg.errors).toBeUndefined();
  });

  it.each([
    ['hp-admin, for a Tianjin unit', 'hp-admin', 'TJ-FGC', 'FORBIDDEN'],
    ['tj-admin, for a unit of the sibling district 东莞海关', 'tj-admin', 'HP-DG', 'FORBIDDEN'],
    ['xn-admin, for 天津海关 itself', 'xn-admin', 'TJ', 'FORBIDDEN'],
    ['tj-publisher (not an OFFICE_ADMIN)', 'tj-publisher', 'TJ-FGC', 'FORBIDDEN'],
    ['dg-liaison, for its own unit', 'dg-liaison', 'HP-DG', 'FORBIDDEN'],
    ['an anonymous caller', null, 'TJ-FGC', 'UNAUTHENTICATED'],
  ])('refuses %s and writes nothing', async (_label, as, unit, code) => {
    const before = await writeCounts(app);
    const res = await app.gql(APPOINT, { input: { unitId: await unitId(app, unit), kind: 'DEPARTMENT', personName: '某人', startDate: today } }, as);
    expect(codes(res)).toEqual([code]);
    expect(await writeCounts(app)).toEqual(before);
  });

  it('refuses to appoint a user from outside the admin’s scope', async () => {
    const res = await app.gql(
      APPOINT,
      { input: { unitId: await unitId(app, 'TJ-FGC'), kind: 'DEPARTMENT', userId: await userId(app, 'dg-liaison'), startDate: today } },
      'tj-admin',
    );
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });

  describe('bad input: BAD_USER_INPUT naming the field, nothing written', () => {
    const cases: [string, () => Promise<Record<string, unknown>>, string[]][] = [
      ['end date before start', async () => ({ startDate: '2026-05-01', endDate: '2026-04-30' }), ['input.endDate']],
      ['an unknown user', async () => ({ userId: toGlobalId('User', 999999), personName: null }), ['input.userId']],
      ['a malformed user id', async () => ({ userId: 'not-an-id', personName: null }), ['input.userId']],
      ['a malformed mobile', async () => ({ mobile: 'call me' }), ['input.mobile']],
      ['a malformed office phone and e-mail', async () => ({ officePhone: '12', email: 'nobody-at-example' }), ['input.officePhone', 'input.email']],
      ['an outside supervisor without organisation', async () => ({ kind: 'VOLUNTEER_SUPERVISOR' }), ['input.organisation', 'input.organisationKind']],
      ['no person at all', async () => ({ personName: '  ' }), ['input.personName']],
      [
        'an organisation for a staff user',
        async () => ({ userId: await userId(app, 'tj-secrecy'), personName: null, organisation: '某企业', organisationKind: 'ENTERPRISE' }),
        ['input.organisation', 'input.organisationKind'],
      ],
    ];
    it.each(cases)('%s', async (_label, patch, expected) => {
      const before = await writeCounts(app);
      const input = { unitId: await unitId(app, 'TJ-CWC'), kind: 'DEPARTMENT', personName: '某人', startDate: today, ...(await patch()) };
      const res = await app.gql(APPOINT, { input }, 'tj-admin');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(fields(res)).toEqual(expected);
      expect(await writeCounts(app)).toEqual(before);
    });

    it('an inactive unit: FAILED_PRECONDITION naming the unit, nothing written', async () => {
      const before = await writeCounts(app);
      const old = await make.unit(app, { code: 'TJ-OLD', name: '已撤销处', kind: 'DIVISION', parent: 'TJ', active: false });
      const res = await app.gql(APPOINT, { input: { unitId: old, kind: 'DEPARTMENT', personName: '某人', startDate: today } }, 'tj-admin');
      expect(codes(res)).toEqual(['FAILED_PRECONDITION']);
      expect(res.errors![0].message).toBe('已撤销处已停用');
      expect(await writeCounts(app)).toEqual(before);
    });

    it('a date that is not a calendar date', async () => {
      const res = await app.gql(
        APPOINT,
        { input: { unitId: await unitId(app, 'TJ-CWC'), kind: 'DEPARTMENT', personName: '某人', startDate: '2026-02-30' } },
        'tj-admin',
      );
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].message).toMatch(/startDate/);
    });
  });
});

describe('endLiaisonAppointment', () => {
  let id: string;
  beforeAll(async () => {
    const res = await app.gql(
      APPOINT,
      {
        input: {
          unitId: await unitId(app, 'TJ-JSC'),
          kind: 'DEPARTMENT',
          personName: '将离任联络员',
          startDate: addDays(today, -30),
          officePhone: '022-84201134',
        },
      },
      'tj-admin',
    );
    id = res.data!.appointLiaison.id;
  });

  it('refuses admins of another district (FORBIDDEN on a public row) and non-admins', async () => {
    const before = await writeCounts(app);
    expect(codes(await app.gql(END, { input: { id } }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(END, { input: { id } }, 'tj-office-liaison'))).toEqual(['FORBIDDEN']);
    expect(await writeCounts(app)).toEqual(before);
  });

  it('answers NOT_FOUND to an admin of another district about a row it cannot see', async () => {
    const res = await app.gql(
      APPOINT,
      {
        input: {
          unitId: await unitId(app, 'TJ'),
          kind: 'VOLUNTEER_SUPERVISOR',
          personName: '内部监督员',
          organisation: '天津市某协会',
          organisationKind: 'TRADE_ASSOCIATION',
          startDate: today,
        },
      },
      'tj-admin',
    );
    expect(codes(await app.gql(END, { input: { id: res.data!.appointLiaison.id } }, 'hp-admin'))).toEqual(['NOT_FOUND']);
  });

  it('refuses an end date before the start, and a stale version', async () => {
    const early = await app.gql(END, { input: { id, endDate: addDays(today, -31) } }, 'tj-admin');
    expect(codes(early)).toEqual(['BAD_USER_INPUT']);
    expect(fields(early)).toEqual(['input.endDate']);
    expect(codes(await app.gql(END, { input: { id, expectedVersion: 7 } }, 'tj-admin'))).toEqual(['CONFLICT']);
  });

  it('ends it as of yesterday, keeps it in the history and audits before and after', async () => {
    const res = await app.gql(END, { input: { id, endDate: addDays(today, -1), expectedVersion: 1 } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.endLiaisonAppointment).toMatchObject({ endDate: addDays(today, -1), active: false, version: 2 });
    expect(res.data!.endLiaisonAppointment.endedAt).toBeTruthy();
    const [audit] = await app.sql(`select action, before, after from audit_record where target_id = $1 and action = 'liaison.endLiaisonAppointment'`, [id]);
    expect(audit.before).toMatchObject({ endDate: null });
    expect(audit.after).toMatchObject({ endDate: addDays(today, -1) });

    const LIST = `query($u: ID!, $e: Boolean) { liaisonOfficers(unitId: $u, includeEnded: $e, first: 100) { totalCount nodes { id personName } } }`;
    const current = await app.gql(LIST, { u: await unitId(app, 'TJ-JSC'), e: false }, 'tj-admin');
    expect(current.data!.liaisonOfficers.nodes.map((n: any) => n.id)).not.toContain(id);
    const all = await app.gql(LIST, { u: await unitId(app, 'TJ-JSC'), e: true }, 'tj-admin');
    expect(all.data!.liaisonOfficers.nodes.map((n: any) => n.id)).toContain(id);

    const again = await app.gql(END, { input: { id } }, 'tj-admin');
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(fields(again)).toEqual(['input.id']);
  });
});
