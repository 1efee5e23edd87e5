import { toGlobalId } from '../../src/common/global-id';
import { categoryId, CREATE as CREATE_ITEM, ok, PUBLISH, REVIEW, SUBMIT } from '../catalogue/helpers';
import { codes, TestApp, unitId } from '../helpers/app';
import { make, rawId } from '../helpers/factories';
import { activeTjScheme, ACTIVATE, CREATE as CREATE_SCHEME, OPEN, schemeInput, SCORE, SUBMIT as SUBMIT_INSPECTION } from '../inspection/helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

/** Rows that a refused mutation must leave as they were. */
async function footprint(itemId?: string) {
  const [row] = await app.sql(
    `select (select count(*)::int from audit_record) as audit,
            (select count(*)::int from disclosure_review where item_id = $1) as reviews,
            (select count(*)::int from disclosure_revision where item_id = $1) as revisions,
            (select row_to_json(i)::text from disclosure_item i where i.id = $1) as item`,
    [itemId ? rawId(itemId) : null],
  );
  return row;
}

async function draft(as: string, unit = 'TJ-BGS', title = '四眼原则测试事项') {
  return ok(
    await app.gql(
      CREATE_ITEM,
      {
        input: {
          ownerUnitId: await unitId(app, unit),
          categoryId: await categoryId(app, 'C1'),
          title,
          body: '正文',
          formedDate: '2026-11-02',
          channels: ['PORTAL'],
        },
      },
      as,
    ),
  ).createDisclosureItem;
}

const review = (itemId: string, as: string, decision = 'PASS', kind?: string) =>
  app.gql(REVIEW, { input: { itemId, decision, comment: '审核意见', ...(kind ? { kind } : {}) } }, as);

describe('four eyes on catalogue items', () => {
  it('refuses the item’s author as reviewer, and takes another reviewer', async () => {
    // admin (CENTRAL_ADMIN) holds every role, so only the four-eyes rule can stop it.
    const item = await draft('admin');
    ok(await app.gql(SUBMIT, { id: item.id }, 'admin'));
    const before = await footprint(item.id);
    const refused = await review(item.id, 'admin', 'PASS', 'LEGAL');
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toMatch(/您创建了该事项：作者不能审核自己的事项/);
    expect(await footprint(item.id)).toEqual(before);
    expect(ok(await review(item.id, 'tj-legal')).reviewDisclosureItem.status).toBe('IN_REVIEW');
  });

  it('refuses whoever submitted or edited the text under review', async () => {
    const item = await draft('tj-office-liaison');
    ok(await app.gql(SUBMIT, { id: item.id }, 'admin'));
    const before = await footprint(item.id);
    const refused = await review(item.id, 'admin', 'RETURN', 'SECRECY');
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].message).toMatch(/您提交了该事项：提交人不能审核该事项/);
    expect(await footprint(item.id)).toEqual(before);
  });

  it('refuses one person passing both reviews of a round, and a reviewer publishing the round', async () => {
    const item = await draft('tj-office-liaison');
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    ok(await review(item.id, 'admin', 'PASS', 'LEGAL'));
    const before = await footprint(item.id);
    const both = await review(item.id, 'admin', 'PASS', 'SECRECY');
    expect(codes(both)).toEqual(['FORBIDDEN']);
    expect(both.errors![0].message).toMatch(/须由两个不同的人完成/);
    expect(await footprint(item.id)).toEqual(before);

    expect(ok(await review(item.id, 'tj-secrecy')).reviewDisclosureItem.status).toBe('APPROVED');
    const approved = await footprint(item.id);
    const publishedByReviewer = await app.gql(PUBLISH, { id: item.id }, 'admin');
    expect(codes(publishedByReviewer)).toEqual(['FORBIDDEN']);
    expect(publishedByReviewer.errors![0].message).toMatch(/审核人不能同时发布/);
    expect(await footprint(item.id)).toEqual(approved);
    expect(ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher')).publishDisclosureItem.status).toBe('PUBLISHED');
  });

  it('refuses to publish a round whose two passes came from one person (rows written before the rule)', async () => {
    const item = await draft('tj-office-liaison');
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    ok(await review(item.id, 'tj-legal'));
    ok(await review(item.id, 'tj-secrecy'));
    await app.sql(`update disclosure_review set reviewer_id = (select id from app_user where username = 'tj-legal') where item_id = $1`, [rawId(item.id)]);
    const before = await footprint(item.id);
    const res = await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].message).toMatch(/由同一人通过/);
    expect(await footprint(item.id)).toEqual(before);
  });
});

