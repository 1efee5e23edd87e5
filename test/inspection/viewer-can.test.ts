import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../../src/common/errors';
import { toGlobalId } from '../../src/common/global-id';
import type { ServiceContext } from '../../src/common/context';
import { InspectionService } from '../../src/modules/inspection';
import { loadPrincipal } from '../../src/modules/organisation';
import { TestApp, unitId } from '../helpers/app';
import { rawId } from '../helpers/factories';
import { activeTjScheme, FINALIZE, OPEN, runInspection, SCORE } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ACTIONS = ['score', 'submit', 'respond', 'finalize', 'correct'] as const;
type Action = (typeof ACTIONS)[number];
interface Row {
  id: number;
  version: number;
  scheme_id: number;
  unit_id: number;
  manual: number | null;
  state: string;
}

/** Each mutation with valid input, through the service its resolver calls. */
const RUN: Record<Action, (ctx: ServiceContext, r: Row) => Promise<unknown>> = {
  score: (ctx, r) =>
    new InspectionService(ctx).score({
      inspectionId: toGlobalId('Inspection', r.id),
      // A MANUAL indicator of the scheme (every scheme of the demo world has one).
      indicatorId: toGlobalId('InspectionIndicator', r.manual ?? 0),
      expectedVersion: r.version,
      score: 0,
    }),
  submit: (ctx, r) => new InspectionService(ctx).submit({ id: toGlobalId('Inspection', r.id), expectedVersion: r.version }),
  respond: (ctx, r) => new InspectionService(ctx).respond({ id: toGlobalId('Inspection', r.id), expectedVersion: r.version, response: '已按要求整改' }),
  finalize: (ctx, r) => new InspectionService(ctx).finalize({ id: toGlobalId('Inspection', r.id), expectedVersion: r.version }),
  correct: (ctx, r) =>
    new InspectionService(ctx).open({
      schemeId: toGlobalId('InspectionScheme', r.scheme_id),
      unitId: toGlobalId('OrgUnit', r.unit_id),
      correctsId: toGlobalId('Inspection', r.id),
      correctionReason: '评分录入有误',
    }),
};

const ROLLBACK = new Error('rollback');

