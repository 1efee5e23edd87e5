import { TestApp, unitId } from '../helpers/app';
import { FIGURES } from './fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('contactFigures', () => {
  it('computes Tianjin 2008 from the seeded log and cases: 17,195 consultations, 11,679 / 4,132 / 1,322, 24 difficult, 12 complaints', async () => {
    const res = await app.gql(FIGURES, { unitId: await unitId(app, 'TJ'), year: 2008 }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.contactFigures).toMatchObject({
      year: 2008,
      unit: { code: 'TJ' },
      consultationsTotal: 17195,
      consultationsByPhone: 11679,
      consultationsAtCounter: 4132,
      consultationsOnline: 1322,
      consultationsOther: 62,
      difficultQuestionsResolved: 24,
      complaints: 12,
      tipOffs: 0,
      followUps: 10,
      satisfactionRate: 100,
      cells: {
        'consultations.total': 17195,
        'consultations.phone': 11679,
        'consultations.visit': 4132,
        'consultations.online': 1322,
        'consultations.problemsResolved': 24,
        'consultations.complaints': 12,
        'consultations.satisfaction': 100,
      },
    });
  });
});

describe('contactFigures scope', () => {
  it('counts a subordinate office’s records only with includeSubordinateOffices (its own figures are 本级)', async () => {
    const tj = await unitId(app, 'TJ');
    const own = await app.gql(FIGURES, { unitId: tj, year: 2008 }, 'tj-inspector');
    const all = await app.gql(FIGURES, { unitId: tj, year: 2008, all: true }, 'tj-inspector');
    expect(own.data!.contactFigures.tipOffs).toBe(0);
    expect(all.data!.contactFigures.tipOffs).toBe(1);
    const xg = await app.gql(FIGURES, { unitId: await unitId(app, 'TJ-XG'), year: 2008 }, 'tj-inspector');
    expect(xg.data!.contactFigures).toMatchObject({ tipOffs: 1, consultationsTotal: 0, complaints: 0 });
  });

  it('is for staff of the unit only: others get NOT_FOUND', async () => {
    const tj = await unitId(app, 'TJ');
    const hp = await app.gql(FIGURES, { unitId: tj, year: 2008 }, 'hp-admin');
    expect(hp.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const anon = await app.gql(FIGURES, { unitId: tj, year: 2008 });
    expect(anon.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts nothing for a year without records', async () => {
    const res = await app.gql(FIGURES, { unitId: await unitId(app, 'TJ'), year: 2007 }, 'tj-admin');
    expect(res.data!.contactFigures).toMatchObject({
      consultationsTotal: 0,
      complaints: 0,
      satisfactionRate: null,
      cells: { 'consultations.satisfaction': null },
    });
  });
});
