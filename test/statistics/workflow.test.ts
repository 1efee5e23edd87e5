import { toGlobalId } from '../../src/common/global-id';
import { Principal } from '../../src/auth/principal';
import { TaskKind } from '../../src/common/tasks';
import { statisticsNotSubmitted } from '../../src/modules/statistics/statistics.tasks';
import { codes, TestApp, unitId } from '../helpers/app';
import { ACCEPT, LIST, newKey, RETURN, SAVE, SUBMIT } from './helpers';

let app: TestApp;
let dg: string;
beforeAll(async () => {
  app = await TestApp.create();
  dg = await unitId(app, 'HP-DG');
});
afterAll(() => app.close());

const figures = { 'proactive.total': 1500, 'proactive.portal': 700, 'staff.fullTime': 2, 'staff.partTime': 15 };

describe('workflow and visibility per role', () => {
  let id: string;
  let version: number;

  it('a liaison saves a draft of its unit, but not of another unit', async () => {
    const res = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures } }, 'dg-liaison');
    expect(res.errors).toBeUndefined();
    expect(res.data!.saveAnnualStatistics).toMatchObject({ status: 'DRAFT', revision: 1, template: { code: 'CUSTOMS-2009' }, warnings: [] });
    ({ id, version } = res.data!.saveAnnualStatistics);
    const other = await app.gql(SAVE, { input: { unitId: await unitId(app, 'HP-XT'), year: 2010, figures } }, 'dg-liaison');
    expect(codes(other)).toEqual(['BAD_USER_INPUT']);
    expect(other.errors![0].extensions!.fields).toEqual([
      {
        field: 'input.unitId',
        message: expect.stringMatching(/^您不能填报.+的统计数据：需要对其拥有联络员或政务公开办公室管理员角色$/),
        messageKey: 'statistics.save.notReporter',
      },
    ]);
    const nowhere = await app.gql(SAVE, { input: { unitId: toGlobalId('OrgUnit', 999999), year: 2010, figures } }, 'dg-liaison');
    expect(nowhere.errors![0].extensions!.fields).toEqual([{ field: 'input.unitId', message: '不是已有的单位', messageKey: 'statistics.save.unknownUnit' }]);
    const written = await app.sql(
      `select count(*)::int as n from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP-XT' and s.year = 2010`,
    );
    expect(written[0].n).toBe(0);
    const publisher = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures } }, 'hp-publisher');
    expect(codes(publisher)).toEqual(['FORBIDDEN']);
  });

  it('shows drafts only to the unit’s staff and its superiors', async () => {
    const vars = { unitId: dg, year: 2010 };
    for (const who of ['dg-liaison', 'hp-admin', 'hp-publisher', 'admin']) {
      const res = await app.gql(LIST, vars, who);
      expect([who, res.data!.annualStatistics.map((s: any) => s.status)]).toEqual([who, ['DRAFT']]);
    }
    for (const who of ['tj-admin', 'xn-admin', null]) {
      const res = await app.gql(LIST, vars, who);
      expect([who, res.data!.annualStatistics]).toEqual([who, []]);
    }
    const node = await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, 'tj-admin');
    expect(codes(node)).toEqual(['NOT_FOUND']);
  });

  it('a stale version is a conflict; a submitted revision cannot be edited (FAILED_PRECONDITION)', async () => {
    const saved = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures, expectedVersion: version } }, 'dg-liaison');
    expect(saved.errors).toBeUndefined();
    const stale = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures, expectedVersion: version } }, 'dg-liaison');
    expect(codes(stale)).toEqual(['CONFLICT']);
    version = saved.data!.saveAnnualStatistics.version;
    const sub = await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey(), expectedVersion: version } }, 'dg-liaison');
    expect(sub.data!.submitAnnualStatistics.status).toBe('SUBMITTED');
    const edit = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures } }, 'dg-liaison');
    expect(codes(edit)).toEqual(['FAILED_PRECONDITION']);
  });

  it('only an OFFICE_ADMIN over the parent reviews: the liaison may not, a foreign admin sees nothing', async () => {
    expect(codes(await app.gql(ACCEPT, { input: { id } }, 'dg-liaison'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(ACCEPT, { input: { id } }, 'tj-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(RETURN, { input: { id, comment: '' } }, 'hp-admin'))).toEqual(['BAD_USER_INPUT']);
    const ret = await app.gql(RETURN, { input: { id, comment: '请补报培训情况' } }, 'hp-admin');
    expect(ret.data!.returnAnnualStatistics).toMatchObject({ status: 'RETURNED', reviewComment: '请补报培训情况' });
    const seen = await app.gql(LIST, { unitId: dg, year: 2010 }, 'dg-liaison');
    expect(seen.data!.annualStatistics[0]).toMatchObject({ status: 'RETURNED', reviewComment: '请补报培训情况' });
  });

  it('returned figures are fixed, resubmitted and accepted; accepted figures are frozen and a correction is a new revision', async () => {
    const fixed = await app.gql(
      SAVE,
      { input: { unitId: dg, year: 2010, figures: { ...figures, 'training.sessions': 2, 'training.participants': 40 } } },
      'dg-liaison',
    );
    expect(fixed.data!.saveAnnualStatistics).toMatchObject({ id, status: 'DRAFT', revision: 1 });
    expect((await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'dg-liaison')).errors).toBeUndefined();
    const acc = await app.gql(ACCEPT, { input: { id, comment: '同意' } }, 'hp-admin');
    expect(acc.data!.acceptAnnualStatistics.status).toBe('ACCEPTED');
    expect(codes(await app.gql(ACCEPT, { input: { id } }, 'hp-admin'))).toEqual(['FAILED_PRECONDITION']);
    expect(codes(await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'dg-liaison'))).toEqual(['FAILED_PRECONDITION']);

    const noReason = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures } }, 'dg-liaison');
    expect(noReason.errors![0].extensions!.fields).toEqual([
      { field: 'input.correctionReason', message: '更正已接收的数据时必填', messageKey: 'statistics.save.correctionReasonRequired' },
    ]);
    const blankReason = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures, correctionReason: '   ' } }, 'dg-liaison');
    expect(blankReason.errors![0].extensions!.fields).toEqual([
      { field: 'input.correctionReason', message: '更正已接收的数据时必填', messageKey: 'statistics.save.correctionReasonRequired' },
    ]);
    const corr = await app.gql(
      SAVE,
      { input: { unitId: dg, year: 2010, figures: { ...figures, 'proactive.total': 1510 }, correctionReason: '漏报 10 条' } },
      'dg-liaison',
    );
    expect(corr.data!.saveAnnualStatistics).toMatchObject({ status: 'DRAFT', revision: 2, correctionReason: '漏报 10 条' });
    const corrId = corr.data!.saveAnnualStatistics.id;
    const again = await app.gql(SAVE, { input: { unitId: dg, year: 2010, figures: { ...figures, 'proactive.total': 1510 } } }, 'dg-liaison');
    expect(again.data!.saveAnnualStatistics).toMatchObject({ id: corrId, revision: 2, correctionReason: '漏报 10 条' });
    await app.gql(SUBMIT, { input: { id: corrId, idempotencyKey: newKey() } }, 'dg-liaison');
    expect((await app.gql(ACCEPT, { input: { id: corrId } }, 'hp-admin')).errors).toBeUndefined();
    const rows = await app.sql(`select revision, status, figures->>'proactive.total' as total from annual_statistics
      where unit_id = (select id from org_unit where code = 'HP-DG') and year = 2010 order by revision`);
    expect(rows).toEqual([
      { revision: 1, status: 'SUPERSEDED', total: '1500' },
      { revision: 2, status: 'ACCEPTED', total: '1510' },
    ]);
    const audit = await app.sql(`select action from audit_record where target_id in ($1, $2) order by id`, [id, corrId]);
    expect(audit.map((a) => a.action)).toEqual([
      'statistics.saveAnnualStatistics',
      'statistics.saveAnnualStatistics',
      'statistics.submitAnnualStatistics',
      'statistics.returnAnnualStatistics',
      'statistics.saveAnnualStatistics',
      'statistics.submitAnnualStatistics',
      'statistics.acceptAnnualStatistics',
      'statistics.saveAnnualStatistics',
      'statistics.saveAnnualStatistics',
      'statistics.submitAnnualStatistics',
      'statistics.acceptAnnualStatistics',
    ]);
  });

  it('a district’s own figures are accepted above it, not by its own admin', async () => {
    const saved = await app.gql(SAVE, { input: { unitId: await unitId(app, 'HP'), year: 2010, figures } }, 'hp-admin');
    const hpId = saved.data!.saveAnnualStatistics.id;
    await app.gql(SUBMIT, { input: { id: hpId, idempotencyKey: newKey() } }, 'hp-admin');
    expect(codes(await app.gql(ACCEPT, { input: { id: hpId } }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect((await app.gql(ACCEPT, { input: { id: hpId } }, 'admin')).errors).toBeUndefined();
  });

  it('accepted figures of a published report are public; internal fields are redacted', async () => {
    const hp = await app.gql(LIST, { unitId: await unitId(app, 'HP'), year: 2009 });
    expect(hp.errors).toBeUndefined();
    expect(hp.data!.annualStatistics).toHaveLength(1);
    expect(hp.data!.annualStatistics[0]).toMatchObject({ status: 'ACCEPTED', reviewComment: null });
    expect(hp.data!.annualStatistics[0].figures['proactive.total']).toBe(5846);
    expect(hp.extensions!.redactions).toEqual([{ path: ['annualStatistics', 0, 'reviewComment'], reason: expect.any(String) }]);
    // Accepted, but its unit published no report for the year: not public.
    expect((await app.gql(LIST, { unitId: dg, year: 2009 })).data!.annualStatistics).toEqual([]);
    expect((await app.gql(LIST, { unitId: dg, year: 2009 }, 'hp-admin')).data!.annualStatistics).toHaveLength(1);
  });
});

describe('idempotent submission', () => {
  it('20 concurrent identical submits record one submission and return the same submitted row', async () => {
    const saved = await app.gql(SAVE, { input: { unitId: dg, year: 2011, figures } }, 'dg-liaison');
    const id = saved.data!.saveAnnualStatistics.id;
    const idempotencyKey = newKey();
    const results = await Promise.all(Array.from({ length: 20 }, () => app.gql(SUBMIT, { input: { id, idempotencyKey } }, 'dg-liaison')));
    for (const r of results) {
      expect(r.errors).toBeUndefined();
      expect(r.data!.submitAnnualStatistics).toMatchObject({ id, status: 'SUBMITTED' });
    }
    const subs = await app.sql(`select count(*)::int as n from statistics_submission where idempotency_key = $1`, [idempotencyKey]);
    expect(subs[0].n).toBe(1);
    const audit = await app.sql(`select count(*)::int as n from audit_record where action = 'statistics.submitAnnualStatistics' and target_id = $1`, [id]);
    expect(audit[0].n).toBe(1);
    // The same key replayed later still does nothing; a new key on a submitted revision is a conflict.
    expect((await app.gql(SUBMIT, { input: { id, idempotencyKey } }, 'dg-liaison')).errors).toBeUndefined();
    expect(codes(await app.gql(SUBMIT, { input: { id, idempotencyKey: newKey() } }, 'dg-liaison'))).toEqual(['FAILED_PRECONDITION']);
  });
});

describe('STATISTICS_NOT_SUBMITTED task provider', () => {
  it('lists units without submitted or accepted statistics for last year, in one statement', async () => {
    const rows = await app.sql<{ id: number; path: string; code: string }>(
      `select id, path, code from org_unit where code in ('HP-DG', 'HP-LG', 'HP-KFQ', 'HP-JSJ', 'HP-BGS-ZWGK') order by id`,
    );
    const ctx = { em: app.em(), auth: Principal.anonymous(), requestId: 't' };
    const { result, statements } = await app.countStatements(() =>
      statisticsNotSubmitted(
        ctx,
        rows.map((r) => ({ id: r.id, path: r.path })),
        '2010-03-01',
      ),
    );
    expect(statements).toBe(1);
    const codeOf = new Map(rows.map((r) => [r.id, r.code]));
    // HP-DG accepted, HP-LG submitted; HP-KFQ was returned and HP-JSJ never reported; a section is not expected to report.
    expect(result.map((t) => codeOf.get(t.unitId))).toEqual(['HP-KFQ', 'HP-JSJ']);
    expect(result[0]).toMatchObject({
      kind: TaskKind.STATISTICS_NOT_SUBMITTED,
      dueDate: '2010-01-31',
      targetType: 'OrgUnit',
      title: expect.stringContaining('2009'),
    });
  });
});
