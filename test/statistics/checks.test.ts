import { codes, TestApp, unitId } from '../helpers/app';
import { checkCellTypes, checkRules } from '../../src/modules/statistics/statistics.checks';
import type { TemplateDefinition } from '../../src/modules/statistics/template-definitions';
import { make } from '../helpers/factories';
import { ACCEPT, newKey, SAVE, SUBMIT, table3 } from './helpers';

let app: TestApp;
let cjb: string;
beforeAll(async () => {
  app = await TestApp.create();
  cjb = await unitId(app, 'XN-CJB');
  await make.user(app, { username: 'cjb-liaison', unit: 'XN-CJB', grants: [['LIAISON']] });
});
afterAll(() => app.close());

const fieldsOf = (res: { errors?: { extensions?: Record<string, any> }[] }) =>
  (res.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string; rule?: string }[];

/** Saves as the XN-CJB liaison and tries to submit; returns both answers. */
async function saveAndSubmit(year: number, figures: Record<string, unknown>, templateCode?: string) {
  const saved = await app.gql(SAVE, { input: { unitId: cjb, year, figures, templateCode } }, 'cjb-liaison');
  expect(saved.errors).toBeUndefined();
  const row = saved.data!.saveAnnualStatistics;
  const submitted = await app.gql(SUBMIT, { input: { id: row.id, idempotencyKey: newKey() } }, 'cjb-liaison');
  return { row, submitted };
}

describe('templates are data', () => {
  it('lists CUSTOMS-2009 and GOV-2021 with their year ranges, cells and rules, read from the database', async () => {
    await app.sql(`update statistics_template set name = name || '（库）' where code = 'GOV-2021'`);
    const res = await app.gql(
      `{ statisticsTemplates { code version name yearFrom yearTo cells { key label kind summable unit } rules { code kind } tables { code layout rows { label cells } columns { label group } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [customs, supplement, gov] = res.data!.statisticsTemplates;
    expect(supplement).toMatchObject({ code: 'CUSTOMS-SUPPLEMENT-2021', yearFrom: 2021, yearTo: null });
    expect(customs).toMatchObject({ code: 'CUSTOMS-2009', yearFrom: 2008, yearTo: 2020 });
    expect(gov).toMatchObject({ code: 'GOV-2021', yearFrom: 2021, yearTo: null });
    expect(gov.name).toMatch(/（库）$/);
    expect(customs.cells.find((c: any) => c.key === 'funding.special')).toEqual({
      key: 'funding.special',
      label: '海关政务公开专项经费',
      kind: 'AMOUNT',
      summable: true,
      unit: '万元',
    });
    expect(customs.cells.find((c: any) => c.key === 'org.office')).toMatchObject({ kind: 'TEXT', summable: false });
    expect(customs.cells.find((c: any) => c.key === 'consultations.satisfaction')).toMatchObject({ kind: 'RATE', summable: false });
    const t3 = gov.tables.find((t: any) => t.code === 'T3');
    expect(t3.columns.map((c: any) => c.label)).toEqual(['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计']);
    expect(t3.rows.filter((r: any) => /^\d\. /.test(r.label))).toHaveLength(8 + 3 + 5 + 3);
    expect(gov.rules.map((r: any) => r.kind)).toEqual(expect.arrayContaining(['SUM', 'BALANCE', 'CARRY_OVER']));
  });

  it('the seeded real figures pass every check of their template', async () => {
    const rows = await app.sql<{ code: string; year: number; figures: any; definition: TemplateDefinition; tcode: string }>(
      `select u.code, s.year, s.figures, t.definition, t.code as tcode from annual_statistics s join org_unit u on u.id = s.unit_id
        join statistics_template t on t.id = s.template_id where s.status = 'ACCEPTED'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      const typed = checkCellTypes(r.definition, r.figures, r.tcode);
      expect([r.code, r.year, typed.problems, checkRules(r.definition, typed.figures, null)]).toEqual([r.code, r.year, [], []]);
    }
  });
});

