import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { badFields, CORRECT_CELL, FILL, STATISTICS } from './fixtures';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

interface Row {
  body: string;
  type: string;
  received: string;
  concluded?: string;
  outcome?: string;
  reason?: string | null;
  status?: string;
}
let seq = 0;
/** Writes register rows directly (the workflow is tested elsewhere); returns their ids. */
async function insert(rows: Row[]): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows) {
    const [row] = await app.sql(
      `insert into disclosure_request (body_unit_id, tracking_number, channel, applicant_type, applicant_name, description, received_on, status, due_on,
                                       outcome, outcome_reason, concluded_on)
       select id, $2, 'ONLINE', $3, '测试', '测试申请', $4::date, $5, $4::date + 28, $6, $7, $8::date from org_unit where code = $1 returning id`,
      [
        r.body,
        `YSTEST-${++seq}`,
        r.type,
        r.received,
        r.status ?? (r.concluded ? 'CONCLUDED' : 'OPEN'),
        r.outcome ?? null,
        r.reason ?? null,
        r.concluded ?? null,
      ],
    );
    ids.push(row.id);
  }
  return ids;
}

describe('requestStatistics', () => {
  it('computes tables 3 and 4 for a year with carry-overs both ways, by applicant type with totals', async () => {
    const [a] = await insert([
      { body: 'HP', type: 'NATURAL_PERSON', received: '2024-12-20', concluded: '2025-01-10', outcome: 'GRANTED' },
      { body: 'HP', type: 'BUSINESS', received: '2024-11-01', concluded: '2024-11-20', outcome: 'GRANTED' },
      { body: 'HP', type: 'LEGAL_SERVICE', received: '2025-03-02' },
      { body: 'HP', type: 'NATURAL_PERSON', received: '2025-12-29', concluded: '2026-01-05', outcome: 'REFUSED', reason: 'SECRET' },
      { body: 'HP', type: 'RESEARCH', received: '2025-05-05', concluded: '2025-05-06', outcome: 'OTHER', reason: 'OTHER', status: 'WITHDRAWN' },
    ]);
    await app.sql(
      `update disclosure_request set reconsideration_filed_on = '2025-02-01', reconsideration_result = 'UPHELD',
              litigation_filed_on = '2025-03-01', litigation_after_reconsideration = true, litigation_result = 'PENDING', fee_amount = 20 where id = $1`,
      [a],
    );
    const hp = await unitId(app, 'HP');
    const res = await app.gql(STATISTICS, { unitId: hp, year: 2025 }, 'hp-admin');
    expect(res.errors).toBeUndefined();
    const s = res.data!.requestStatistics;
    expect(s).toMatchObject({
      templateCode: 'GOV-2021',
      received: 3,
      carriedOver: 1,
      concluded: 2,
      carriedForward: 2,
      withdrawn: 1,
      failedChecks: [],
      feesCharged: 1,
      feesTotal: 20,
    });
    const t = s.gov2021;
    expect([t['t3.new.NP'], t['t3.new.LAW'], t['t3.new.RES'], t['t3.new.TOTAL']]).toEqual([1, 1, 1, 3]);
    expect([t['t3.carriedOver.NP'], t['t3.carriedOver.TOTAL'], t['t3.carriedOver.BIZ']]).toEqual([1, 1, 0]);
    expect([t['t3.granted.NP'], t['t3.other.other.RES'], t['t3.resultTotal.TOTAL']]).toEqual([1, 1, 2]);
    expect([t['t3.carriedForward.NP'], t['t3.carriedForward.LAW'], t['t3.carriedForward.TOTAL']]).toEqual([1, 1, 2]);
    expect([t['t4.review.upheld'], t['t4.review.total'], t['t4.suitAfterReview.pending'], t['t4.suitDirect.total']]).toEqual([1, 1, 1, 0]);
    // The next year takes over what this one carried forward.
    const next = (await app.gql(STATISTICS, { unitId: hp, year: 2026 }, 'hp-admin')).data!.requestStatistics;
    expect(next.gov2021['t3.carriedOver.NP']).toBe(t['t3.carriedForward.NP']);
    expect(next.gov2021['t3.refused.secret.NP']).toBe(1);
    expect(next.failedChecks).toEqual([]);
    // Anonymised counts are for staff of the body only.
    expect(codes(await app.gql(STATISTICS, { unitId: hp, year: 2025 }, 'tj-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(STATISTICS, { unitId: hp, year: 2025 }))).toEqual(['UNAUTHENTICATED']);
  });

  it('satisfies every check of the GOV-2021 template on generated data, year after year', async () => {
    // 300 requests over three years with random dates, applicants and outcomes (a fixed seed, so a failure repeats).
    await app.sql(`select setseed(0.17)`);
    await app.sql(`
      with g as (
        select n, date '2024-01-01' + (random() * 900)::int as received, random() as p, (random() * 120)::int as took,
               (array['NATURAL_PERSON','BUSINESS','RESEARCH','PUBLIC_INTEREST','LEGAL_SERVICE','OTHER_ORG'])[1 + (random() * 5)::int] as type,
               (array['GRANTED:','PARTLY_GRANTED:','REFUSED:SECRET','REFUSED:CASE_FILE','UNABLE_TO_PROVIDE:NOT_HELD','NOT_PROCESSED:REPEAT','OTHER:NO_CORRECTION','OTHER:OTHER'])[1 + (random() * 7)::int] as o
          from generate_series(1, 300) n)
      insert into disclosure_request (body_unit_id, tracking_number, channel, applicant_type, applicant_name, description, received_on, status, due_on,
                                      outcome, outcome_reason, concluded_on)
      select (select id from org_unit where code = 'XN'), 'YSGEN-' || n, 'ONLINE', type, '测试', '测试申请', received,
             case when p < 0.85 and received + took <= date '2026-11-30' then 'CONCLUDED' else 'OPEN' end, received + 28,
             case when p < 0.85 and received + took <= date '2026-11-30' then split_part(o, ':', 1) end,
             case when p < 0.85 and received + took <= date '2026-11-30' then nullif(split_part(o, ':', 2), '') end,
             case when p < 0.85 and received + took <= date '2026-11-30' then received + took end
        from g`);
    const xn = await unitId(app, 'XN');
    let previous: Record<string, number> | null = null;
    for (const year of [2024, 2025, 2026]) {
      const s = (await app.gql(STATISTICS, { unitId: xn, year }, 'xn-admin')).data!.requestStatistics;
      expect(s.failedChecks).toEqual([]);
      for (const col of ['NP', 'BIZ', 'RES', 'NGO', 'LAW', 'OTH', 'TOTAL']) {
        const t = s.gov2021;
        expect(t[`t3.new.${col}`] + t[`t3.carriedOver.${col}`]).toBe(t[`t3.resultTotal.${col}`] + t[`t3.carriedForward.${col}`]);
        if (previous) expect(t[`t3.carriedOver.${col}`]).toBe(previous[`t3.carriedForward.${col}`]);
      }
      previous = s.gov2021;
    }
    expect(previous!['t3.new.TOTAL']).toBeGreaterThan(0);
  });

  it('reproduces 天津海关 2017 from the seeded register: the report’s figures and the accepted CUSTOMS-2009 request rows', async () => {
    const tj = await unitId(app, 'TJ');
    const s = (await app.gql(STATISTICS, { unitId: tj, year: 2017 }, 'tj-admin')).data!.requestStatistics;
    expect(s).toMatchObject({ templateCode: 'CUSTOMS-2009', received: 23, carriedOver: 0, concluded: 23, carriedForward: 0, withdrawn: 1 });
    expect(s.gov2021).toMatchObject({
      't3.granted.TOTAL': 3,
      't3.partly.TOTAL': 1,
      't3.unable.notHeld.TOTAL': 13,
      't3.other.noCorrection.TOTAL': 5,
      't3.other.other.TOTAL': 1,
    });
    const [accepted] = await app.sql(
      `select s.figures from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'TJ' and s.year = 2017 and s.status = 'ACCEPTED'`,
    );
    for (const [key, value] of Object.entries(s.customs2009)) expect([key, value]).toEqual([key, accepted.figures[key]]);
    expect(Object.keys(s.customs2009).sort()).toEqual(
      [
        'requests.total',
        'requests.inPerson',
        'requests.letter',
        'requests.fax',
        'requests.email',
        'requests.other',
        'replies.total',
        'replies.granted',
        'replies.partly',
        'replies.refused',
        'replies.exempt',
        'replies.other',
        'reconsiderations',
        'lawsuits',
      ].sort(),
    );
    const docs = await app.sql(
      `select d.kind, count(*)::int as n from disclosure_request_document d join disclosure_request r on r.id = d.request_id
        where r.tracking_number like 'YS2017-%' group by d.kind order by d.kind`,
    );
    expect(docs).toEqual([
      { kind: 'CORRECTION_NOTICE', n: 5 },
      { kind: 'EXTENSION_NOTICE', n: 1 },
      { kind: 'NOTICE', n: 9 },
      { kind: 'REPLY', n: 13 },
    ]);
  });
});

describe('fillAnnualStatisticsFromRequests', () => {
  it('fills the accepted Tianjin 2017 figures as a correction whose request rows equal them, each marked REGISTER', async () => {
    const tj = await unitId(app, 'TJ');
    const refused = await app.gql(FILL, { input: { unitId: tj, year: 2017 } }, 'tj-admin');
    expect(badFields(refused)).toEqual(['input.correctionReason']);
    const res = await app.gql(FILL, { input: { unitId: tj, year: 2017, correctionReason: '由依申请公开登记核对' } }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    const f = res.data!.fillAnnualStatisticsFromRequests;
    expect(f.statistics).toMatchObject({ revision: 2, status: 'DRAFT' });
    expect(f.registerCells).toContain('replies.other');
    const [row] = await app.sql(`select figures, cell_sources from annual_statistics where id = $1`, [
      Number(Buffer.from(f.statistics.id, 'base64url').toString().split(':')[1]),
    ]);
    const [accepted] = await app.sql(
      `select s.figures from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'TJ' and s.year = 2017 and s.status = 'ACCEPTED'`,
    );
    for (const key of f.registerCells) {
      expect([key, row.figures[key]]).toEqual([key, accepted.figures[key]]);
      expect(row.cell_sources[key]).toBe('REGISTER');
    }
    expect(f.statistics.notes['requests.total']).toContain('由依申请公开登记计算');
  });

  it('fills a GOV-2021 draft cell by cell and the catalogue’s cells of a CUSTOMS-2009 year; a filled cell can be corrected with a reason', async () => {
    await app.sql(`insert into disclosure_request (body_unit_id, tracking_number, channel, applicant_type, applicant_name, description, received_on, due_on)
                   select id, 'YSFILL-1', 'EMAIL', 'BUSINESS', '测试', '测试申请', '2025-03-03', '2025-03-31' from org_unit where code = 'HP'`);
    const hp = await unitId(app, 'HP');
    const res = await app.gql(FILL, { input: { unitId: hp, year: 2025 } }, 'hp-admin');
    expect(res.errors).toBeUndefined();
    const f = res.data!.fillAnnualStatisticsFromRequests;
    // Table 3 has 25 rows of 7 columns (the 175 cells typed by hand before), table 4 has 3 rows of 5.
    expect(f.registerCells.length).toBe(25 * 7 + 15);
    expect(f.statistics.figures['t3.new.BIZ']).toBeGreaterThanOrEqual(1);

    const corrected = await app.gql(
      CORRECT_CELL,
      { input: { unitId: hp, year: 2025, key: 't3.new.BIZ', value: 9, reason: '补录纸质登记簿中的申请', expectedVersion: f.statistics.version } },
      'hp-admin',
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctFilledStatisticsCell.figures['t3.new.BIZ']).toBe(9);
    expect(corrected.data!.correctFilledStatisticsCell.notes['t3.new.BIZ']).toContain('补录纸质登记簿中的申请');
    const [row] = await app.sql(`select cell_sources from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP' and s.year = 2025`);
    expect(row.cell_sources['t3.new.BIZ']).toBeUndefined();
    expect(row.cell_sources['t3.new.NP']).toBe('REGISTER');
    const typed = await app.gql(CORRECT_CELL, { input: { unitId: hp, year: 2025, key: 't3.new.BIZ', value: 1, reason: '再改' } }, 'hp-admin');
    expect(badFields(typed)).toEqual(['input.key']);

    // A CUSTOMS-2009 year: items published in it come from the catalogue (of which on the portal).
    await make.item(app, { unit: 'HP-BGS', status: 'PUBLISHED', isPublic: true, publishedAt: '2019-04-01T10:00:00+08:00' });
    await make.item(app, { unit: 'HP-BGS', status: 'PUBLISHED', isPublic: true, publishedAt: '2019-05-01T10:00:00+08:00' });
    const c = await app.gql(FILL, { input: { unitId: hp, year: 2019 } }, 'hp-admin');
    expect(c.errors).toBeUndefined();
    expect(c.data!.fillAnnualStatisticsFromRequests.catalogueCells).toEqual(['proactive.total', 'proactive.portal']);
    expect(c.data!.fillAnnualStatisticsFromRequests.statistics.figures).toMatchObject({ 'proactive.total': 2, 'proactive.portal': 2, 'requests.total': 0 });
    // Only those who report for the unit may fill it.
    expect(codes(await app.gql(FILL, { input: { unitId: hp, year: 2025 } }, 'tj-admin'))).toEqual(['NOT_FOUND']);
  });
});