describe('withholding requests (暂不宜公开)', () => {
  const REQ = `mutation($id: ID!, $r: String!) { requestWithholding(itemId: $id, reason: $r) { id withholding { status } } }`;
  const RULE = `mutation($input: RuleOnWithholdingInput!) { ruleOnWithholding(input: $input) { id withholding { status } } }`;
  const PUBLIC = `query($id: ID!) { disclosureItem(id: $id) { id title } }`;

  async function published(title: string) {
    const item = await draft('tj-office-liaison', 'TJ-BGS', title);
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    ok(await review(item.id, 'tj-legal'));
    ok(await review(item.id, 'tj-secrecy'));
    ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher'));
    return item.id as string;
  }

  it('is refused to reviewers and inspectors of the unit, and changes nothing', async () => {
    const id = await published('暂缓公开测试一');
    const before = await footprint(id);
    for (const who of ['tj-legal', 'tj-secrecy', 'tj-inspector']) {
      expect(codes(await app.gql(REQ, { id, r: '理由' }, who))).toEqual(['FORBIDDEN']);
    }
    // A reviewer over the unit who is also a LIAISON elsewhere passes the coarse role gate, not the service.
    await make.user(app, {
      username: 'fgc-liaison-legal',
      unit: 'TJ-FGC',
      grants: [
        ['LIAISON', 'TJ-FGC'],
        ['LEGAL_REVIEWER', 'TJ'],
      ],
    });
    const mixed = await app.gql(REQ, { id, r: '理由' }, 'fgc-liaison-legal');
    expect(codes(mixed)).toEqual(['FORBIDDEN']);
    expect(mixed.errors![0].message).toMatch(/只有办公室的联络员、发布人员或政务公开办公室管理员可以申请暂不公开/);
    expect(await footprint(id)).toEqual(before);
  });

  it('is open to the liaison, the publisher and the admin of the unit', async () => {
    for (const who of ['tj-office-liaison', 'tj-office-publisher', 'tj-admin']) {
      const id = await published(`暂缓公开测试 ${who}`);
      expect(ok(await app.gql(REQ, { id, r: '涉及正在调查的案件' }, who)).requestWithholding.withholding.status).toBe('PENDING');
    }
  });

  it('keeps a published item public while pending and withdraws it only when the superior rules to withhold', async () => {
    const id = await published('暂缓公开测试二');
    ok(await app.gql(REQ, { id, r: '涉及正在调查的案件' }, 'tj-office-liaison'));
    expect(ok(await app.gql(PUBLIC, { id })).disclosureItem.title).toBe('暂缓公开测试二');
    const list = ok(await app.gql(`{ disclosureItems(search: "暂缓公开测试二") { totalCount } }`));
    expect(list.disclosureItems.totalCount).toBe(1);
    // The next publication waits for the ruling.
    expect(codes(await app.gql(PUBLISH, { id }, 'tj-office-publisher'))).toEqual(['FAILED_PRECONDITION']);

    ok(await app.gql(RULE, { input: { itemId: id, ruling: 'WITHHOLD', reasons: '案件尚未办结' } }, 'tj-admin'));
    expect(codes(await app.gql(PUBLIC, { id }))).toEqual(['NOT_FOUND']);
    const [{ is_public }] = await app.sql(`select is_public from disclosure_item where id = $1`, [rawId(id)]);
    expect(is_public).toBe(false);
  });
});