describe('checks (GOV-2021)', () => {
  it('passes a consistent table 3', async () => {
    const { submitted } = await saveAndSubmit(2021, table3({ NP: { new: 5, granted: 2, 'unable.notHeld': 1 }, BIZ: { new: 3, partly: 1 } }));
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data!.submitAnnualStatistics.status).toBe('SUBMITTED');
  });

  it('fails the table identity per applicant column: draft keeps the figures with warnings, submit is refused with the same list', async () => {
    const f = table3({ NP: { new: 5, granted: 2 }, LAW: { new: 1, granted: 1 } });
    f['t3.carriedForward.NP'] += 1; // 5 + 0 ≠ 2 + 4
    f['t3.carriedForward.TOTAL'] += 1; // keep the row total right, so only the identity fails
    const { row, submitted } = await saveAndSubmit(2022, f);
    expect(row.status).toBe('DRAFT');
    expect(row.figures['t3.carriedForward.NP']).toBe(4);
    expect(row.warnings.map((w: any) => [w.field, w.rule])).toEqual([
      ['input.figures.t3.carriedForward.NP', 't3-identity.NP'],
      ['input.figures.t3.carriedForward.TOTAL', 't3-identity.TOTAL'],
    ]);
    expect(codes(submitted)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(submitted).map((p) => [p.field, p.rule])).toEqual(row.warnings.map((w: any) => [w.field, w.rule]));
    const [stored] = await app.sql(`select status from annual_statistics where id = (select max(id) from annual_statistics)`);
    expect(stored.status).toBe('DRAFT');
  });

  it('refuses typed totals that disagree with their parts at save, naming the total and its parts; nothing is written', async () => {
    const f: Record<string, number> = {
      ...table3({ NP: { new: 2, granted: 2 } }),
      't4.review.upheld': 1,
      't4.review.corrected': 0,
      't4.review.other': 0,
      't4.review.pending': 1,
      't4.review.total': 3,
    };
    f['t3.granted.TOTAL'] = 3; // row: 2 + 0 … ≠ 3
    f['t3.resultTotal.BIZ'] = 1; // column: results add up to 0
    const before = await app.sql(`select count(*)::int as n from annual_statistics`);
    const saved = await app.gql(SAVE, { input: { unitId: cjb, year: 2023, figures: f } }, 'cjb-liaison');
    expect(codes(saved)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(saved).map((p) => p.field)).toEqual(
      expect.arrayContaining(['input.figures.t3.granted.TOTAL', 'input.figures.t3.resultTotal.BIZ', 'input.figures.t4.review.total']),
    );
    const t4 = fieldsOf(saved).find((p) => p.field === 'input.figures.t4.review.total')!;
    expect(t4.message).toBe(
      '合计数填报为 3，但其组成项（t4.review.upheld + t4.review.corrected + t4.review.other + t4.review.pending）之和为 2；合计由系统根据组成项自动计算，请核对',
    );
    expect(await app.sql(`select count(*)::int as n from annual_statistics`)).toEqual(before);
  });

  it('computes the totals from the leaves and marks each cell typed or computed', async () => {
    const leaves = Object.fromEntries(
      Object.entries(table3({ NP: { new: 3, granted: 2, 'unable.notHeld': 1 }, BIZ: { new: 2, partly: 1 } })).filter(
        ([k]) => !k.endsWith('.TOTAL') && !k.startsWith('t3.resultTotal.'),
      ),
    );
    const saved = await app.gql(
      `mutation($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) {
        id figures warnings { rule } cells { key number source } } }`,
      {
        input: {
          unitId: cjb,
          year: 2027,
          figures: { ...leaves, 't4.review.upheld': 1, 't4.review.corrected': 0, 't4.review.other': 0, 't4.review.pending': 1 },
        },
      },
      'cjb-liaison',
    );
    expect(saved.errors).toBeUndefined();
    const row = saved.data!.saveAnnualStatistics;
    expect(row.warnings).toEqual([]);
    expect(row.figures).toMatchObject({ 't3.new.TOTAL': 5, 't3.resultTotal.NP': 3, 't3.resultTotal.BIZ': 1, 't3.resultTotal.TOTAL': 4, 't4.review.total': 2 });
    const cell = (key: string) => row.cells.find((c: any) => c.key === key);
    expect(cell('t3.new.NP')).toEqual({ key: 't3.new.NP', number: 3, source: 'TYPED' });
    expect(cell('t3.new.TOTAL')).toEqual({ key: 't3.new.TOTAL', number: 5, source: 'COMPUTED' });
    expect(cell('t3.resultTotal.TOTAL')).toEqual({ key: 't3.resultTotal.TOTAL', number: 4, source: 'COMPUTED' });
    expect(cell('t4.suitDirect.total')).toEqual({ key: 't4.suitDirect.total', number: null, source: null });
    // Stored with the figures, and read back the same way.
    const [stored] = await app.sql(`select cell_sources from annual_statistics where id = (select max(id) from annual_statistics)`);
    expect(stored.cell_sources).toMatchObject({ 't3.new.TOTAL': 'COMPUTED', 't4.review.total': 'COMPUTED' });
    expect(stored.cell_sources['t3.new.NP']).toBeUndefined();
    const read = await app.gql(`query($u: ID!) { annualStatistics(unitId: $u, year: 2027) { cells { key source } } }`, { u: cjb }, 'cjb-liaison');
    expect(read.data!.annualStatistics[0].cells.find((c: any) => c.key === 't4.review.total').source).toBe('COMPUTED');
  });

  it('checks this year’s carried-over against last year’s accepted carried-forward', async () => {
    // 2024 accepted with 2 natural-person requests carried forward.
    const first = await saveAndSubmit(2024, table3({ NP: { new: 5, granted: 3 } }));
    expect(first.submitted.errors).toBeUndefined();
    const accepted = await app.gql(ACCEPT, { input: { id: first.row.id } }, 'xn-admin');
    expect(accepted.errors).toBeUndefined();

    const wrong = await saveAndSubmit(2025, table3({ NP: { carriedOver: 1, granted: 1 } }));
    expect(fieldsOf(wrong.submitted).map((p) => [p.field, p.rule])).toEqual([
      ['input.figures.t3.carriedOver.NP', 't3-carry-over.NP'],
      ['input.figures.t3.carriedOver.TOTAL', 't3-carry-over.TOTAL'],
    ]);
    expect(fieldsOf(wrong.submitted)[0].message).toMatch(/填报为 1，但上年已审核数据中 t3\.carriedForward\.NP 为 2/);
    // The draft's warnings name the same problems, in the save's answer and when read again later.
    const expected = fieldsOf(wrong.submitted).map((p) => ({ field: p.field, rule: p.rule, message: p.message }));
    expect(wrong.row.warnings.map((w: any) => ({ field: w.field, rule: w.rule, message: w.message }))).toEqual(expected);
    const read = await app.countStatements(() =>
      app.gql(`query($u: ID!) { annualStatistics(unitId: $u, year: 2025) { status warnings { field rule message } } }`, { u: cjb }, 'cjb-liaison'),
    );
    expect(read.result.data!.annualStatistics).toEqual([{ status: 'DRAFT', warnings: expected }]);

    const right = await app.gql(
      SAVE,
      { input: { unitId: cjb, year: 2025, figures: table3({ NP: { carriedOver: 2, granted: 2 } }), expectedVersion: wrong.row.version } },
      'cjb-liaison',
    );
    expect(right.data!.saveAnnualStatistics.warnings).toEqual([]);
    const ok = await app.gql(SUBMIT, { input: { id: right.data!.saveAnnualStatistics.id, idempotencyKey: newKey() } }, 'cjb-liaison');
    expect(ok.errors).toBeUndefined();
  });
});

