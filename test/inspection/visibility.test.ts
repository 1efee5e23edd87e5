import { TestApp, codes, unitId } from '../helpers/app';
import { activeTjScheme, runInspection } from './helpers';

const LIST = `query($schemeId: ID) { inspections(schemeId: $schemeId, first: 100) { totalCount nodes { id status total grade rank response unit { code } scores { score comment } } } }`;
const NODE = `query($id: ID!) { node(id: $id) { ... on Inspection { status total grade scores { score } } } }`;

describe('inspection visibility', () => {
  let app: TestApp;
  let schemeId: string;
  let finalId: string;
  let openId: string;
  beforeAll(async () => {
    app = await TestApp.create();
    const s = await activeTjScheme(app);
    schemeId = s.id;
    finalId = (await runInspection(app, schemeId, s.ind, 'TJ-JCS', 30, 30)).id;
    openId = (await runInspection(app, schemeId, s.ind, 'TJ-ZGB', 20, 20, false)).id;
  });
  afterAll(() => app.close());

  const list = async (as: string) => await app.gql(LIST, { schemeId }, as);

  it('shows scores to the inspector and the unit’s admins and superiors, before and after finalisation', async () => {
    for (const who of ['tj-inspector', 'tj-admin', 'admin']) {
      const res = await list(who);
      expect(res.errors).toBeUndefined();
      expect(res.data!.inspections.nodes.map((n: any) => n.unit.code).sort()).toEqual(['TJ-JCS', 'TJ-ZGB']);
      expect(res.data!.inspections.nodes.every((n: any) => Array.isArray(n.scores))).toBe(true);
      expect(res.extensions?.redactions ?? []).toEqual([]);
    }
  });

  it('shows other staff of the district only finalised totals and grades, scores redacted', async () => {
    const res = await list('tj-office-liaison');
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.inspections.nodes;
    expect(nodes.map((n: any) => n.unit.code)).toEqual(['TJ-JCS']);
    expect(nodes[0]).toMatchObject({ status: 'FINALIZED', total: expect.any(Number), grade: expect.any(String), rank: 1, scores: null, response: null });
    expect(res.extensions!.redactions).toEqual(
      expect.arrayContaining([{ path: ['inspections', 'nodes', 0, 'scores'], reason: expect.stringMatching(/inspector/) }]),
    );
    // Before finalisation the sibling department's inspection does not exist for it.
    expect(codes(await app.gql(NODE, { id: openId }, 'tj-office-liaison'))).toEqual(['NOT_FOUND']);
    const own = await app.gql(NODE, { id: finalId }, 'tj-office-liaison');
    expect(own.data!.node).toMatchObject({ status: 'FINALIZED', scores: null });
  });

  it('never shows another district’s inspections', async () => {
    const res = await list('hp-admin');
    expect(res.data!.inspections.totalCount).toBe(0);
    expect(codes(await app.gql(NODE, { id: finalId }, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect((await app.gql(NODE, { id: openId }, 'tj-admin')).data!.node).toMatchObject({ status: 'SUBMITTED', scores: expect.any(Array) });
    expect(codes(await app.gql(LIST, { schemeId }, null))).toEqual(['UNAUTHENTICATED']);
  });

  it('shows district totals of the national scheme to the centre, scores only to superiors', async () => {
    const q = `query($unitId: ID) { inspections(unitId: $unitId, year: 2017, first: 100) { nodes { status total grade unit { code } scheme { name } scores { score } } } }`;
    const centre = await app.gql(q, { unitId: await unitId(app, 'GACC') }, 'admin');
    const national = centre.data!.inspections.nodes.filter((n: any) => n.scheme.name.includes('直属海关'));
    expect(national.map((n: any) => n.unit.code).sort()).toEqual(['HP', 'TJ', 'XN']);
    const hp = await app.gql(q, { unitId: await unitId(app, 'TJ') }, 'hp-admin');
    // hp-admin sees TJ's finalised national result (peers in the national ranking) but not its scores, nor TJ's departments.
    expect(hp.data!.inspections.nodes.map((n: any) => [n.unit.code, n.scores])).toEqual([['TJ', null]]);
  });
});
