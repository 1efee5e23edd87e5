import { toGlobalId } from '../../src/common/global-id';
import { Client } from 'pg';
import pino from 'pino';
import { Principal } from '../../src/auth/principal';
import { PrincipalCache, principalCacheFor } from '../../src/auth/principal-cache';
import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { SAVE } from '../statistics/helpers';

let app: TestApp;
let cjb: string;
beforeAll(async () => {
  app = await TestApp.create();
  cjb = await unitId(app, 'XN-CJB');
  await make.user(app, { username: 'pc-liaison', unit: 'XN-CJB', grants: [['LIAISON']] });
  await make.user(app, { username: 'pc-other', unit: 'XN-CJB', grants: [['LIAISON']] });
  await make.user(app, { username: 'pc-third', unit: 'XN-CJB', grants: [['LIAISON']] });
});
afterAll(() => app.close());

const ME = '{ me { username } }';
const cache = () => principalCacheFor(app.orm.em.getConnection())!;
const save = (as: string, year: number) => app.gql(SAVE, { input: { unitId: cjb, year, figures: {} } }, as);

/** SQL on a connection of its own, without waiting for the server to hear of it (unlike app.sql). */
async function rawSql(text: string, params: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: app.url });
  await client.connect();
  try {
    await client.query(text, params);
  } finally {
    await client.end();
  }
}

async function until(check: () => Promise<boolean>, ms: number): Promise<number> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return Date.now() - start;
}

describe('principal cache', () => {
  it('reads a caller’s grants once, then remembers them', async () => {
    expect(cache().live).toBe(true);
    const first = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    const second = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    expect(first.result.data!.me.username).toBe('pc-third');
    expect(second.result.data!.me.username).toBe('pc-third');
    expect(first.statements - second.statements).toBe(1);
  });

  it('a grant revoked through the API stops working on the very next request', async () => {
    expect(codes(await save('pc-liaison', 2041))).toEqual([]);
    const [{ id }] = await app.sql(`select a.id from role_assignment a join app_user u on u.id = a.user_id where u.username = 'pc-liaison'`);
    const revoked = await app.gql(`mutation($id: ID!) { revokeRole(id: $id) { revokedAt } }`, { id: toGlobalId('RoleAssignment', id) }, 'xn-admin');
    expect(revoked.errors).toBeUndefined();
    expect(codes(await save('pc-liaison', 2042))).toEqual(['FORBIDDEN']);
  });

  it('a change committed elsewhere (another server, or SQL) reaches it by notification', async () => {
    expect(codes(await save('pc-other', 2043))).toEqual([]);
    await rawSql(`update role_assignment set revoked_at = now() where user_id = (select id from app_user where username = 'pc-other')`);
    // Nobody waits for the notification here: requests are answered from the cache until it arrives.
    const took = await until(async () => codes(await save('pc-other', 2044)).includes('FORBIDDEN'), 2000);
    expect(took).toBeLessThan(2000);
    expect(cache().live).toBe(true);
    await rawSql(`update app_user set active = false where username = 'pc-other'`);
    // (A deactivated caller fails while its context is made: UNAUTHENTICATED, before any resolver.)
    await until(
      () =>
        app.gql(ME, {}, 'pc-other').then(
          () => false,
          (err: Error) => /令牌无效或已过期/.test(err.message),
        ),
      2000,
    );
  });

  it('a unit moved or deactivated in SQL changes what its grants reach', async () => {
    const [{ path }] = await app.sql(`select path from org_unit where code = 'XN-CJB'`);
    expect(codes(await save('pc-third', 2045))).toEqual([]);
    // app.sql waits until the cache has heard of the change; the next request must read the new path.
    await app.sql(`update org_unit set active = false where code = 'XN-CJB'`);
    expect(codes(await save('pc-third', 2046))).toEqual(['FORBIDDEN']);
    await app.sql(`update org_unit set active = true where code = 'XN-CJB'`);
    expect(codes(await save('pc-third', 2046))).toEqual([]);
    expect(path).toBeTruthy();
  });

  it('without its listening connection it is not used, and it comes back by itself', async () => {
    await app.gql(ME, {}, 'pc-third');
    const [{ n }] = await app.sql(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'principal-cache' and datname = current_database()`,
    );
    expect(n).toBeGreaterThanOrEqual(1);
    await until(async () => !cache().live, 2000);
    // Every request reads its grants again while nobody listens.
    const a = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    const b = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    expect(a.statements).toBe(b.statements);
    await until(async () => cache().live, 5000);
    const c = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    const d = await app.countStatements(() => app.gql(ME, {}, 'pc-third'));
    expect(c.statements - d.statements).toBe(1);
    expect(b.statements).toBe(c.statements);
  });

  it('does not keep a principal read while a change was being announced', async () => {
    const own = new PrincipalCache(app.url, pino({ level: 'silent' }));
    await own.start();
    try {
      const principal = Principal.user(1, 'x', 1, []);
      let release!: () => void;
      const slow = own.get(1, () => new Promise((resolve) => (release = () => resolve(principal))));
      await rawSql(`update app_user set active = active where false`); // a statement on app_user notifies, even when it changes no row
      await own.settle();
      release();
      expect(await slow).toBe(principal);
      let loads = 0;
      await own.get(1, async () => (loads++, principal));
      await own.get(1, async () => (loads++, principal));
      expect(loads).toBe(1); // the in-flight read was dropped; the next one is kept
    } finally {
      await own.stop();
    }
    expect(own.live).toBe(false);
  });
});