/** Runs `action` as `userId` in a transaction that is always rolled back: did it succeed, or which code refused it? */
async function attempt(userId: number, action: Action, row: Row): Promise<string> {
  let outcome = '';
  await app
    .em()
    .transactional(async (tem) => {
      const auth = (await loadPrincipal(tem as EntityManager, userId))!;
      try {
        await RUN[action]({ em: tem as EntityManager, auth, requestId: 'viewer-can' }, row);
        outcome = 'OK';
      } catch (err) {
        if (!(err instanceof PublicError)) throw err;
        // Malformed input is not what viewerCan answers: the case must be written with valid input.
        outcome = err.code === 'BAD_USER_INPUT' ? `${err.code}: ${err.message}` : err.code;
      }
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
  return outcome;
}

/** Scores every MANUAL indicator of an open inspection as tj-inspector; returns its version. */
async function scoreAll(id: string, version: number): Promise<number> {
  const manual = await app.sql<{ id: number }>(
    `select ind.id from inspection_score s join inspection_indicator ind on ind.id = s.indicator_id where s.inspection_id = $1 and ind.method = 'MANUAL'`,
    [rawId(id)],
  );
  for (const m of manual) {
    const r = await app.gql(
      SCORE,
      { input: { inspectionId: id, indicatorId: toGlobalId('InspectionIndicator', m.id), expectedVersion: version, score: 1 } },
      'tj-inspector',
    );
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    version = r.data!.scoreIndicator.version;
  }
  return version;
}

describe('Inspection.viewerCan', () => {
  it('is true exactly when the mutation succeeds, for every demo user and every inspection state', async () => {
    // States the demo world lacks: open and unscored, open and fully scored, submitted, and a corrected finalised one.
    const { id: schemeId, ind } = await activeTjScheme(app);
    const open = async (code: string, extra: Record<string, unknown> = {}) => {
      const r = await app.gql(OPEN, { input: { schemeId, unitId: await unitId(app, code), ...extra } }, 'tj-inspector');
      if (r.errors) throw new Error(JSON.stringify(r.errors));
      return r.data!.openInspection as { id: string; version: number };
    };
    await open('TJ-ZGB');
    const scored = await open('TJ-CWC');
    await scoreAll(scored.id, scored.version);
    await runInspection(app, schemeId, ind, 'TJ-JCS', 30, 30, false);
    const first = await runInspection(app, schemeId, ind, 'TJ-BGS', 30, 30);
    const correction = await open('TJ-BGS', { correctsId: first.id, correctionReason: '评分录入有误' });
    const submitted = await app.gql(
      `mutation($input: InspectionStepInput!) { submitInspection(input: $input) { version } }`,
      { input: { id: correction.id, expectedVersion: await scoreAll(correction.id, correction.version) } },
      'tj-inspector',
    );
    const fin = await app.gql(FINALIZE, { input: { id: correction.id, expectedVersion: submitted.data!.submitInspection.version } }, 'tj-admin');
    expect(fin.errors).toBeUndefined();

    const users = await app.sql<{ id: number; username: string }>(`select id, username from app_user where active order by username`);
    const rows = await app.sql<Row>(
      `select i.id, i.version, i.scheme_id, i.unit_id, u.code || ' ' || i.status || case when i.corrects_id is null then '' else ' (correction)' end as state,
              (select min(x.id) from inspection_indicator x where x.scheme_id = i.scheme_id and x.method = 'MANUAL') as manual
         from inspection i join org_unit u on u.id = i.unit_id order by i.id`,
    );
    expect(new Set(rows.map((r) => r.state.split(' ')[1]))).toEqual(new Set(['OPEN', 'SUBMITTED', 'FINALIZED']));
    const query = `query($id: ID!) { node(id: $id) { ... on Inspection { viewerCan { ${ACTIONS.join(' ')} } } } }`;
    const mismatches: string[] = [];
    const seen = new Map<string, number>();
    for (const user of users) {
      for (const row of rows) {
        const res = await app.gql(query, { id: toGlobalId('Inspection', row.id) }, user.username);
        const can = (res.data?.node?.viewerCan ?? {}) as Partial<Record<Action, boolean>>;
        for (const action of ACTIONS) {
          const outcome = await attempt(user.id, action, row);
          seen.set(outcome.split(':')[0], (seen.get(outcome.split(':')[0]) ?? 0) + 1);
          if ((outcome === 'OK') !== !!can[action])
            mismatches.push(`${user.username} ${action} on ${row.state}: viewerCan ${!!can[action]}, mutation ${outcome}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: successes, role refusals and workflow refusals all occur.
    expect(seen.get('OK')).toBeGreaterThan(10);
    expect(seen.get('FORBIDDEN')).toBeGreaterThan(10);
    expect(seen.get('FAILED_PRECONDITION')).toBeGreaterThan(10);
  }, 900_000);

  it('adds a constant number of statements to a page of inspections, however long (no per-inspection SQL)', async () => {
    const page = (n: number, withCan: boolean) => `{ inspections(first: ${n}) { nodes { id status ${withCan ? `viewerCan { ${ACTIONS.join(' ')} }` : ''} } } }`;
    const [{ n: total }] = await app.sql<{ n: number }>(`select count(*)::int as n from inspection`);
    const large = Math.min(total, 50);
    expect(large).toBeGreaterThanOrEqual(8);
    const cost = async (n: number, withCan: boolean) => {
      await app.gql(page(n, withCan), {}, 'admin');
      const { result, statements } = await app.countStatements(() => app.gql(page(n, withCan), {}, 'admin'));
      expect(result.errors).toBeUndefined();
      expect(result.data!.inspections.nodes.length).toBe(n);
      return statements;
    };
    const small = (await cost(2, true)) - (await cost(2, false));
    const big = (await cost(large, true)) - (await cost(large, false));
    expect(small).toBeLessThanOrEqual(1);
    expect(big).toBe(small);
  });
});