describe('deactivating a user', () => {
  const DEACTIVATE = `mutation($id: ID!) { deactivateUser(id: $id) { id active } }`;
  const active = async (id: string) => (await app.sql(`select active from app_user where id = $1`, [rawId(id)]))[0].active;

  it('needs the powers to revoke each of the user’s grants', async () => {
    const central = await make.user(app, { username: 'tj-home-central', unit: 'TJ-BGS', grants: [['CENTRAL_ADMIN', 'GACC']] });
    const gaccAdmin = await make.user(app, {
      username: 'tj-home-gacc-admin',
      unit: 'TJ-BGS',
      grants: [
        ['LIAISON', 'TJ-BGS'],
        ['OFFICE_ADMIN', 'GACC'],
      ],
    });
    const hpAdmin = await make.user(app, { username: 'tj-home-hp-admin', unit: 'TJ-BGS', grants: [['OFFICE_ADMIN', 'HP']] });
    const plain = await make.user(app, {
      username: 'tj-home-liaison',
      unit: 'TJ-BGS',
      grants: [
        ['LIAISON', 'TJ-BGS'],
        ['INSPECTOR', 'TJ-JSC'],
      ],
    });
    for (const [id, reason] of [
      [central, /只有海关总署管理员/],
      [gaccAdmin, /只有海关总署的政务公开办公室管理员/],
      [hpAdmin, /只有黄埔海关的政务公开办公室管理员/],
    ] as const) {
      const audit = await footprint();
      const res = await app.gql(DEACTIVATE, { id }, 'tj-admin');
      expect(codes(res)).toEqual(['FORBIDDEN']);
      expect(res.errors![0].message).toMatch(reason);
      expect(await active(id)).toBe(true);
      expect(await footprint()).toEqual(audit);
    }
    expect(ok(await app.gql(DEACTIVATE, { id: plain }, 'tj-admin')).deactivateUser.active).toBe(false);
    expect(ok(await app.gql(DEACTIVATE, { id: gaccAdmin }, 'admin')).deactivateUser.active).toBe(false);
    expect(ok(await app.gql(DEACTIVATE, { id: central }, 'admin')).deactivateUser.active).toBe(false);
  });
});

