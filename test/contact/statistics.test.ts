import { codes, TestApp, unitId } from '../helpers/app';
import { COUNTS, writeCounts } from './fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const FILL = `mutation($input: FillStatisticsFromContactInput!) { fillStatisticsFromContact(input: $input) {
  filledCells figures { consultationsTotal satisfactionRate } statistics { id status revision figures correctionReason template { code } } } }`;

describe('fillStatisticsFromContact', () => {
  it('needs a correction reason to replace Tianjin 2008’s accepted figures, then writes the computed cells into a correction draft, keeping notes', async () => {
    const tj = await unitId(app, 'TJ');
    const before = await writeCounts(app);
    const refused = await app.gql(FILL, { input: { unitId: tj, year: 2008 } }, 'tj-admin');
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.correctionReason']);
    expect(await writeCounts(app)).toEqual(before);

    const res = await app.gql(FILL, { input: { unitId: tj, year: 2008, correctionReason: '以咨询投诉记录为准' } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    const fill = res.data!.fillStatisticsFromContact;
    expect(fill.filledCells).toEqual([
      'consultations.total',
      'consultations.phone',
      'consultations.visit',
      'consultations.online',
      'consultations.problemsResolved',
      'consultations.complaints',
      'consultations.satisfaction',
    ]);
    expect(fill.statistics).toMatchObject({ status: 'DRAFT', revision: 2, correctionReason: '以咨询投诉记录为准', template: { code: 'CUSTOMS-2009' } });
    expect(fill.statistics.figures).toMatchObject({
      'consultations.total': 17195,
      'consultations.phone': 11679,
      'consultations.visit': 4132,
      'consultations.online': 1322,
      'consultations.problemsResolved': 24,
      'consultations.complaints': 12,
      'consultations.satisfaction': 100,
    });
    const [row] = await app.sql(
      `select notes from annual_statistics where unit_id = (select id from org_unit where code = 'TJ') and year = 2008 and status = 'DRAFT'`,
    );
    expect(row.notes).toMatchObject({
      'consultations.total': '平均每个工作日接受咨询 68 人次（由咨询投诉记录计算）',
      'consultations.phone': '由咨询投诉记录计算',
    });
    const [audit] = await app.sql(`select action, actor_username from audit_record where target_id = $1 order by id desc limit 1`, [fill.statistics.id]);
    expect(audit).toEqual({ action: 'statistics.saveAnnualStatistics', actor_username: 'tj-admin' });
  });

  it('fills a new draft from tallies, keeping other cells of an existing draft, without a satisfaction rate when nobody was visited', async () => {
    const xn = await unitId(app, 'XN');
    await app.gql(
      COUNTS,
      {
        input: {
          unitId: xn,
          days: [
            { date: '2012-05-02', channel: 'PHONE', count: 30 },
            { date: '2012-05-02', channel: 'ONLINE', count: 5 },
          ],
        },
      },
      'xn-admin',
    );
    const saved = await app.gql(
      `mutation($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) { id } }`,
      { input: { unitId: xn, year: 2012, figures: { 'proactive.total': 80, 'consultations.satisfaction': 98 } } },
      'xn-admin',
    );
    expect(saved.errors).toBeUndefined();
    const res = await app.gql(FILL, { input: { unitId: xn, year: 2012 } }, 'xn-admin');
    expect(res.errors).toBeUndefined();
    expect(res.data!.fillStatisticsFromContact.filledCells).not.toContain('consultations.satisfaction');
    expect(res.data!.fillStatisticsFromContact.statistics).toMatchObject({
      status: 'DRAFT',
      revision: 1,
      figures: { 'proactive.total': 80, 'consultations.satisfaction': 98, 'consultations.total': 35, 'consultations.phone': 30, 'consultations.online': 5 },
    });
  });

  it('refuses a year whose template has no consultation cells, and callers who do not report for the unit', async () => {
    const tj = await unitId(app, 'TJ');
    const before = await writeCounts(app);
    const gov = await app.gql(FILL, { input: { unitId: tj, year: 2021 } }, 'tj-admin');
    expect(gov.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'input.year', message: expect.stringMatching(/GOV-2021/) }] });
    expect(codes(await app.gql(FILL, { input: { unitId: tj, year: 2012 } }, 'tj-inspector'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(FILL, { input: { unitId: tj, year: 2012 } }, 'hp-admin'))).toEqual(['NOT_FOUND']);
    expect(await writeCounts(app)).toEqual(before);
  });
});
