import { TestApp, unitId } from '../helpers/app';
import { addWorkingDays, loadWorkCalendar } from '../../src/modules/catalogue';
import { inspectionSummary } from '../../src/modules/inspection';
import { activeTjScheme, CREATE, ACTIVATE, OPEN, runInspection } from './helpers';

const ALL_METRICS = [
  ['ON_TIME_PUBLICATION', 'CONTENT', 30, [0.6, 1]],
  ['MANDATORY_CATEGORY_COVERAGE', 'CONTENT', 20, [0, 1]],
  ['LIAISON_COVERAGE', 'MECHANISM', 10, [0, 1]],
  ['STATISTICS_ON_TIME', 'MECHANISM', 20, [0, 1]],
  ['STANDING_MAINTENANCE', 'FORM', 20, [0.5, 1]],
] as const;

describe('automatic indicators', () => {
  let app: TestApp;
  let unitPath: string;
  beforeAll(async () => {
    app = await TestApp.create();
    // A crafted subtree: a new division under 天津海关 with one section, with known figures for 2025.
    const [tj] = await app.sql(`select id, path from org_unit where code = 'TJ'`);
    // Inserted with their final paths, as the service does (the aggregates' triggers file a unit under the ancestors its path names).
    const [div] = await app.sql(
      // A division that contributes figures (divisions report nothing by default).
      `with n as (select nextval('org_unit_id_seq')::int as id)
       insert into org_unit (id, code, name, kind, parent_id, path, depth, reporting_role)
       select n.id, 'TJ-TEST', '测试处', 'DIVISION', $1, $2 || n.id || '/', 2, 'CONTRIBUTOR' from n returning id`,
      [tj.id, tj.path],
    );
    unitPath = `${tj.path}${div.id}/`;
    const [sec] = await app.sql(
      `with n as (select nextval('org_unit_id_seq')::int as id)
       insert into org_unit (id, code, name, kind, parent_id, path, depth) select n.id, 'TJ-TEST-1', '测试科', 'SECTION', $1, $2 || n.id || '/', 3 from n returning id`,
      [div.id, unitPath],
    );

    // Ten items formed in September 2025: the 20-working-day deadline runs across 国庆 (1–8 October).
    const em = app.em();
    const calendar = await loadWorkCalendar(em, '2025-09-01', '2025-12-31');
    const cats = await app.sql(`select id, code from catalogue_category where code in ('C1', 'C2.1', 'C3.1')`);
    const cat = Object.fromEntries(cats.map((c) => [c.code, c.id]));
    const formed = '2025-09-22';
    const deadline = addWorkingDays(formed, 20, calendar);
    // 20 working days from 22 September end on 24 October, not 20 October: 国庆 takes six working days and two make-up days (28 Sept, 11 Oct) count.
    expect(deadline).toBe('2025-10-24');
    const items: { published: string; owner: number; category: number; nextMaint: string }[] = [];
    for (let n = 0; n < 10; n++) {
      // Seven on time (the last on the deadline itself), three a day or more late.
      const published = n < 6 ? '2025-10-09' : n === 6 ? deadline : '2025-10-27';
      items.push({ published, owner: n % 2 ? sec.id : div.id, category: n < 5 ? cat.C1 : cat['C2.1'], nextMaint: n < 8 ? '2026-04-01' : '2025-11-30' });
    }
    for (const i of items) {
      await app.sql(
        `insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, next_maintenance_date,
           status, is_public, published_at, pub_title, pub_body, pub_category_id)
         values ($1, $2, 'DIVISION', 'STANDING', '{PORTAL}', '测试事项', '正文', $3, $4, $5, 'PUBLISHED', true, ($6 || ' 10:00:00+08')::timestamptz, '测试事项', '正文', $1)`,
        [i.category, i.owner, formed, deadline, i.nextMaint, i.published],
      );
    }
    // A withheld item does not count; a draft past its deadline counts as late.
    await app.sql(
      `insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status)
                   values ($1, $2, 'DIVISION', 'WITHHELD', '{PORTAL}', '暂缓公开事项', '正文', '2025-09-22', $3, 'DRAFT')`,
      [cat.C1, div.id, deadline],
    );
    // Statistics for 2024: submitted on time and accepted in time.
    const [tpl] = await app.sql(`select id from statistics_template order by id limit 1`);
    await app.sql(
      `insert into annual_statistics (unit_id, year, template_id, status, submitted_at, accepted_at) values ($1, 2024, $2, 'ACCEPTED', '2025-01-20 10:00+08', '2025-03-01 10:00+08')`,
      [div.id, tpl.id],
    );
    // One department liaison from 2025.
    await app.sql(`insert into liaison_appointment (person_name, unit_id, kind, start_date) values ('测试联络员', $1, 'DEPARTMENT', '2025-06-01')`, [div.id]);
  });
  afterAll(() => app.close());

  it('computes every automatic indicator for the subtree with the figures behind it', async () => {
    const input = {
      issuerUnitId: await unitId(app, 'TJ'),
      year: 2025,
      name: '自动指标测试方案',
      indicators: ALL_METRICS.map(([metric, dimension, maxScore, [zeroAt, fullAt]], n) => ({
        code: `A${n + 1}`,
        name: metric,
        dimension,
        maxScore,
        method: 'AUTOMATIC',
        metric,
        rule: { kind: 'LINEAR', zeroAt, fullAt },
      })),
    };
    const created = await app.gql(CREATE, { input }, 'tj-admin');
    const s = created.data!.createInspectionScheme;
    await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'tj-admin');
    const opened = await app.gql(OPEN, { input: { schemeId: s.id, unitId: await unitId(app, 'TJ-TEST') } }, 'tj-inspector');
    expect(opened.errors).toBeUndefined();
    const byName = Object.fromEntries(opened.data!.openInspection.scores.map((x: any) => [x.indicator.code, x]));

    // 7 of 10 on time: rate 0.7, linear 0.6 → 1 over 30 points = 7.5.
    expect(byName.A1.figures).toMatchObject({ numerator: 7, denominator: 10, rate: 0.7 });
    expect(byName.A1.figures.basis).toContain('按时公开 7 项 / 应公开 10 项');
    expect(byName.A1.score).toBe(7.5);
    // Two of the six top-most mandatory contents (C1 and C2 through C2.1).
    const [{ n: contents }] = await app.sql(
      `select count(*)::int as n from catalogue_category where mandatory and parent_id is null and owner_unit_id is null`,
    );
    expect(byName.A2.figures).toMatchObject({ numerator: 2, denominator: contents });
    expect(byName.A2.score).toBeCloseTo((20 * 2) / contents, 2);
    // The division needs a liaison (sections do not) and has one.
    expect(byName.A3.figures).toMatchObject({ numerator: 1, denominator: 1, rate: 1 });
    expect(byName.A3.score).toBe(10);
    // 2024 statistics submitted by 31 January and accepted by 31 March 2025.
    expect(byName.A4.figures).toMatchObject({ numerator: 1, denominator: 1 });
    expect(byName.A4.score).toBe(20);
    // 8 of 10 STANDING items not past their maintenance date at 2025-12-31: 0.8 → (0.8 - 0.5) / 0.5 × 20 = 12.
    expect(byName.A5.figures).toMatchObject({ numerator: 8, denominator: 10, rate: 0.8 });
    expect(byName.A5.score).toBe(12);
  });

  it('summarises a subtree in two statements for the overview', async () => {
    const { id: schemeId, ind } = await activeTjScheme(app);
    await runInspection(app, schemeId, ind, 'TJ-ZGB', 30, 30);
    const em = app.em();
    const [tj] = await app.sql(`select path from org_unit where code = 'TJ'`);
    const { result, statements } = await app.countStatements(() => inspectionSummary(em, tj.path, 2025));
    expect(statements).toBeLessThanOrEqual(2);
    expect(result.byStatus).toEqual(
      expect.arrayContaining([
        { status: 'FINALIZED', count: 1 },
        { status: 'OPEN', count: 1 },
      ]),
    );
    expect(result.results).toEqual([expect.objectContaining({ unitName: '政工办', rank: 1, rankedUnits: 1 })]);
    const seeded = await inspectionSummary(em, tj.path, 2017);
    // District departments under the district scheme, and 天津海关 itself under the national one.
    expect(seeded.results.map((r) => [r.unitName, r.rank])).toEqual(
      expect.arrayContaining([
        ['办公室', 1],
        ['天津海关', 1],
      ]),
    );
    expect(seeded.byStatus).toEqual(expect.arrayContaining([{ status: 'OPEN', count: 1 }]));
  });
});