describe('inspectors do not inspect their own unit', () => {
  const scoreOf = async (inspection: string) =>
    (await app.sql(`select json_agg(s.score order by s.id) as s from inspection_score s where s.inspection_id = $1`, [rawId(inspection)]))[0].s;

  it('keeps a district inspector out of its own district in a national inspection, and lets the national level in', async () => {
    const created = ok(await app.gql(CREATE_SCHEME, { input: schemeInput(await unitId(app, 'GACC')) }, 'admin')).createInspectionScheme;
    ok(await app.gql(ACTIVATE, { input: { id: created.id, expectedVersion: created.version } }, 'admin'));
    const ind = Object.fromEntries(created.indicators.map((i: any) => [i.code, i.id]));
    const tj = await unitId(app, 'TJ');

    const before = await footprint();
    const own = await app.gql(OPEN, { input: { schemeId: created.id, unitId: tj } }, 'tj-inspector');
    expect(codes(own)).toEqual(['FORBIDDEN']);
    expect(own.errors![0].message).toMatch(/您在天津海关或其下级机构任职：检查人员不能检查评估本单位/);
    expect((await app.sql(`select count(*)::int as n from inspection where scheme_id = $1`, [rawId(created.id)]))[0].n).toBe(0);
    expect(await footprint()).toEqual(before);

    const opened = ok(await app.gql(OPEN, { input: { schemeId: created.id, unitId: tj } }, 'admin')).openInspection;
    const scores = await scoreOf(opened.id);
    const audit = await footprint();
    const score = await app.gql(SCORE, { input: { inspectionId: opened.id, indicatorId: ind.M1, expectedVersion: opened.version, score: 40 } }, 'tj-inspector');
    expect(codes(score)).toEqual(['FORBIDDEN']);
    expect(score.errors![0].message).toMatch(/检查人员不能检查评估本单位/);
    const submit = await app.gql(SUBMIT_INSPECTION, { input: { id: opened.id, expectedVersion: opened.version } }, 'tj-inspector');
    expect(codes(submit)).toEqual(['FORBIDDEN']);
    expect(await scoreOf(opened.id)).toEqual(scores);
    expect(await footprint()).toEqual(audit);
    // The district inspector still inspects a division of its district under the national scheme.
    expect(ok(await app.gql(OPEN, { input: { schemeId: created.id, unitId: await unitId(app, 'TJ-BGS') } }, 'tj-inspector')).openInspection.status).toBe(
      'OPEN',
    );
    expect(
      ok(await app.gql(SCORE, { input: { inspectionId: opened.id, indicatorId: ind.M1, expectedVersion: opened.version, score: 40 } }, 'admin')).scoreIndicator
        .scores,
    ).toBeTruthy();
  });

  it('refuses a correction of its own unit’s finalised national result', async () => {
    const [nat] = await app.sql(`select id from inspection_scheme where name like '%直属海关%'`);
    const [latest] = await app.sql(
      `select i.id from inspection i join org_unit u on u.id = i.unit_id where i.scheme_id = $1 and u.code = 'TJ' and i.status = 'FINALIZED'`,
      [nat.id],
    );
    const input = {
      schemeId: toGlobalId('InspectionScheme', nat.id),
      unitId: await unitId(app, 'TJ'),
      correctsId: toGlobalId('Inspection', latest.id),
      correctionReason: '评分录入有误',
    };
    const res = await app.gql(OPEN, { input }, 'tj-inspector');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors![0].message).toMatch(/检查人员不能检查评估本单位/);
    expect(ok(await app.gql(OPEN, { input }, 'admin')).openInspection.status).toBe('OPEN');
  });

  it('keeps a division’s own inspector out of its division under the district’s scheme', async () => {
    await make.user(app, { username: 'bgs-inspector', unit: 'TJ-BGS', grants: [['INSPECTOR', 'TJ-BGS']] });
    const { id: schemeId } = await activeTjScheme(app);
    const res = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, 'TJ-BGS') } }, 'bgs-inspector');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(ok(await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, 'TJ-BGS') } }, 'tj-inspector')).openInspection.status).toBe('OPEN');
  });
});

describe('a returned item’s review comment', () => {
  const READ = `query($id: ID!) { disclosureItem(id: $id) { reviews { decision comment reviewerUsername } } }`;

  it('reaches its liaison in myTasks and in reviews alike, and nobody else on the unit’s staff who may not read reviews', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', '退回意见测试');
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    ok(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'RETURN', comment: '请补充公开依据' } }, 'tj-legal'));

    const tasks = ok(await app.gql(`{ myTasks { nodes { kind targetId detail } } }`, {}, 'tj-office-liaison')).myTasks.nodes;
    expect(tasks).toContainEqual({ kind: 'ITEM_RETURNED', targetId: item.id, detail: '请补充公开依据' });
    const own = await app.gql(READ, { id: item.id }, 'tj-office-liaison');
    expect(own.data!.disclosureItem.reviews).toEqual([{ decision: 'RETURN', comment: '请补充公开依据', reviewerUsername: null }]);
    // The reviewer’s login is not the liaison’s to read (tj-legal belongs to 法规处, outside 办公室).
    expect(own.extensions!.redactions).toEqual([
      { path: ['disclosureItem', 'reviews', 0, 'reviewerUsername'], reason: expect.stringMatching(/staff over its unit/) },
    ]);

    const publisher = ok(await app.gql(READ, { id: item.id }, 'tj-publisher')).disclosureItem;
    expect(publisher.reviews[0].reviewerUsername).toBe('tj-legal');
    const inspector = await app.gql(READ, { id: item.id }, 'tj-inspector');
    expect(inspector.data!.disclosureItem.reviews).toBeNull();
  });
});

