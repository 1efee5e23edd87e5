import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../../src/common/errors';
import { toGlobalId } from '../../src/common/global-id';
import type { ServiceContext } from '../../src/common/context';
import { DisclosureWorkflowService } from '../../src/modules/catalogue/disclosure-workflow.service';
import { WithholdingService } from '../../src/modules/catalogue/withholding.service';
import { loadPrincipal } from '../../src/modules/organisation';
import { codes, TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ACTIONS = ['update', 'submit', 'reviewLegal', 'reviewSecrecy', 'publish', 'retire', 'requestWithholding', 'ruleOnWithholding'] as const;
type Action = (typeof ACTIONS)[number];

/** Each mutation with valid input, through the service the resolver calls. */
const RUN: Record<Action, (ctx: ServiceContext, id: string, item: { title: string; version: number }) => Promise<unknown>> = {
  update: (ctx, id, item) => new DisclosureWorkflowService(ctx).update({ id, expectedVersion: item.version, title: `${item.title}（修订）` }),
  submit: (ctx, id) => new DisclosureWorkflowService(ctx).submit(id),
  reviewLegal: (ctx, id) => new DisclosureWorkflowService(ctx).review({ itemId: id, kind: 'LEGAL' as never, decision: 'PASS' as never, comment: '同意' }),
  reviewSecrecy: (ctx, id) => new DisclosureWorkflowService(ctx).review({ itemId: id, kind: 'SECRECY' as never, decision: 'PASS' as never, comment: '同意' }),
  publish: (ctx, id) => new DisclosureWorkflowService(ctx).publish(id),
  retire: (ctx, id) => new DisclosureWorkflowService(ctx).retire(id),
  requestWithholding: (ctx, id) => new WithholdingService(ctx).requestWithholding(id, '涉及正在办理的案件'),
  ruleOnWithholding: (ctx, id) => new WithholdingService(ctx).ruleOnWithholding({ itemId: id, ruling: 'DISCLOSE' as never, reasons: '可以公开' }),
};

const ROLLBACK = new Error('rollback');

/** Runs `action` as `userId` in a transaction that is always rolled back: did it succeed, or which code refused it? */
async function attempt(userId: number, action: Action, id: string, item: { title: string; version: number }): Promise<string> {
  let outcome = '';
  await app
    .em()
    .transactional(async (tem) => {
      const auth = (await loadPrincipal(tem as EntityManager, userId))!;
      try {
        await RUN[action]({ em: tem as EntityManager, auth, requestId: 'viewer-can' }, id, item);
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

describe('DisclosureItem.viewerCan', () => {
  it('is true exactly when the mutation succeeds, for every demo user and every demo item state', async () => {
    const users = await app.sql<{ id: number; username: string }>(`select id, username from app_user where active order by username`);
    // One item per status and withholding state in 天津 (two reviewers) and 黄埔 (both reviews by one person).
    const items = await app.sql<{ id: number; title: string; version: number; state: string }>(
      `select distinct on (d.code, i.status, i.withholding_status) i.id, i.title, i.version,
              d.code || ' ' || i.status || ' ' || coalesce(i.withholding_status, '-') || ' ' || i.level as state
         from disclosure_item i join org_unit u on u.id = i.owner_unit_id join org_unit d on u.path like d.path || '%' and d.code in ('TJ', 'HP')
        order by d.code, i.status, i.withholding_status, i.id`,
    );
    expect(items.length).toBeGreaterThanOrEqual(14);
    const query = `query($id: ID!) { node(id: $id) { ... on DisclosureItem { viewerCan { ${ACTIONS.join(' ')} } } } }`;
    const mismatches: string[] = [];
    const seen = new Map<string, number>();
    for (const user of users) {
      for (const item of items) {
        const res = await app.gql(query, { id: toGlobalId('DisclosureItem', item.id) }, user.username);
        // Outside the caller's scope an unpublished item is not found: nothing is allowed.
        if (res.errors) expect(codes(res)).toEqual(['NOT_FOUND']);
        const can = (res.data?.node?.viewerCan ?? {}) as Partial<Record<Action, boolean>>;
        for (const action of ACTIONS) {
          const outcome = await attempt(user.id, action, toGlobalId('DisclosureItem', item.id), item);
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
          if ((outcome === 'OK') !== !!can[action])
            mismatches.push(`${user.username} ${action} on ${item.state}: viewerCan ${!!can[action]}, mutation ${outcome}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Not vacuous: successes, role refusals and workflow refusals all occur.
    expect(seen.get('OK')).toBeGreaterThan(20);
    expect(seen.get('FORBIDDEN')).toBeGreaterThan(20);
    expect(seen.get('FAILED_PRECONDITION')).toBeGreaterThan(20);
  }, 900_000);

  it('adds a constant number of statements to a page, however long (no per-item SQL)', async () => {
    const page = (n: number, withCan: boolean) =>
      `{ disclosureItems(first: ${n}) { nodes { id status ownerUnit { name } ${withCan ? `viewerCan { ${ACTIONS.join(' ')} }` : ''} } } }`;
    const cost = async (n: number, withCan: boolean) => {
      await app.gql(page(n, withCan), {}, 'admin'); // warm the caches a first request fills
      const { result, statements } = await app.countStatements(() => app.gql(page(n, withCan), {}, 'admin'));
      expect(result.errors).toBeUndefined();
      expect(result.data!.disclosureItems.nodes.length).toBe(n);
      return statements;
    };
    const small = (await cost(5, true)) - (await cost(5, false));
    const large = (await cost(40, true)) - (await cost(40, false));
    expect(small).toBeLessThanOrEqual(2);
    expect(large).toBe(small);
  });

  it('names what is missing when a workflow step is refused (FAILED_PRECONDITION), in Chinese by default and in English on request', async () => {
    const [item] = await app.sql<{ id: number }>(
      `select i.id from disclosure_item i join org_unit u on u.id = i.owner_unit_id where i.status = 'IN_REVIEW' and u.path like (select path || '%' from org_unit where code = 'TJ') limit 1`,
    );
    const PUBLISH = `mutation($id: ID!) { publishDisclosureItem(id: $id) { id } }`;
    const zh = await app.gql(PUBLISH, { id: toGlobalId('DisclosureItem', item.id) }, 'tj-publisher');
    expect(codes(zh)).toEqual(['FAILED_PRECONDITION']);
    expect(zh.errors![0].message).toBe('只有审核通过的事项才能公开（当前状态：审核中）');
    const en = await app.gql(PUBLISH, { id: toGlobalId('DisclosureItem', item.id) }, 'tj-publisher', { acceptLanguage: 'en' });
    expect(en.errors![0].message).toBe('Only approved items can be published (this one is In review)');
    expect(en.errors![0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', messageKey: 'catalogue.actions.publishNeedsApproved' });
  });
});
