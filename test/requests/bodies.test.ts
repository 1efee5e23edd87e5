import { codes, TestApp, unitId } from '../helpers/app';
import { badFields, paperRequest, REGISTER } from './fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const SET = `mutation($u: ID!, $a: Boolean!) { setAcceptsRequests(unitId: $u, accepts: $a) { code acceptsRequests } }`;
const UNITS = `{ orgUnits(first: 100) { nodes { code acceptsRequests } } }`;

it('lets a CENTRAL_ADMIN decide per unit which units receive requests (default: districts and the administration)', async () => {
  const units = (await app.gql(UNITS, {}, 'admin')).data!.orgUnits.nodes;
  const accepting = units
    .filter((u: any) => u.acceptsRequests)
    .map((u: any) => u.code)
    .sort();
  expect(accepting).toEqual(['GACC', 'HP', 'TJ', 'XN']);

  const xg = await unitId(app, 'TJ-XG');
  expect(codes(await app.gql(SET, { u: xg, a: true }, 'tj-admin'))).toEqual(['FORBIDDEN']);
  expect(badFields(await app.gql(REGISTER, { input: paperRequest(xg, '2026-03-02') }, 'tj-admin'))).toEqual(['input.bodyUnitId']);
  const set = await app.gql(SET, { u: xg, a: true }, 'admin');
  expect(set.data!.setAcceptsRequests).toEqual({ code: 'TJ-XG', acceptsRequests: true });
  const registered = await app.gql(REGISTER, { input: paperRequest(xg, '2026-03-02') }, 'tj-admin');
  expect(registered.errors).toBeUndefined();
  expect(registered.data!.registerRequest.bodyUnit).toEqual({ code: 'TJ-XG' });

  const xn = await unitId(app, 'XN');
  await app.gql(SET, { u: xn, a: false }, 'admin');
  expect(badFields(await app.gql(REGISTER, { input: paperRequest(xn, '2026-03-02') }, 'xn-admin'))).toEqual(['input.bodyUnitId']);
  const [audit] = await app.sql(`select before, after from audit_record where action = 'requests.setAcceptsRequests' and target_id = $1`, [xn]);
  expect(audit).toEqual({ before: { acceptsRequests: true }, after: { acceptsRequests: false } });
});