describe('sorting by a field the caller may not read', () => {
  const Q = `query($s: DisclosureItemSort) { disclosureItems(sort: $s, first: 100) { totalCount nodes { ownerUnit { code } publishDeadline } } }`;

  it('refuses anonymous callers the deadline sort, naming the argument', async () => {
    const res = await app.gql(Q, { s: 'DEADLINE_ASC' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([{ field: 'sort', message: expect.stringMatching(/only staff may read/) }]);
    expect(codes(await app.gql(Q, { s: 'PUBLISHED_DESC' }))).toEqual([]);
  });

  it('sorts staff by deadline over the items whose deadline they may read only', async () => {
    const res = ok(await app.gql(Q, { s: 'DEADLINE_ASC' }, 'tj-office-liaison')).disclosureItems;
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_item i join org_unit u on u.id = i.owner_unit_id
      where u.path like (select path from org_unit where code = 'TJ-BGS') || '%'`);
    expect(res.totalCount).toBe(n);
    expect(res.nodes.every((i: any) => i.ownerUnit.code.startsWith('TJ-BGS') && i.publishDeadline)).toBe(true);
    const deadlines = res.nodes.map((i: any) => i.publishDeadline);
    expect(deadlines).toEqual([...deadlines].sort());
  });
});

describe('logins are not public', () => {
  const LIAISONS = `query($u: ID!) { liaisonOfficers(unitId: $u, first: 100) { nodes { personName user { displayName username } } } }`;

  it('shows a liaison’s display name but not its login to anonymous callers and to staff out of scope', async () => {
    for (const who of [undefined, 'hp-admin']) {
      const res = await app.gql(LIAISONS, { u: await unitId(app, 'TJ') }, who);
      const users = res.data!.liaisonOfficers.nodes.map((n: any) => n.user).filter(Boolean);
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u: any) => u.username === null && u.displayName)).toBe(true);
      expect(res.extensions!.redactions).toContainEqual({
        path: expect.arrayContaining(['user', 'username']),
        reason: expect.stringMatching(/staff over its unit/),
      });
    }
    const staff = await app.gql(LIAISONS, { u: await unitId(app, 'TJ') }, 'tj-admin');
    expect(staff.data!.liaisonOfficers.nodes.map((n: any) => n.user?.username)).toContain('tj-office-liaison');
  });

  it('refuses to filter the audit trail by a login the caller may not read, as it refuses an unknown one', async () => {
    const Q = `query($a: String) { auditTrail(actorUsername: $a, first: 5) { totalCount } }`;
    await app.gql(
      `mutation($input: UpdateOrgUnitInput!) { updateOrgUnit(input: $input) { version } }`,
      { input: { id: await unitId(app, 'TJ-JSC'), expectedVersion: 1, name: '技术处' } },
      'admin',
    );
    const central = await app.gql(Q, { a: 'admin' }, 'tj-admin');
    const unknown = await app.gql(Q, { a: 'no-such-user' }, 'tj-admin');
    expect(codes(central)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toBe(central.errors![0].message);
    expect(codes(await app.gql(Q, { a: 'tj-office-liaison' }, 'tj-admin'))).toEqual([]);
    expect(ok(await app.gql(Q, { a: 'admin' }, 'admin')).auditTrail.totalCount).toBeGreaterThan(0);
    // The trail still lists admin's change to tj-admin, without admin's login.
    const rows = await app.gql(`{ auditTrail(first: 50) { nodes { action actorUsername } } }`, {}, 'tj-admin');
    const update = rows.data!.auditTrail.nodes.find((r: any) => r.action === 'organisation.updateOrgUnit');
    expect(update).toEqual({ action: 'organisation.updateOrgUnit', actorUsername: null });
  });
});
