import { todayInChina } from '../../src/common/dates';
import { TestApp, unitId } from '../helpers/app';
import { ACTIVATE, CREATE, OPEN as OPEN_INSPECTION } from '../inspection/helpers';
import { OPEN } from './fixtures';

let app: TestApp;
const today = todayInChina();
const year = Number(today.slice(0, 4));
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const OVERVIEW = `query($unitId: ID!, $year: Int!) { overview(unitId: $unitId, year: $year) { contactCases { open overdue escalated } } }`;

describe('overview.contactCases', () => {
  it('counts the open, overdue and escalated cases of the subtree (the seeded 东莞 complaint)', async () => {
    const res = await app.gql(OVERVIEW, { unitId: await unitId(app, 'HP'), year }, 'hp-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.overview.contactCases).toEqual({ open: 1, overdue: 1, escalated: 1 });
  });

  it('counts a staff-conduct case for the 监察室 only, through the same SQL filter as the lists', async () => {
    const tj = await unitId(app, 'TJ');
    const before = (await app.gql(OVERVIEW, { unitId: tj, year }, 'tj-admin')).data!.overview.contactCases;
    const opened = await app.gql(
      OPEN,
      {
        input: {
          unitId: await unitId(app, 'TJ-FGC'),
          kind: 'TIP_OFF',
          channel: 'LETTER',
          subject: '反映关员',
          description: '来信。',
          concernsStaffConduct: true,
          handlingMode: 'IMMEDIATE',
        },
      },
      'tj-inspector',
    );
    expect(opened.errors).toBeUndefined();
    expect((await app.gql(OVERVIEW, { unitId: tj, year }, 'tj-admin')).data!.overview.contactCases).toEqual(before);
    const inspector = (await app.gql(OVERVIEW, { unitId: tj, year }, 'tj-inspector')).data!.overview.contactCases;
    expect(inspector.open).toBe(before.open + 1);
  });
});

describe('AUTOMATIC inspection indicators from the contact cases', () => {
  it('scores on-time handling (有落实) and feedback (有反馈) of 通关咨询服务中心 in 2008: 28 of 29 on time, 29 of 29 fed back', async () => {
    const created = await app.gql(
      CREATE,
      {
        input: {
          issuerUnitId: await unitId(app, 'TJ'),
          year: 2008,
          name: '2008 年关务公开考核（咨询投诉）',
          indicators: [
            {
              code: 'C1',
              name: '咨询投诉按期办结',
              dimension: 'RESOLUTION',
              maxScore: 60,
              method: 'AUTOMATIC',
              metric: 'CONTACT_ON_TIME',
              rule: { kind: 'LINEAR', zeroAt: 0.5, fullAt: 1 },
            },
            {
              code: 'C2',
              name: '署名反映反馈',
              dimension: 'RESOLUTION',
              maxScore: 40,
              method: 'AUTOMATIC',
              metric: 'CONTACT_FEEDBACK',
              rule: { kind: 'LINEAR', zeroAt: 0, fullAt: 1 },
            },
          ],
        },
      },
      'tj-admin',
    );
    expect(created.errors).toBeUndefined();
    const s = created.data!.createInspectionScheme;
    expect((await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'tj-admin')).errors).toBeUndefined();
    const opened = await app.gql(OPEN_INSPECTION, { input: { schemeId: s.id, unitId: await unitId(app, 'TJ-ZXFW') } }, 'tj-inspector');
    expect(opened.errors).toBeUndefined();
    const by = Object.fromEntries(opened.data!.openInspection.scores.map((x: any) => [x.indicator.code, x]));
    expect(by.C1.figures).toMatchObject({ numerator: 28, denominator: 29 });
    expect(by.C1.figures.basis).toContain('按期办结 28 件 / 应办结 29 件');
    expect(by.C1.score).toBeCloseTo(60 * ((28 / 29 - 0.5) / 0.5), 1);
    expect(by.C2.figures).toMatchObject({ numerator: 29, denominator: 29, rate: 1 });
    expect(by.C2.score).toBe(40);
  });
});
