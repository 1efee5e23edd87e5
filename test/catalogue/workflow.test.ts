import { toGlobalId } from '../../src/common/global-id';
import { loadPrincipal } from '../../src/modules/organisation';
import { todayInChina } from '../../src/modules/catalogue';
import { catalogueTaskProviders } from '../../src/modules/catalogue/catalogue.tasks';
import { codes, TestApp, unitId } from '../helpers/app';
import { rawId } from '../helpers/factories';
import { categoryId, CREATE, GET, ok, PUBLISH, RETIRE, REVIEW, SUBMIT, UPDATE } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

async function draft(as: string, unitCode: string, category: string, extra: Record<string, unknown> = {}) {
  const res = await app.gql(
    CREATE,
    {
      input: {
        categoryId: await categoryId(app, category),
        ownerUnitId: await unitId(app, unitCode),
        title: '天津海关办公室值班和咨询电话',
        body: '值班电话：022-84201114\n\n通关110服务热线。',
        channels: ['NOTICE_BOARD', 'PORTAL', 'HOTLINE'],
        legalBasis: '《中华人民共和国海关关务公开办法》',
        formedDate: '2025-09-26',
        ...extra,
      },
    },
    as,
  );
  return ok(res).createDisclosureItem;
}

async function reviewBoth(id: string) {
  ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '经审核，同意公开' } }, 'tj-legal'));
  return ok(await app.gql(REVIEW, { input: { itemId: id, decision: 'PASS', comment: '不涉及国家秘密' } }, 'tj-secrecy')).reviewDisclosureItem;
}

/** Row state used to prove that a refused change wrote nothing. */
async function state(id: string) {
  const [row] = await app.sql('select status, version, is_public, title from disclosure_item where id = $1', [rawId(id)]);
  const [{ n }] = await app.sql('select count(*)::int as n from disclosure_revision where item_id = $1', [rawId(id)]);
  return { ...row, revisions: n };
}

