import { addDays, todayInChina } from '../../src/common/dates';
import { codes, TestApp, unitId } from '../helpers/app';
import { CASE, CASES, CLOSE, dbId, ESCALATE, FOLLOW_UP, gid, OPEN, writeCounts } from './fixtures';

let app: TestApp;
const today = todayInChina();
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const DEMO_USERS = [
  'admin',
  'tj-admin',
  'tj-publisher',
  'tj-legal',
  'tj-secrecy',
  'tj-office-publisher',
  'tj-office-liaison',
  'tj-inspector',
  'hp-admin',
  'hp-publisher',
  'dg-liaison',
  'xn-admin',
];

async function tipOffId(): Promise<string> {
  const [row] = await app.sql(`select id from contact_case where kind = 'TIP_OFF' and restricted`);
  return gid('ContactCase', row.id);
}

describe('tip-offs about staff conduct', () => {
  it.each(DEMO_USERS.map((u) => [u, u === 'admin' || u === 'tj-inspector']))('%s sees the seeded anonymous tip-off: %s', async (user, sees) => {
    const id = await tipOffId();
    const list = await app.gql(CASES, { kind: 'TIP_OFF' }, user as string);
    expect(list.errors).toBeUndefined();
    expect(list.data!.contactCases.totalCount).toBe(sees ? 1 : 0);
    const one = await app.gql(CASE, { id }, user as string);
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id ... on ContactCase { subject } } }`, { id }, user as string);
    if (sees) {
      expect(one.data!.contactCase).toMatchObject({ kind: 'TIP_OFF', restricted: true, anonymous: true, reporter: null, unit: { code: 'TJ-XG-TGK' } });
      expect(node.data!.node).toMatchObject({ id });
    } else {
      expect(codes(one)).toEqual(['NOT_FOUND']);
      expect(codes(node)).toEqual(['NOT_FOUND']);
    }
  });

  it('is refused anonymously', async () => {
    expect(codes(await app.gql(CASES, { kind: 'TIP_OFF' }))).toEqual(['UNAUTHENTICATED']);
  });

  it('may be registered by the 监察室 only, not by the unit’s own admin', async () => {
    const input = {
      unitId: await unitId(app, 'TJ-XG'),
      kind: 'TIP_OFF',
      channel: 'LETTER',
      subject: '反映关员工作作风',
      description: '来信反映某关员态度生硬。',
      concernsStaffConduct: true,
      handlingMode: 'BY_DATE',
      dueOn: addDays(today, 20),
    };
    const before = await writeCounts(app);
    expect(codes(await app.gql(OPEN, { input }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    expect(await writeCounts(app)).toEqual(before);
    const ok = await app.gql(OPEN, { input }, 'tj-inspector');
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.openContactCase).toMatchObject({ restricted: true, owner: { username: 'tj-inspector' }, viewerCanHandle: true, level: 'DIVISION' });
    const list = await app.gql(CASES, { unitId: await unitId(app, 'TJ-XG') }, 'tj-admin');
    expect(list.data!.contactCases.nodes.map((n: { restricted: boolean }) => n.restricted)).not.toContain(true);
  });
});

describe('a complaint handled through three levels', () => {
  it('opens at the section with the first responder as owner, escalates section → division → district office, closes with feedback, is visited', async () => {
    const opened = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS-ZWGK'),
          kind: 'COMPLAINT',
          channel: 'PHONE',
          subject: '公开栏内容过期',
          description: '企业电话反映公开栏内容未更新。',
          reporterName: '测试企业张先生',
          reporterContact: '13900000000',
          reporterOrganisation: '天津测试公司',
          handlingMode: 'TIME_LIMITED',
          timeLimitWorkingDays: 5,
        },
      },
      'tj-office-liaison',
    );
    expect(opened.errors).toBeUndefined();
    const c = opened.data!.openContactCase;
    expect(c).toMatchObject({
      level: 'SECTION',
      initialLevel: 'SECTION',
      handlingUnit: { code: 'TJ-BGS-ZWGK' },
      owner: { username: 'tj-office-liaison' },
      status: 'OPEN',
      anonymous: false,
      reporter: { name: '测试企业张先生', contact: '13900000000' },
      receivedOn: today,
      timeLimitDays: 5,
      steps: [{ kind: 'OPENED', toLevel: 'SECTION', toUnit: { code: 'TJ-BGS-ZWGK' }, actor: { username: 'tj-office-liaison' } }],
    });
    expect(c.dueOn > today).toBe(true);

    // Same level: refused, nothing written.
    const before = await writeCounts(app);
    const same = await app.gql(ESCALATE, { input: { id: c.id, toLevel: 'SECTION', reason: 'x' } }, 'tj-office-liaison');
    expect(codes(same)).toEqual(['BAD_USER_INPUT']);
    expect(await writeCounts(app)).toEqual(before);

    const toDivision = await app.gql(
      ESCALATE,
      { input: { id: c.id, toLevel: 'DIVISION', reason: '涉及两个科室', expectedVersion: c.version } },
      'tj-office-liaison',
    );
    expect(toDivision.errors).toBeUndefined();
    expect(toDivision.data!.escalateContactCase).toMatchObject({ level: 'DIVISION', handlingUnit: { code: 'TJ-BGS' }, escalations: 1 });

    // Back down: refused with the field named, nothing written.
    const before2 = await writeCounts(app);
    const down = await app.gql(ESCALATE, { input: { id: c.id, toLevel: 'SECTION', reason: '退回' } }, 'tj-office-liaison');
    expect(codes(down)).toEqual(['BAD_USER_INPUT']);
    expect(down.errors![0].extensions!.fields[0].field).toBe('input.toLevel');
    expect(await writeCounts(app)).toEqual(before2);

    const toDistrict = await app.gql(ESCALATE, { input: { id: c.id, toLevel: 'DISTRICT_OFFICE', reason: '需协调两个处级部门' } }, 'tj-office-liaison');
    expect(toDistrict.errors).toBeUndefined();
    const up = toDistrict.data!.escalateContactCase;
    expect(up).toMatchObject({ level: 'DISTRICT_OFFICE', handlingUnit: { code: 'TJ' }, escalations: 2, owner: { username: 'tj-office-liaison' } });
    expect(up.steps.map((s: any) => [s.kind, s.fromLevel, s.toLevel, s.fromUnit?.code ?? null, s.toUnit?.code ?? null, s.actor.username, s.reason])).toEqual([
      ['OPENED', null, 'SECTION', null, 'TJ-BGS-ZWGK', 'tj-office-liaison', null],
      ['ESCALATED', 'SECTION', 'DIVISION', 'TJ-BGS-ZWGK', 'TJ-BGS', 'tj-office-liaison', '涉及两个科室'],
      ['ESCALATED', 'DIVISION', 'DISTRICT_OFFICE', 'TJ-BGS', 'TJ', 'tj-office-liaison', '需协调两个处级部门'],
    ]);

    // A named reporter: closing without feedback, or without a result, is refused.
    const before3 = await writeCounts(app);
    const noFeedback = await app.gql(CLOSE, { input: { id: c.id, result: '已更新' } }, 'tj-admin');
    expect(codes(noFeedback)).toEqual(['BAD_USER_INPUT']);
    expect(noFeedback.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.feedback']);
    const noResult = await app.gql(CLOSE, { input: { id: c.id, result: '   ', feedback: { givenOn: today, method: 'PHONE' } } }, 'tj-admin');
    expect(codes(noResult)).toEqual(['BAD_USER_INPUT']);
    const early = await app.gql(CLOSE, { input: { id: c.id, result: '已更新', feedback: { givenOn: addDays(today, -1), method: 'PHONE' } } }, 'tj-admin');
    expect(early.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.feedback.givenOn']);
    expect(await writeCounts(app)).toEqual(before3);

    const closed = await app.gql(
      CLOSE,
      { input: { id: c.id, result: '已统一口径并更新公开栏', feedback: { givenOn: today, method: 'PHONE', note: '电话告知' } } },
      'tj-admin',
    );
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeContactCase).toMatchObject({
      status: 'CLOSED',
      closedOn: today,
      feedbackOn: today,
      feedbackMethod: 'PHONE',
      closedOnTime: true,
      overdue: false,
    });

    const visit = await app.gql(FOLLOW_UP, { input: { id: c.id, visitedOn: today, satisfaction: 'SATISFIED' } }, 'tj-admin');
    expect(visit.errors).toBeUndefined();
    expect(visit.data!.recordContactFollowUp).toMatchObject({ followUpOn: today, satisfaction: 'SATISFIED' });
    expect(codes(await app.gql(FOLLOW_UP, { input: { id: c.id, visitedOn: today, satisfaction: 'SATISFIED' } }, 'tj-admin'))).toEqual(['CONFLICT']);

    const audits = await app.sql(`select action, actor_username from audit_record where target_id = $1 and action <> 'contact.readReporter' order by id`, [
      c.id,
    ]);
    expect(audits.map((a: any) => a.action)).toEqual([
      'contact.openContactCase',
      'contact.escalateContactCase',
      'contact.escalateContactCase',
      'contact.closeContactCase',
      'contact.recordContactFollowUp',
    ]);
    const [row] = await app.sql(`select status, level, handling_unit_id, escalations, result from contact_case where id = $1`, [dbId(c.id)]);
    expect(row).toMatchObject({ status: 'CLOSED', level: 'DISTRICT_OFFICE', escalations: 2, result: '已统一口径并更新公开栏' });
  });

  it('shows the seeded complaint that went through all three levels', async () => {
    const [row] = await app.sql(`select id from contact_case where escalations = 2 and received_on < '2009-01-01'`);
    const res = await app.gql(CASE, { id: gid('ContactCase', row.id) }, 'tj-admin');
    expect(res.data!.contactCase).toMatchObject({
      status: 'CLOSED',
      level: 'DISTRICT_OFFICE',
      initialLevel: 'SECTION',
      unit: { code: 'TJ-BGS-ZWGK' },
      handlingUnit: { code: 'TJ' },
    });
    expect(res.data!.contactCase.steps.map((s: any) => s.kind)).toEqual(['OPENED', 'ESCALATED', 'ESCALATED', 'CLOSED', 'FOLLOW_UP']);
  });
});

describe('reporters’ personal data', () => {
  async function namedCase(): Promise<string> {
    const res = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'SUGGESTION',
          channel: 'COUNTER',
          subject: '建议增加自助查询机',
          description: '建议在办事大厅增加自助查询机。',
          reporterName: '李建议',
          reporterContact: 'li@example.com',
          handlingMode: 'IMMEDIATE',
        },
      },
      'tj-office-liaison',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.openContactCase.dueOn).toBe(today);
    return res.data!.openContactCase.id;
  }

  it('is read by those handling the case, redacted (null + extensions.redactions) for other staff, and every read is audited', async () => {
    const id = await namedCase();
    const reads = async () =>
      (await app.sql(`select actor_username from audit_record where action = 'contact.readReporter' and target_id = $1 order by id`, [id])).map(
        (r: any) => r.actor_username,
      );
    const base = await reads();
    for (const user of ['tj-office-liaison', 'tj-admin']) {
      const res = await app.gql(CASE, { id }, user);
      expect(res.data!.contactCase.reporter).toEqual({ name: '李建议', contact: 'li@example.com', organisation: null });
      expect(res.data!.contactCase.viewerCanHandle).toBe(true);
    }
    for (const user of ['tj-publisher', 'tj-inspector', 'tj-office-publisher']) {
      const res = await app.gql(CASE, { id }, user);
      expect(res.errors).toBeUndefined();
      expect(res.data!.contactCase.subject).toBe('建议增加自助查询机');
      expect(res.data!.contactCase.reporter).toBeNull();
      expect(res.data!.contactCase.viewerCanHandle).toBe(false);
      expect(res.extensions?.redactions).toEqual([{ path: ['contactCase', 'reporter'], reason: expect.stringMatching(/handling the case/) }]);
    }
    expect(await reads()).toEqual([...base, 'tj-office-liaison', 'tj-admin']);
  });

  it('is read in a list with one audit record per case', async () => {
    const a = await namedCase();
    const b = await namedCase();
    const res = await app.gql(`query { contactCases(kind: SUGGESTION, status: OPEN, first: 50) { nodes { id reporter { name } } } }`, {}, 'tj-admin');
    const ids = res.data!.contactCases.nodes.filter((n: any) => n.reporter).map((n: any) => n.id);
    expect(ids).toEqual(expect.arrayContaining([a, b]));
    const rows = await app.sql(
      `select target_id from audit_record where action = 'contact.readReporter' and actor_username = 'tj-admin' and target_id = any($1)`,
      [[a, b]],
    );
    expect(rows).toHaveLength(2);
  });

  it('lets a staff member who does not handle the case neither escalate nor close it', async () => {
    const id = await namedCase();
    const before = await writeCounts(app);
    expect(codes(await app.gql(ESCALATE, { input: { id, toLevel: 'DIVISION', reason: 'x' } }, 'tj-publisher'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(CLOSE, { input: { id, result: 'x', feedback: { givenOn: today, method: 'PHONE' } } }, 'tj-publisher'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(CLOSE, { input: { id, result: 'x', feedback: { givenOn: today, method: 'PHONE' } } }, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect(await writeCounts(app)).toEqual(before);
  });
});

describe('bad input', () => {
  it('refuses handling-mode mistakes, future dates and contacts without a name, naming every field, writing nothing', async () => {
    const before = await writeCounts(app);
    const res = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'COMPLAINT',
          channel: 'PHONE',
          subject: '',
          description: 'x'.repeat(4001),
          receivedOn: addDays(today, 2),
          reporterContact: '1390000',
          handlingMode: 'TIME_LIMITED',
          dueOn: today,
        },
      },
      'tj-admin',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual(['input.description', 'input.subject']);
    const res2 = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'COMPLAINT',
          channel: 'PHONE',
          subject: 's',
          description: 'd',
          receivedOn: addDays(today, 2),
          reporterContact: '1390000',
          handlingMode: 'TIME_LIMITED',
          dueOn: today,
        },
      },
      'tj-admin',
    );
    expect(res2.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual([
      'input.dueOn',
      'input.receivedOn',
      'input.reporterContact',
      'input.timeLimitWorkingDays',
    ]);
    const res3 = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'COMPLAINT',
          channel: 'PHONE',
          subject: 's',
          description: 'd',
          receivedOn: '2026-01-10',
          handlingMode: 'BY_DATE',
          dueOn: '2026-01-09',
        },
      },
      'tj-admin',
    );
    expect(res3.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.dueOn']);
    expect(await writeCounts(app)).toEqual(before);
  });

  it('counts a time limit in working days over the holiday calendar (2026 National Day)', async () => {
    const res = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'COMPLAINT',
          channel: 'PHONE',
          subject: 's',
          description: 'd',
          receivedOn: '2026-09-30',
          handlingMode: 'TIME_LIMITED',
          timeLimitWorkingDays: 1,
        },
      },
      'tj-admin',
    );
    expect(res.errors).toBeUndefined();
    const [h] = await app.sql(`select min(d)::date::text as next from generate_series('2026-10-01'::date, '2026-10-20'::date, '1 day') d
      where (extract(isodow from d) < 6 and not exists (select 1 from holiday_day h where h.date = d and h.kind = 'HOLIDAY'))
         or exists (select 1 from holiday_day h where h.date = d and h.kind = 'WORKDAY')`);
    expect(res.data!.openContactCase.dueOn).toBe(h.next);
    expect(h.next > '2026-10-07').toBe(true);
  });

  it('refuses to close a closed case and to visit an open one', async () => {
    const opened = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-BGS'),
          kind: 'DIFFICULT_QUESTION',
          channel: 'COUNTER',
          subject: 'q',
          description: 'q',
          handlingMode: 'IMMEDIATE',
        },
      },
      'tj-office-liaison',
    );
    const id = opened.data!.openContactCase.id;
    expect(codes(await app.gql(FOLLOW_UP, { input: { id, visitedOn: today, satisfaction: 'SATISFIED' } }, 'tj-office-liaison'))).toEqual(['CONFLICT']);
    const closed = await app.gql(CLOSE, { input: { id, result: '已答复' } }, 'tj-office-liaison');
    expect(closed.errors).toBeUndefined();
    expect(codes(await app.gql(CLOSE, { input: { id, result: '再次' } }, 'tj-office-liaison'))).toEqual(['CONFLICT']);
    expect(codes(await app.gql(ESCALATE, { input: { id, toLevel: 'DISTRICT_OFFICE', reason: 'x' } }, 'tj-office-liaison'))).toEqual(['CONFLICT']);
    const anonymousVisit = await app.gql(FOLLOW_UP, { input: { id, visitedOn: today, satisfaction: 'SATISFIED' } }, 'tj-office-liaison');
    expect(anonymousVisit.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.id']);
  });
});

describe('a page of cases', () => {
  it('loads units, owners, steps and audited reporters in a constant number of statements', async () => {
    const page = `query($first: Int) { contactCases(first: $first) { totalCount nodes { id unit { code } handlingUnit { code } owner { username }
      reporter { name } steps { kind actor { username } toUnit { code } } } } }`;
    const few = await app.countStatements(() => app.gql(page, { first: 3 }, 'admin'));
    const many = await app.countStatements(() => app.gql(page, { first: 30 }, 'admin'));
    expect(few.result.errors).toBeUndefined();
    expect(many.result.data!.contactCases.nodes).toHaveLength(30);
    // Page, count, units, users, steps, step units… and one audit insert for the reporters read: not one per case.
    expect(many.statements).toBeLessThanOrEqual(few.statements + 1);
    expect(many.statements).toBeLessThanOrEqual(9);
  });
});