describe('checks (CUSTOMS-2009)', () => {
  it('"of which via portal" may not exceed its total; the requests total is computed from the channels', async () => {
    const { row, submitted } = await saveAndSubmit(2019, {
      'proactive.total': 5,
      'proactive.portal': 10,
      'requests.inPerson': 1,
      'requests.letter': 1,
      'requests.fax': 0,
      'requests.email': 0,
      'requests.other': 1,
    });
    expect(row.template.code).toBe('CUSTOMS-2009');
    expect(row.figures['requests.total']).toBe(3);
    expect(fieldsOf(submitted).map((p) => [p.field, p.rule])).toEqual([['input.figures.proactive.portal', 'portal-within-total']]);
    const typedWrong = await app.gql(
      SAVE,
      {
        input: {
          unitId: cjb,
          year: 2019,
          figures: { 'requests.total': 4, 'requests.inPerson': 1, 'requests.letter': 1, 'requests.fax': 0, 'requests.email': 0, 'requests.other': 1 },
        },
      },
      'cjb-liaison',
    );
    expect(fieldsOf(typedWrong).map((p) => p.field)).toEqual(['input.figures.requests.total']);
    expect(fieldsOf(typedWrong)[0].message).toMatch(/合计数填报为 4，但其组成项（requests\.inPerson \+ .*）之和为 3/);
    const fixed = await app.gql(
      SAVE,
      {
        input: {
          unitId: cjb,
          year: 2019,
          expectedVersion: row.version,
          figures: {
            'proactive.total': 10,
            'proactive.portal': 10,
            'requests.total': 3,
            'requests.inPerson': 1,
            'requests.letter': 1,
            'requests.fax': 0,
            'requests.email': 0,
            'requests.other': 1,
          },
        },
      },
      'cjb-liaison',
    );
    expect(fixed.data!.saveAnnualStatistics.warnings).toEqual([]);
  });

  it('treats consultation channels as "of which" figures (Tianjin 2008: 17195 ≥ 11679 + 4132 + 1322) but refuses more than the total', async () => {
    const ok = await app.gql(
      SAVE,
      {
        input: {
          unitId: cjb,
          year: 2008,
          figures: { 'consultations.total': 17195, 'consultations.phone': 11679, 'consultations.visit': 4132, 'consultations.online': 1322 },
        },
      },
      'cjb-liaison',
    );
    expect(ok.data!.saveAnnualStatistics.warnings).toEqual([]);
    const bad = await app.gql(
      SAVE,
      {
        input: {
          unitId: cjb,
          year: 2008,
          expectedVersion: ok.data!.saveAnnualStatistics.version,
          figures: { 'consultations.total': 100, 'consultations.phone': 90, 'consultations.online': 20 },
        },
      },
      'cjb-liaison',
    );
    expect(bad.data!.saveAnnualStatistics.warnings.map((w: any) => w.rule)).toEqual(['consultations-by-channel']);
  });
});