describe('the two-level publishing workflow by the demo users', () => {
  it('drafts, reviews and publishes a division-level item of 天津海关 办公室', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C1');
    expect(item).toMatchObject({ status: 'DRAFT', level: 'DIVISION', mode: 'STANDING', version: 1, ownerUnit: { code: 'TJ-BGS' }, category: { code: 'C1' } });
    // 20 working days from Fri 2025-09-26 across 国庆 (Oct 1–8 off, Sep 28 and Oct 11 working).
    expect(item.publishDeadline).toBe('2025-10-30');
    expect(item.nextMaintenanceDate).toBe('2026-03-26'); // C1 is checked every 6 months

    const submitted = ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison')).submitForReview;
    expect(submitted.status).toBe('IN_REVIEW');
    const legal = ok(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: '法律依据准确' } }, 'tj-legal')).reviewDisclosureItem;
    expect(legal.status).toBe('IN_REVIEW');
    const secrecy = ok(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy')).reviewDisclosureItem;
    expect(secrecy.status).toBe('APPROVED');
    expect(secrecy.reviews.map((r: any) => [r.kind, r.decision, r.round])).toEqual([
      ['LEGAL', 'PASS', 1],
      ['SECRECY', 'PASS', 1],
    ]);

    const published = ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher')).publishDisclosureItem;
    expect(published.status).toBe('PUBLISHED');
    expect(published.publishedAt).toBeTruthy();

    const anon = await app.gql(GET, { id: item.id });
    expect(anon.data!.disclosureItem).toMatchObject({ title: '天津海关办公室值班和咨询电话', status: null, version: null, reviews: null, revisions: null });
    const [row] = await app.sql(`select count(*)::int as n from audit_record where target_id = $1`, [item.id]);
    expect(row.n).toBe(5); // create, submit, two reviews, publish
  });

  it('lets tj-publisher publish an office-level item of 天津海关, which tj-office-publisher cannot even see', async () => {
    const item = await draft('tj-publisher', 'TJ', 'C6', { title: '天津海关对外服务承诺' });
    expect(item.level).toBe('OFFICE');
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-publisher'));
    expect((await reviewBoth(item.id)).status).toBe('APPROVED');
    const before = await state(item.id);
    const denied = await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher');
    expect(codes(denied)).toEqual(['NOT_FOUND']);
    const hp = await app.gql(PUBLISH, { id: item.id }, 'hp-publisher');
    expect(codes(hp)).toEqual(['NOT_FOUND']);
    expect(await state(item.id)).toEqual(before);
    expect(ok(await app.gql(PUBLISH, { id: item.id }, 'tj-publisher')).publishDisclosureItem.status).toBe('PUBLISHED');
    // Once public, other offices see it but still cannot touch it.
    const retire = await app.gql(RETIRE, { id: item.id }, 'hp-publisher');
    expect(codes(retire)).toEqual(['FORBIDDEN']);
    const retireDiv = await app.gql(RETIRE, { id: item.id }, 'tj-office-publisher');
    expect(codes(retireDiv)).toEqual(['FORBIDDEN']);
  });

  it('refuses each role’s forbidden transitions and changes nothing', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C5.2', { title: '关长信箱和举报电话' });
    const before = await state(item.id);
    // Wrong role for the transition: FORBIDDEN.
    expect(codes(await app.gql(PUBLISH, { id: item.id }, 'tj-office-liaison'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: 'x' } }, 'tj-office-liaison'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(SUBMIT, { id: item.id }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(SUBMIT, { id: item.id }, 'tj-inspector'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(UPDATE, { input: { id: item.id, expectedVersion: 1, title: '改' } }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(SUBMIT, { id: item.id }))).toEqual(['UNAUTHENTICATED']);
    // Right role, wrong state: FAILED_PRECONDITION naming what is missing.
    const early = await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: 'x' } }, 'tj-legal');
    expect(codes(early)).toEqual(['FAILED_PRECONDITION']);
    expect(early.errors![0].message).toBe('只有审核中的事项才能审核（当前状态：草稿）');
    expect(codes(await app.gql(PUBLISH, { id: item.id }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);
    expect(codes(await app.gql(RETIRE, { id: item.id }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);
    // Out of scope: NOT_FOUND.
    expect(codes(await app.gql(SUBMIT, { id: item.id }, 'dg-liaison'))).toEqual(['NOT_FOUND']);
    expect(await state(item.id)).toEqual(before);

    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    const inReview = await state(item.id);
    expect(codes(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'))).toEqual(['FAILED_PRECONDITION']);
    expect(codes(await app.gql(UPDATE, { input: { id: item.id, expectedVersion: inReview.version, title: '改' } }, 'tj-office-liaison'))).toEqual([
      'FAILED_PRECONDITION',
    ]);
    expect(codes(await app.gql(PUBLISH, { id: item.id }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);
    // A secrecy reviewer cannot record the legal review.
    expect(codes(await app.gql(REVIEW, { input: { itemId: item.id, kind: 'LEGAL', decision: 'PASS', comment: 'x' } }, 'tj-secrecy'))).toEqual(['FORBIDDEN']);
    ok(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    const afterLegal = await state(item.id);
    const twice = await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: '再次' } }, 'tj-legal');
    expect(codes(twice)).toEqual(['FAILED_PRECONDITION']);
    expect(twice.errors![0].message).toBe('本轮法规处审核已经完成');
    expect(codes(await app.gql(PUBLISH, { id: item.id }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);
    expect(await state(item.id)).toEqual(afterLegal);
  });

  it('returns an item to its author with the comment, as a liaison task, and takes it back', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C3.3', { title: '海关行政性收费项目', formedDate: '2025-01-24' });
    expect(item.publishDeadline).toBe('2025-02-27'); // across 春节 (Jan 28–Feb 4 off, Jan 26 and Feb 8 working)
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    const returned = ok(
      await app.gql(REVIEW, { input: { itemId: item.id, decision: 'RETURN', comment: '请补充收费依据文号' } }, 'tj-legal'),
    ).reviewDisclosureItem;
    expect(returned.status).toBe('RETURNED');
    // The secrecy reviewer can no longer act on this round.
    expect(codes(await app.gql(REVIEW, { input: { itemId: item.id, decision: 'PASS', comment: 'x' } }, 'tj-secrecy'))).toEqual(['FAILED_PRECONDITION']);

    const [unit] = await app.sql(`select id, path from org_unit where code = 'TJ-BGS'`);
    const [{ id: liaisonId }] = await app.sql(`select id from app_user where username = 'tj-office-liaison'`);
    const liaison = await loadPrincipal(app.em(), liaisonId);
    const tasks = (await Promise.all(catalogueTaskProviders.map((p) => p({ em: app.em(), auth: liaison!, requestId: 't' }, [unit], todayInChina()))))
      .flat()
      .filter((t) => t.targetId === item.id);
    expect(tasks.map((t) => [t.kind, t.detail])).toEqual(
      expect.arrayContaining([
        ['ITEM_RETURNED', '请补充收费依据文号'],
        ['ITEM_OVERDUE', '逾期未公开'],
      ]),
    );

    const fixed = ok(
      await app.gql(
        UPDATE,
        { input: { id: item.id, expectedVersion: (await state(item.id)).version, legalBasis: '发改价格〔2006〕532号' } },
        'tj-office-liaison',
      ),
    ).updateDisclosureItem;
    expect(fixed.status).toBe('RETURNED');
    expect(ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison')).submitForReview.status).toBe('IN_REVIEW');
    const round2 = await reviewBoth(item.id);
    expect(round2.status).toBe('APPROVED');
    expect(round2.reviews.filter((r: any) => r.round === 2).map((r: any) => r.decision)).toEqual(['PASS', 'PASS']);
  });

  it('keeps the published text live while a new revision is drafted, with field-level diffs', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C1', { title: '值班电话（旧）' });
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    await reviewBoth(item.id);
    ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher'));
    const v = (await state(item.id)).version;
    const edited = ok(
      await app.gql(UPDATE, { input: { id: item.id, expectedVersion: v, title: '值班电话（新）', channels: ['PORTAL'] } }, 'tj-office-liaison'),
    ).updateDisclosureItem;
    expect(edited).toMatchObject({ title: '值班电话（新）', status: 'DRAFT', hasUnpublishedChanges: true, channels: ['PORTAL'], formedDate: todayInChina() });

    const anon = ok(await app.gql(GET, { id: item.id })).disclosureItem;
    expect(anon).toMatchObject({ title: '值班电话（旧）', channels: ['NOTICE_BOARD', 'PORTAL', 'HOTLINE'], status: null });
    const hp = ok(await app.gql(GET, { id: item.id }, 'hp-admin')).disclosureItem;
    expect(hp.title).toBe('值班电话（旧）');
    const listed = ok(await app.gql(`{ disclosureItems(search: "值班电话（旧）", first: 5) { nodes { id title } } }`));
    expect(listed.disclosureItems.nodes).toEqual([{ id: item.id, title: '值班电话（旧）' }]);

    const staff = ok(await app.gql(GET, { id: item.id }, 'tj-office-liaison')).disclosureItem;
    expect(staff.revisions.map((r: any) => r.action)).toEqual(['create', 'submit', 'review.LEGAL.PASS', 'review.SECRECY.PASS', 'publish', 'update']);
    const last = staff.revisions.at(-1);
    expect(last.changedByUsername).toBe('tj-office-liaison');
    expect(last.changes).toEqual(
      expect.arrayContaining([
        { path: 'title', type: 'CHANGE', before: '值班电话（旧）', after: '值班电话（新）' },
        { path: 'status', type: 'CHANGE', before: 'PUBLISHED', after: 'DRAFT' },
      ]),
    );

    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    await reviewBoth(item.id);
    ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher'));
    expect(ok(await app.gql(GET, { id: item.id })).disclosureItem.title).toBe('值班电话（新）');

    ok(await app.gql(RETIRE, { id: item.id }, 'tj-office-publisher'));
    expect(codes(await app.gql(GET, { id: item.id }))).toEqual(['NOT_FOUND']);
  });

  it('catches a concurrent update with CONFLICT and overwrites nothing', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C1', { title: '原标题' });
    const [a, b] = await Promise.all([
      app.gql(UPDATE, { input: { id: item.id, expectedVersion: 1, title: '甲的修改' } }, 'tj-office-liaison'),
      app.gql(UPDATE, { input: { id: item.id, expectedVersion: 1, title: '乙的修改' } }, 'tj-office-publisher'),
    ]);
    const results = [a, b];
    expect(results.map(codes).sort()).toEqual([[], ['CONFLICT']]);
    const winner = results.find((r) => !r.errors)!.data!.updateDisclosureItem.title;
    const s = await state(item.id);
    expect(s).toMatchObject({ title: winner, version: 2, revisions: 2 });
    const stale = await app.gql(UPDATE, { input: { id: item.id, expectedVersion: 1, title: '丙' } }, 'tj-office-liaison');
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(await state(item.id)).toEqual(s);
  });

  it('files a withholding request with the superior unit, which rules on it', async () => {
    const item = await draft('tj-office-liaison', 'TJ-BGS', 'C5.3', { title: '违纪处理情况通报' });
    ok(await app.gql(SUBMIT, { id: item.id }, 'tj-office-liaison'));
    await reviewBoth(item.id);
    ok(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher'));
    const REQ = `mutation($id: ID!, $r: String!) { requestWithholding(itemId: $id, reason: $r) { id mode withholding { status reason } } }`;
    const RULE = `mutation($input: RuleOnWithholdingInput!) { ruleOnWithholding(input: $input) { id mode withholding { status rulingReasons } } }`;
    expect(codes(await app.gql(REQ, { id: item.id, r: '  ' }, 'tj-office-liaison'))).toEqual(['BAD_USER_INPUT']);
    const req = ok(await app.gql(REQ, { id: item.id, r: '涉及正在调查的案件' }, 'tj-office-liaison')).requestWithholding;
    expect(req).toMatchObject({ mode: 'WITHHELD', withholding: { status: 'PENDING', reason: '涉及正在调查的案件' } });
    // Pending: still public (only the superior's ruling withholds), and not forgotten.
    expect(codes(await app.gql(GET, { id: item.id }))).toEqual([]);
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_item where withholding_status = 'PENDING' and id = $1`, [rawId(item.id)]);
    expect(n).toBe(1);
    expect(codes(await app.gql(PUBLISH, { id: item.id }, 'tj-office-publisher'))).toEqual(['FAILED_PRECONDITION']);

    const rule = (as: string) => app.gql(RULE, { input: { itemId: item.id, ruling: 'DISCLOSE', reasons: '案件已办结，可以公开' } }, as);
    expect(codes(await rule('tj-office-liaison'))).toEqual(['FORBIDDEN']);
    // Still public while pending, so another district's admin is told it may not, not that it is missing.
    expect(codes(await rule('hp-admin'))).toEqual(['FORBIDDEN']);
    const ruled = ok(await rule('tj-admin')).ruleOnWithholding;
    expect(ruled).toMatchObject({ mode: 'STANDING', withholding: { status: 'DISCLOSE', rulingReasons: '案件已办结，可以公开' } });
    const anon = await app.gql(GET, { id: item.id });
    expect(anon.data!.disclosureItem.withholding).toBeNull();
    expect(anon.extensions!.redactions).toEqual(
      expect.arrayContaining([{ path: ['disclosureItem', 'withholding'], reason: 'Visible only to the requesting unit and the superior unit that rules' }]),
    );
    expect(codes(await rule('tj-admin'))).toEqual(['FAILED_PRECONDITION']);
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const count = async () => (await app.sql('select count(*)::int as n from disclosure_item'))[0].n;
    const before = await count();
    const base = {
      categoryId: await categoryId(app, 'C1'),
      ownerUnitId: await unitId(app, 'TJ-BGS'),
      title: '标题',
      body: '正文',
      channels: ['PORTAL'],
      formedDate: '2025-09-26',
    };
    const fieldsOf = async (input: Record<string, unknown>) => {
      const res = await app.gql(CREATE, { input: { ...base, ...input } }, 'tj-office-liaison');
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      return res.errors![0].extensions!.fields.map((f: any) => f.field);
    };
    expect(await fieldsOf({ title: '   ' })).toEqual(['input.title']);
    expect(await fieldsOf({ body: '公'.repeat(70_000) })).toEqual(['input.body']); // 210 000 bytes in UTF-8
    expect(await fieldsOf({ categoryId: toGlobalId('CatalogueCategory', 99999) })).toEqual(['input.categoryId']);
    expect(await fieldsOf({ categoryId: 'bm9wZQ' })).toEqual(['input.categoryId']);
    expect(await fieldsOf({ ownerUnitId: toGlobalId('OrgUnit', 99999) })).toEqual(['input.ownerUnitId']);
    expect(await fieldsOf({ categoryId: await categoryId(app, 'C6') })).toEqual(['input.categoryId']); // 对外承诺 is 关级 only
    expect(await fieldsOf({ mode: 'PERIODIC' })).toEqual(['input.cadence']);
    expect(await fieldsOf({ mode: 'STANDING', cadence: 'MONTHLY' })).toEqual(['input.cadence']);
    expect(await fieldsOf({ mode: 'WITHHELD' })).toEqual(['input.mode']);
    expect(await fieldsOf({ formedDate: '2999-01-01' })).toEqual(['input.formedDate']);
    expect(await fieldsOf({ channels: [] })).toEqual(['input.channels']);
    const list = await app.gql(`{ disclosureItems(publishedFrom: "2025-12-01", publishedTo: "2025-01-01") { totalCount } }`);
    expect(codes(list)).toEqual(['BAD_USER_INPUT']);
    expect(list.errors![0].extensions!.fields[0].field).toBe('publishedTo');
    expect(await count()).toBe(before);

    const periodic = ok(
      await app.gql(CREATE, { input: { ...base, categoryId: await categoryId(app, 'C2.9'), mode: 'PERIODIC', cadence: 'QUARTERLY' } }, 'tj-office-liaison'),
    ).createDisclosureItem;
    expect(periodic).toMatchObject({ mode: 'PERIODIC', cadence: 'QUARTERLY', nextDueDate: '2025-12-26', nextMaintenanceDate: null });
  });
});
