import type { EntityManager } from '@mikro-orm/postgresql';
import { PublicError } from '../../src/common/errors';
import { toGlobalId } from '../../src/common/global-id';
import type { ServiceContext } from '../../src/common/context';
import { LiaisonAppointmentService } from '../../src/modules/liaison/liaison-appointment.service';
import { loadPrincipal, OrgUnitService, User, UserService } from '../../src/modules/organisation';
import { childKindsOf } from '../../src/modules/organisation/organisation.policy';
import type { OrgUnitKind } from '../../src/modules/organisation';
import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ACTIONS = ['update', 'createChild', 'grantRoles', 'appointLiaison'] as const;
type Action = (typeof ACTIONS)[number];
interface UnitRow {
  id: number;
  code: string;
  kind: OrgUnitKind;
  version: number;
  name: string;
}

/** Each mutation with valid input, through the service its resolver calls. */
const RUN: Record<Action, (ctx: ServiceContext, u: UnitRow) => Promise<unknown>> = {
  update: (ctx, u) => new OrgUnitService(ctx).update({ id: toGlobalId('OrgUnit', u.id), expectedVersion: u.version, name: `${u.name}（更名）` }),
  createChild: (ctx, u) =>
    new OrgUnitService(ctx).create({
      parentId: toGlobalId('OrgUnit', u.id),
      code: `${u.code}-VC`,
      name: '新设科室',
      kind: childKindsOf(u.kind)[0] ?? ('SECTION' as never),
    }),
  grantRoles: async (ctx, u) => {
    // A fresh user of the unit: granting needs a user in the caller's scope, and this one is.
    const user = ctx.em.create(User, { username: `vc-${u.id}`, displayName: '测试', unit: u.id, passwordHash: 'x' });
    await ctx.em.flush();
    return new UserService(ctx).assignRole({
      userId: toGlobalId('User', user.id),
      unitId: toGlobalId('OrgUnit', u.id),
      role: 'LIAISON' as never,
      cascade: false,
    });
  },
  appointLiaison: (ctx, u) =>
    new LiaisonAppointmentService(ctx).appoint({
      unitId: toGlobalId('OrgUnit', u.id),
      kind: 'DEPARTMENT' as never,
      personName: '王五',
      startDate: '2025-01-01',
    }),
};

const ROLLBACK = new Error('rollback');

async function attempt(userId: number, action: Action, unit: UnitRow): Promise<string> {
  let outcome = '';
  await app
    .em()
    .transactional(async (tem) => {
      const auth = (await loadPrincipal(tem as EntityManager, userId))!;
      try {
        await RUN[action]({ em: tem as EntityManager, auth, requestId: 'viewer-can' }, unit);
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

describe('OrgUnit.viewerCan', () => {
  it('is true exactly when the mutation succeeds, for every demo user over units of every kind and a deactivated one', async () => {
    await app.sql(`update org_unit set active = false where code = 'TJ-CWC'`);
    const users = await app.sql<{ id: number; username: string }>(`select id, username from app_user where active order by username`);
    const units = await app.sql<UnitRow>(
      `select id, code, kind, version, name from org_unit where code in ('GACC', 'TJ', 'TJ-BGS', 'TJ-CWC', 'HP', 'HP-DG', 'XN') or id = (select min(id) from org_unit where kind = 'SECTION') order by id`,
    );
    expect(units.length).toBe(8);
    const query = `query($id: ID!) { orgUnit(id: $id) { viewerCan { ${ACTIONS.join(' ')} } } }`;
    const mismatches: string[] = [];
    const seen = new Map<string, number>();
    for (const user of users) {
      for (const unit of units) {
        const res = await app.gql(query, { id: toGlobalId('OrgUnit', unit.id) }, user.username);
        expect(res.errors).toBeUndefined();
        const can = res.data!.orgUnit.viewerCan as Record<Action, boolean>;
        for (const action of ACTIONS) {
          const outcome = await attempt(user.id, action, unit);
          seen.set(outcome.split(':')[0], (seen.get(outcome.split(':')[0]) ?? 0) + 1);
          if ((outcome === 'OK') !== can[action]) mismatches.push(`${user.username} ${action} on ${unit.code}: viewerCan ${can[action]}, mutation ${outcome}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(seen.get('OK')).toBeGreaterThan(10);
    expect(seen.get('FORBIDDEN')).toBeGreaterThan(10);
    expect(seen.get('FAILED_PRECONDITION')).toBeGreaterThan(0);
    // Anonymous callers may do nothing.
    const anon = await app.gql(query, { id: toGlobalId('OrgUnit', units[0].id) });
    expect(anon.data!.orgUnit.viewerCan).toEqual({ update: false, createChild: false, grantRoles: false, appointLiaison: false });
  }, 600_000);
});