describe('bad input is refused with every problem named, nothing saved', () => {
  it('names unknown keys, wrong types, negative and fractional counts, a template not applying, a unit out of scope', async () => {
    const before = await app.sql(`select count(*)::int as n from annual_statistics`);
    const res = await app.gql(
      SAVE,
      {
        input: {
          unitId: await unitId(app, 'XN-GEM'),
          year: 2019,
          templateCode: 'GOV-2021',
          figures: { 'no.such.cell': 1, 't3.new.NP': -1, 't3.granted.NP': 1.5, 't3.partly.NP': 'three', 't2.fees.amount': -2 },
        },
      },
      'cjb-liaison',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res).map((p) => p.field)).toEqual([
      'input.unitId',
      'input.templateCode',
      'input.figures.no.such.cell',
      'input.figures.t3.new.NP',
      'input.figures.t3.granted.NP',
      'input.figures.t3.partly.NP',
      'input.figures.t2.fees.amount',
    ]);
    expect(fieldsOf(res)[1].message).toBe('GOV-2021 不适用于 2019 年度（适用于 2021– 年度）');

    const typedInput = {
      unitId: cjb,
      year: 2021,
      figures: { 'no.such.cell': 1, 't3.new.NP': -1, 't3.granted.NP': 1.5, 't3.partly.NP': 'three', 't2.fees.amount': -2, 't2.fees.amount.x': null },
      notes: { nope: 'x' },
    };
    const typed = await app.gql(SAVE, { input: typedInput }, 'cjb-liaison');
    expect(fieldsOf(typed).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'input.figures.no.such.cell: 不是模板 GOV-2021 中的单元格',
      'input.figures.t3.new.NP: 必须是非负整数（COUNT）',
      'input.figures.t3.granted.NP: 必须是非负整数（COUNT）',
      'input.figures.t3.partly.NP: 必须是非负整数（COUNT）',
      'input.figures.t2.fees.amount: 必须是非负金额（AMOUNT）',
      'input.figures.t2.fees.amount.x: 不是模板 GOV-2021 中的单元格',
      'input.notes.nope: 不是模板 GOV-2021 中的单元格',
    ]);
    // The same reasons in English on request, with their catalogue keys.
    const typedEn = await app.gql(SAVE, { input: typedInput }, 'cjb-liaison', { acceptLanguage: 'en' });
    expect(fieldsOf(typedEn).map((p) => `${p.field}: ${p.message}`)).toEqual([
      'input.figures.no.such.cell: is not a cell of template GOV-2021',
      'input.figures.t3.new.NP: must be a non-negative integer (COUNT)',
      'input.figures.t3.granted.NP: must be a non-negative integer (COUNT)',
      'input.figures.t3.partly.NP: must be a non-negative integer (COUNT)',
      'input.figures.t2.fees.amount: must be a non-negative amount (AMOUNT)',
      'input.figures.t2.fees.amount.x: is not a cell of template GOV-2021',
      'input.notes.nope: is not a cell of template GOV-2021',
    ]);
    expect(typedEn.errors![0].extensions!.fields[1]).toMatchObject({ rule: 'kind-COUNT', messageKey: 'statistics.checks.kind.COUNT' });
    const noTemplate = await app.gql(SAVE, { input: { unitId: cjb, year: 2007, figures: {} } }, 'cjb-liaison');
    expect(fieldsOf(noTemplate)).toEqual([
      { field: 'input.year', message: '没有适用于 2007 年度的统计报表模板', messageKey: 'statistics.save.noTemplateForYear' },
    ]);
    const after = await app.sql(`select count(*)::int as n from annual_statistics`);
    expect(after[0].n).toBe(before[0].n);
  });
});

