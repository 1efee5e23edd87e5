import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../../src/common/errors';
import { toGlobalId } from '../../src/common/global-id';
import type { ServiceContext } from '../../src/common/context';
import { loadPrincipal } from '../../src/modules/organisation';
import { AnnualStatisticsSave, AnnualStatisticsWorkflow } from '../../src/modules/statistics';
import { ReportWorkflowService } from '../../src/modules/statistics/report-workflow.service';
import { codes, TestApp, unitId } from '../helpers/app';
import { ACCEPT, approveReport, newKey, REVIEW_REPORT, SAVE, SUBMIT, SUBMIT_REPORT } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ROLLBACK = new Error('rollback');

/** Runs `work` as `userId` in a transaction that is always rolled back: did it succeed, or which code refused it? */
async function attempt(userId: number, work: (ctx: ServiceContext) => Promise<unknown>): Promise<string> {
  let outcome = '';
  await app
    .em()
    .transactional(async (tem) => {
      const auth = (await loadPrincipal(tem as EntityManager, userId))!;
      try {
        await work({ em: tem as EntityManager, auth, requestId: 'viewer-can' });
        outcome = 'OK';
      } catch (err) {
        if (!(err instanceof PublicError)) throw err;
        outcome = err.code === 'BAD_USER_INPUT' ? `${err.code}: ${err.message}` : err.code;
      }
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
  return outcome;
}

async function ok(res: Promise<{ errors?: unknown; data?: Record<string, any> | null }>) {
  const r = await res;
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return r.data!;
}

/** Compares viewerCan with every mutation's outcome for every active user; answers the mismatches and the outcomes seen. */
async function compare<R extends { state: string }, A extends string>(
  rows: R[],
  actions: readonly A[],
  viewerCan: (row: R, username: string) => Promise<Partial<Record<A, boolean>>>,
  run: (userId: number, action: A, row: R) => Promise<string>,
): Promise<{ mismatches: string[]; seen: Map<string, number> }> {
  const users = await app.sql<{ id: number; username: string }>(`select id, username from app_user where active order by username`);
  const mismatches: string[] = [];
  const seen = new Map<string, number>();
  for (const user of users) {
    for (const row of rows) {
      const can = await viewerCan(row, user.username);
      for (const action of actions) {
        const outcome = await run(user.id, action, row);
        seen.set(outcome.split(':')[0], (seen.get(outcome.split(':')[0]) ?? 0) + 1);
        if ((outcome === 'OK') !== !!can[action])
          mismatches.push(`${user.username} ${action} on ${row.state}: viewerCan ${!!can[action]}, mutation ${outcome}`);
      }
    }
  }
  return { mismatches, seen };
}

const STATISTICS_ACTIONS = ['save', 'submit', 'accept', 'return', 'correct'] as const;
type StatisticsAction = (typeof STATISTICS_ACTIONS)[number];
interface StatisticsRow {
  id: number;
  version: number;
  unit_id: number;
  year: number;
  state: string;
}

/** Each statistics mutation with valid input (empty figures pass every check), through the service its resolver calls. */
const RUN_STATISTICS: Record<StatisticsAction, (ctx: ServiceContext, r: StatisticsRow) => Promise<unknown>> = {
  save: (ctx, r) => new AnnualStatisticsSave(ctx).save({ unitId: toGlobalId('OrgUnit', r.unit_id), year: r.year, figures: {}, expectedVersion: r.version }),
  submit: (ctx, r) =>
    new AnnualStatisticsWorkflow(ctx).submit({ id: toGlobalId('AnnualStatistics', r.id), idempotencyKey: newKey(), expectedVersion: r.version }),
  accept: (ctx, r) => new AnnualStatisticsWorkflow(ctx).accept({ id: toGlobalId('AnnualStatistics', r.id), expectedVersion: r.version, comment: '同意' }),
  return: (ctx, r) =>
    new AnnualStatisticsWorkflow(ctx).returnForRevision({ id: toGlobalId('AnnualStatistics', r.id), expectedVersion: r.version, comment: '请核实' }),
  // A save with a reason corrects this revision when the revision it writes supersedes it (a plain save of a draft, or a
  // correction of a later accepted revision, is not a correction of this one).
  correct: async (ctx, r) => {
    const saved = await new AnnualStatisticsSave(ctx).save({
      unitId: toGlobalId('OrgUnit', r.unit_id),
      year: r.year,
      figures: {},
      correctionReason: '更正录入错误',
    });
    if (saved.supersedesId !== r.id) throw new NotThisRevision();
  },
};

/** The mutation succeeded but did not act on the revision asked about. */
class NotThisRevision extends PublicError {
  readonly code = 'NOT_THIS_REVISION';
  constructor() {
    super('not this revision', {});
  }
}

const REPORT_ACTIONS = ['edit', 'submit', 'review', 'publish'] as const;
type ReportAction = (typeof REPORT_ACTIONS)[number];
interface ReportRow {
  unit_id: number;
  year: number;
  version: number;
  state: string;
}

const reportRef = (r: ReportRow) => ({ unitId: toGlobalId('OrgUnit', r.unit_id), year: r.year, expectedVersion: r.version });

describe('AnnualStatistics.viewerCan', () => {
  it('is true exactly when the mutation succeeds, for every demo user and every revision state', async () => {
    // States the demo world lacks: a correction in progress, a correction waiting for review, a superseded revision, and a clean draft.
    const ref = async (code: string, year: number) => ({ unitId: await unitId(app, code), year });
    const save = async (as: string, input: Record<string, unknown>) => (await ok(app.gql(SAVE, { input: { figures: {}, ...input } }, as))).saveAnnualStatistics;
    const draft = await save('tj-admin', { ...(await ref('TJ-JCHG', 2017)), correctionReason: '更正录入错误' });
    // Saved twice so its version differs from the accepted revision's (a save names the version it edits).
    await save('tj-admin', { ...(await ref('TJ-JCHG', 2017)), expectedVersion: draft.version });
    const waiting = await save('hp-admin', { ...(await ref('HP-XT', 2009)), correctionReason: '更正录入错误' });
    await ok(app.gql(SUBMIT, { input: { id: waiting.id, idempotencyKey: newKey() } }, 'hp-admin'));
    const replacing = await save('hp-admin', { ...(await ref('HP-BGS', 2009)), correctionReason: '更正录入错误' });
    await ok(app.gql(SUBMIT, { input: { id: replacing.id, idempotencyKey: newKey() } }, 'hp-admin'));
    await ok(app.gql(ACCEPT, { input: { id: replacing.id, comment: '同意' } }, 'hp-admin'));
    await save('dg-liaison', await ref('HP-DG', 2011));

    const rows = await app.sql<StatisticsRow>(
      `select s.id, s.version, s.unit_id, s.year, u.code || ' ' || s.year || ' r' || s.revision || ' ' || s.status as state
         from annual_statistics s join org_unit u on u.id = s.unit_id order by s.id`,
    );
    expect(new Set(rows.map((r) => r.state.split(' ')[3]))).toEqual(new Set(['DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED', 'SUPERSEDED']));
    const query = `query($id: ID!) { node(id: $id) { ... on AnnualStatistics { viewerCan { ${STATISTICS_ACTIONS.join(' ')} } } } }`;
    const { mismatches, seen } = await compare(
      rows,
      STATISTICS_ACTIONS,
      async (row, username) => {
        const res = await app.gql(query, { id: toGlobalId('AnnualStatistics', row.id) }, username);
        if (res.errors) expect(codes(res)).toEqual(['NOT_FOUND']);
        return res.data?.node?.viewerCan ?? {};
      },
      (userId, action, row) => attempt(userId, (ctx) => RUN_STATISTICS[action](ctx, row)),
    );
    expect(mismatches).toEqual([]);
    expect(seen.get('OK')).toBeGreaterThan(10);
    expect(seen.get('FORBIDDEN')).toBeGreaterThan(10);
    expect(seen.get('FAILED_PRECONDITION')).toBeGreaterThan(10);
    // A draft whose figures fail the checks may not be submitted: viewerCan says so, the submission names the cells.
    expect(seen.get('BAD_USER_INPUT')).toBeGreaterThan(0);
  }, 900_000);

  it('adds a constant number of statements to a list of revisions, however long (no per-revision SQL)', async () => {
    // Forty superseded revisions of one unit's year, next to a year with one revision.
    await app.sql(
      `insert into annual_statistics (unit_id, year, template_id, status, revision, figures, notes, warnings)
       select s.unit_id, s.year, s.template_id, 'SUPERSEDED', 100 + g, s.figures, s.notes, '[]' from annual_statistics s, generate_series(1, 40) g
        where s.id = (select min(id) from annual_statistics where status = 'ACCEPTED' and year = 2009 and unit_id = (select id from org_unit where code = 'HP-DG'))`,
    );
    const hpdg = await unitId(app, 'HP-DG');
    const list = (year: number, withCan: boolean) =>
      `{ annualStatistics(unitId: "${hpdg}", year: ${year}) { id status ${withCan ? `viewerCan { ${STATISTICS_ACTIONS.join(' ')} }` : ''} } }`;
    const cost = async (year: number, withCan: boolean) => {
      await app.gql(list(year, withCan), {}, 'hp-admin');
      const { result, statements } = await app.countStatements(() => app.gql(list(year, withCan), {}, 'hp-admin'));
      expect(result.errors).toBeUndefined();
      return { statements, n: result.data!.annualStatistics.length as number };
    };
    const one = await cost(2011, true);
    const many = await cost(2009, true);
    expect(one.n).toBe(1);
    expect(many.n).toBeGreaterThanOrEqual(41);
    const small = one.statements - (await cost(2011, false)).statements;
    const large = many.statements - (await cost(2009, false)).statements;
    // The unit (for the staff check), the facts, and for a draft its template and last year's figures (the submission's checks).
    expect(small).toBeLessThanOrEqual(4);
    expect(large).toBeLessThanOrEqual(small);
  });

  it('names what is missing in Chinese by default and in English on request (FAILED_PRECONDITION)', async () => {
    const [row] = await app.sql<{ id: number }>(
      `select s.id from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP-LG' and s.year = 2009 and s.status = 'SUBMITTED'`,
    );
    const input = { id: toGlobalId('AnnualStatistics', row.id), idempotencyKey: newKey() };
    const zh = await app.gql(SUBMIT, { input }, 'hp-admin');
    expect(codes(zh)).toEqual(['FAILED_PRECONDITION']);
    expect(zh.errors![0].message).toBe('统计数据已报送，正在等待上级审核：需要上级退回后才能修改');
    const en = await app.gql(SUBMIT, { input: { ...input, idempotencyKey: newKey() } }, 'hp-admin', { acceptLanguage: 'en' });
    expect(en.errors![0].message).toBe('The statistics are submitted and wait for review: they can be edited once returned');
    expect(en.errors![0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', messageKey: 'statistics.actions.submittedAwaitingReview' });
  });
});

describe('AnnualReport.viewerCan', () => {
  it('is true exactly when the mutation succeeds, for every demo user and every report state', async () => {
    const SAVE_REPORT = `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { status } }`;
    const write = async (code: string, year: number, as: string) => {
      const ref = { unitId: await unitId(app, code), year };
      await ok(app.gql(SAVE_REPORT, { input: { ...ref, overview: `${code} ${year} 年度工作情况` } }, as));
      return ref;
    };
    // Approved with accepted figures, approved without, in review with one review, in review with none, returned, and a draft.
    const jchg = await write('TJ-JCHG', 2017, 'tj-admin');
    await approveReport(app, jchg.unitId, jchg.year, 'tj-admin', 'tj-legal', 'tj-secrecy');
    const lg = await write('HP-LG', 2009, 'hp-admin');
    await approveReport(app, lg.unitId, lg.year, 'hp-admin', 'hp-legal', 'hp-secrecy');
    const xg = await write('TJ-XG', 2017, 'tj-admin');
    await ok(app.gql(SUBMIT_REPORT, { input: xg }, 'tj-admin'));
    await ok(app.gql(REVIEW_REPORT, { input: { ...xg, kind: 'LEGAL', decision: 'PASS', comment: '同意' } }, 'tj-legal'));
    await ok(app.gql(SUBMIT_REPORT, { input: await write('TJ-FGC', 2017, 'tj-admin') }, 'tj-publisher'));
    const zxfw = await write('TJ-ZXFW', 2017, 'tj-admin');
    await ok(app.gql(SUBMIT_REPORT, { input: zxfw }, 'tj-admin'));
    await ok(app.gql(REVIEW_REPORT, { input: { ...zxfw, kind: 'SECRECY', decision: 'RETURN', comment: '请删去涉密内容' } }, 'tj-secrecy'));
    await write('HP-DG', 2009, 'hp-admin');

    const rows = await app.sql<ReportRow>(
      `select r.unit_id, r.year, r.version, u.code || ' ' || r.year || ' ' || r.status as state from annual_report r join org_unit u on u.id = r.unit_id order by r.id`,
    );
    expect(new Set(rows.map((r) => r.state.split(' ')[2]))).toEqual(new Set(['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'PUBLISHED']));
    const query = `query($unitId: ID!, $year: Int!) { annualReport(unitId: $unitId, year: $year) { viewerCan { ${REPORT_ACTIONS.join(' ')} } } }`;
    const run: Record<Exclude<ReportAction, 'review'>, (ctx: ServiceContext, r: ReportRow) => Promise<unknown>> = {
      edit: (ctx, r) => new ReportWorkflowService(ctx).saveSections({ ...reportRef(r), overview: '修订后的年度工作情况' }),
      submit: (ctx, r) => new ReportWorkflowService(ctx).submit(reportRef(r)),
      publish: (ctx, r) => new ReportWorkflowService(ctx).publish({ ...reportRef(r), correctionReason: '更正数据' }),
    };
    const { mismatches, seen } = await compare(
      rows,
      REPORT_ACTIONS,
      async (row, username) => {
        const res = await app.gql(query, { unitId: toGlobalId('OrgUnit', row.unit_id), year: row.year }, username);
        expect(res.errors).toBeUndefined();
        return res.data!.annualReport?.viewerCan ?? {};
      },
      async (userId, action, row) => {
        if (action !== 'review') return attempt(userId, (ctx) => run[action](ctx, row));
        // viewerCan.review: some review the caller holds may be recorded.
        const outcomes = [];
        for (const kind of ['LEGAL', 'SECRECY'] as const)
          outcomes.push(
            await attempt(userId, (ctx) =>
              new ReportWorkflowService(ctx).review({ ...reportRef(row), kind: kind as never, decision: 'PASS' as never, comment: '同意' }),
            ),
          );
        return outcomes.includes('OK') ? 'OK' : (outcomes.find((o) => o !== 'FORBIDDEN') ?? 'FORBIDDEN');
      },
    );
    expect(mismatches).toEqual([]);
    expect(seen.get('OK')).toBeGreaterThan(10);
    expect(seen.get('FORBIDDEN')).toBeGreaterThan(10);
    expect(seen.get('FAILED_PRECONDITION')).toBeGreaterThan(10);
  }, 900_000);
});