describe('cost of a save', () => {
  it('saves a draft in a fixed number of statements, templates read once per process', async () => {
    const input = { unitId: cjb, year: 2031, figures: {} };
    await app.gql(SAVE, { input }, 'cjb-liaison'); // warms the template cache
    const again = await app.countStatements(() => app.gql(SAVE, { input: { ...input, year: 2032 } }, 'cjb-liaison'));
    expect(again.result.errors).toBeUndefined();
    const update = await app.countStatements(() =>
      app.gql(SAVE, { input: { ...input, year: 2032, expectedVersion: again.result.data!.saveAnnualStatistics.version } }, 'cjb-liaison'),
    );
    expect(update.result.errors).toBeUndefined();
    // The test's token lookup (1); the save, its audit record and last year's carried figures in one
    // statement (1); for the response, the unit (the warnings' visibility rule) and the template through
    // their loaders (2). The caller's grants were read by the first save and are remembered
    // (src/auth/principal-cache.ts).
    expect(update.statements).toBe(4);
    expect(again.statements).toBe(4);
  });

  it('writes the row and its audit record together, and concurrent saves of one draft lose nothing', async () => {
    const year = 2033;
    const figures = (n: number) => table3({ NP: { new: n, granted: n } });
    // 8 first saves of the same unit and year at once: one creates the draft, the others update it
    // (or, if they keep losing the race, answer CONFLICT). No save is lost or counted twice.
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => app.gql(SAVE, { input: { unitId: cjb, year, figures: figures(i + 1) } }, 'cjb-liaison')),
    );
    const ok = answers.filter((a) => !a.errors);
    expect(answers.filter((a) => a.errors).every((a) => codes(a)[0] === 'CONFLICT')).toBe(true);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    const rows = await app.sql(`select id, revision, version, status, figures from annual_statistics where year = $1`, [year]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ revision: 1, status: 'DRAFT', version: ok.length });
    expect(ok.map((a) => a.data!.saveAnnualStatistics.version).sort((a, b) => a - b)).toEqual(ok.map((_, i) => i + 1));
    const id = ok[0].data!.saveAnnualStatistics.id;
    const audit = await app.sql(`select before, after from audit_record where action = 'statistics.saveAnnualStatistics' and target_id = $1 order by id`, [id]);
    expect(audit).toHaveLength(ok.length);
    // The trail is a chain: each record's before is the previous record's after, and the last after is the row.
    expect(audit[0].before).toBeNull();
    for (let i = 1; i < audit.length; i++) expect(audit[i].before).toEqual(audit[i - 1].after);
    expect(audit[audit.length - 1].after).toMatchObject({ version: rows[0].version, figures: rows[0].figures, status: 'DRAFT', revision: 1, year });
  });

  it('a refused save writes nothing, not even its audit record', async () => {
    const before = await app.sql(`select (select count(*)::int from audit_record) as audit, (select count(*)::int from annual_statistics) as rows`);
    const bad = await app.gql(SAVE, { input: { unitId: cjb, year: 2034, figures: { 't3.new.NP': -1 } } }, 'cjb-liaison');
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    const after = await app.sql(`select (select count(*)::int from audit_record) as audit, (select count(*)::int from annual_statistics) as rows`);
    expect(after).toEqual(before);
  });
});
