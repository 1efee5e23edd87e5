import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { approveReport, PUBLISH_REPORT } from './helpers';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ROLLUP = `query($unitId: ID!, $year: Int!) { statisticsRollup(unitId: $unitId, year: $year) {
  year ownState acceptedUnits complete template { code }
  cells { key kind summable ownNumber ownText subtreeTotal reportingUnits note }
  children { state unit { code } totals { key total reportingUnits } } pendingChildren { state unit { code } } } }`;

describe('statisticsRollup', () => {
  beforeAll(async () => {
    // 西宁海关 2015: own figures and five expected children in every state.
    await make.statistics(app, {
      unit: 'XN',
      year: 2015,
      status: 'ACCEPTED',
      figures: { 'proactive.total': 100, 'proactive.portal': 60, 'funding.special': 1.5, 'consultations.satisfaction': 98, 'org.office': '办公室' },
    });
    await make.statistics(app, {
      unit: 'XN-CJB',
      year: 2015,
      status: 'ACCEPTED',
      figures: { 'proactive.total': 50, 'proactive.portal': 20, 'funding.special': 0.25, 'consultations.satisfaction': 90 },
    });
    await make.statistics(app, { unit: 'XN-BGS', year: 2015, status: 'ACCEPTED', figures: { 'proactive.total': 20 } });
    await make.statistics(app, { unit: 'XN-GEM', year: 2015, status: 'RETURNED', figures: { 'proactive.total': 999 } });
    await make.statistics(app, { unit: 'XN-JCS', year: 2015, status: 'SUBMITTED', figures: { 'proactive.total': 888 } });
    // XN-FGC: nothing at all.
  });

  it('gives 本级 and 系统汇总, sums only accepted figures, never sums rates or texts, and names every child not accepted', async () => {
    const res = await app.gql(ROLLUP, { unitId: await unitId(app, 'XN'), year: 2015 }, 'xn-admin');
    expect(res.errors).toBeUndefined();
    const r = res.data!.statisticsRollup;
    expect(r).toMatchObject({ year: 2015, ownState: 'ACCEPTED', acceptedUnits: 3, complete: false, template: { code: 'CUSTOMS-2009' } });
    const cell = (k: string) => r.cells.find((c: any) => c.key === k);
    expect(cell('proactive.total')).toMatchObject({ ownNumber: 100, subtreeTotal: 170, reportingUnits: 3, note: null });
    expect(cell('proactive.portal')).toMatchObject({ ownNumber: 60, subtreeTotal: 80 });
    expect(cell('funding.special')).toMatchObject({ kind: 'AMOUNT', ownNumber: 1.5, subtreeTotal: 1.75 });
    expect(cell('consultations.satisfaction')).toMatchObject({
      kind: 'RATE',
      summable: false,
      ownNumber: 98,
      subtreeTotal: null,
      note: expect.stringContaining('不可汇总'),
    });
    expect(cell('org.office')).toMatchObject({ kind: 'TEXT', ownText: '办公室', subtreeTotal: null, note: expect.stringContaining('不可汇总') });
    expect(cell('lawsuits')).toMatchObject({ ownNumber: null, subtreeTotal: null, reportingUnits: 0 });
    // Divisions (XN-BGS, XN-FGC, XN-JCS) are not expected to report (reportingRole NONE): XN-BGS's
    // accepted figures still count in the total, but no division is listed as pending.
    expect(r.children.map((c: any) => [c.unit.code, c.state])).toEqual([
      ['XN-CJB', 'ACCEPTED'],
      ['XN-GEM', 'RETURNED'],
    ]);
    expect(r.pendingChildren.map((c: any) => [c.unit.code, c.state])).toEqual([['XN-GEM', 'RETURNED']]);
  });

  it('is for staff of the unit or its superiors only', async () => {
    const vars = { unitId: await unitId(app, 'XN'), year: 2015 };
    expect(codes(await app.gql(ROLLUP, vars))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await app.gql(ROLLUP, vars, 'tj-admin'))).toEqual(['FORBIDDEN']);
    expect((await app.gql(ROLLUP, vars, 'admin')).errors).toBeUndefined();
  });

  it('uses a constant number of SQL statements whatever the subtree size', async () => {
    const vars = { unitId: await unitId(app, 'XN'), year: 2015 };
    const small = await app.countStatements(() => app.gql(ROLLUP, vars, 'xn-admin'));
    // Forty more units with accepted figures under 格尔木海关, two levels deep.
    await app.sql(`
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, 'XN-GEM-D' || n.g, '科室' || n.g, 'DIVISION', p.id, p.path || n.id || '/', p.depth + 1
        from org_unit p, (select nextval('org_unit_id_seq')::int as id, g from generate_series(1, 20) g) n
       where p.code = 'XN-GEM'`);
    await app.sql(`
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, d.code || '-S', '科', 'SECTION', d.id, d.path || n.id || '/', d.depth + 1
        from (select nextval('org_unit_id_seq')::int as id, d.id as did from org_unit d where d.code like 'XN-GEM-D%') n
        join org_unit d on d.id = n.did`);
    await app.sql(`
      insert into annual_statistics (unit_id, year, template_id, status, figures)
      select u.id, 2015, (select id from statistics_template where code = 'CUSTOMS-2009'), 'ACCEPTED', '{"proactive.total": 1, "consultations.satisfaction": 50}'::jsonb
        from org_unit u where u.code like 'XN-GEM-D%'`);
    const large = await app.countStatements(() => app.gql(ROLLUP, vars, 'xn-admin'));
    expect(large.result.data!.statisticsRollup.acceptedUnits).toBe(43);
    const r = large.result.data!.statisticsRollup;
    expect(r.cells.find((c: any) => c.key === 'proactive.total').subtreeTotal).toBe(210);
    // Per-subordinate subtree totals: 格尔木海关 now holds the twenty new divisions' figures,
    // and the subordinates' totals plus the unit's own figure make the subtree total.
    const childTotal = (code: string, key: string) => r.children.find((c: any) => c.unit.code === code)?.totals.find((t: any) => t.key === key);
    expect(childTotal('XN-GEM', 'proactive.total').reportingUnits).toBeGreaterThanOrEqual(20);
    expect(childTotal('XN-GEM', 'consultations.satisfaction')).toBeUndefined();
    const own = r.cells.find((c: any) => c.key === 'proactive.total').ownNumber ?? 0;
    const sumOfChildren = r.children.reduce((n: number, c: any) => n + (c.totals.find((t: any) => t.key === 'proactive.total')?.total ?? 0), 0);
    // XN-BGS, a division, is not a reporting child: its 20 is in the total but not in the children's rows.
    expect(sumOfChildren + own + 20).toBe(210);
    expect(large.statements).toBe(small.statements);
    expect(small.statements).toBeLessThanOrEqual(10);
  });
});

const REPORT = `query($unitId: ID!, $year: Int!) { annualReport(unitId: $unitId, year: $year) {
  id year status url markdown html publishedAt sections { overview proactive } unit { code } statistics { revision } } }`;

describe('annual report', () => {
  beforeAll(async () => {
    await make.user(app, { username: 'xn-legal', unit: 'XN', grants: [['LEGAL_REVIEWER']] });
    await make.user(app, { username: 'xn-secrecy', unit: 'XN', grants: [['SECRECY_REVIEWER']] });
  });

  it('renders the Huangpu 2009 figures in the right cells of the appendix table, as Markdown and HTML (public)', async () => {
    const res = await app.gql(REPORT, { unitId: await unitId(app, 'HP'), year: 2009 });
    expect(res.errors).toBeUndefined();
    const r = res.data!.annualReport;
    expect(r).toMatchObject({ status: 'PUBLISHED', url: '/reports/HP/2009.html', unit: { code: 'HP' }, statistics: { revision: 1 } });
    const md: string = r.markdown;
    expect(md).toContain('# 黄埔海关 2009 年度信息公开报告');
    expect(md).toContain('## 附表');
    expect(md).toContain('**黄埔海关信息公开情况统计表（2009年度）**');
    for (const line of [
      '| 1. 主动公开信息总数 | 条 | 5846 | 其中通过门户网站公开 3201 条。 |',
      '| 其中：通过门户网站公开 | 条 | 3201 |  |',
      '| 2. 新增规范性文件数 | 条 | 5 |  |',
      '| 3. 收到信息公开申请总数 | 件 | 0 |  |',
      '| （4）电子邮件申请数 | 件 | 0 |  |',
      '| 7. 投诉举报数 | 件 | 0 |  |',
      '| 8. 海关政务公开工作机构 |  | 办公室政务公开科 |  |',
      '| 9. 海关政务公开专职人员数 | 人 | 12 | 总关 1 人；隶属单位 11 人。 |',
      '| 10. 海关政务公开兼职人员数 | 人 | 85 | 含全关办公室系统兼职人员及在各单位指定的政务公开联络员。 |',
      '| 11. 举办政务公开培训班总数 | 期 | 5 |  |',
      '| 12. 参加各类政务公开（政府信息公开）培训班总人数 | 人 | 90 | 约 90 人次 |',
      '| 13. 海关政务公开专项经费 | 万元 | 0 | 2009 年度未设立政务公开专项经费。 |',
      // Huangpu 2009 never reported the consultation block: one line says so, not a column of dashes.
      '| **七、咨询投诉** |  | 未报告 |  |',
    ])
      expect(md).toContain(line);
    // The six sections, in the customs format's order.
    const headings = md
      .split('\n')
      .filter((l) => l.startsWith('## '))
      .map((l) => l.slice(3));
    expect(headings).toEqual([
      '一、政务公开工作开展情况',
      '二、主动公开海关信息的情况',
      '三、依申请公开海关信息和不予公开海关信息的情况',
      '四、因海关信息公开申请行政复议、提起行政诉讼的情况',
      '五、海关政务公开工作存在的主要问题及改进情况',
      '六、其他需要报告的事项',
      '附表',
    ]);
    const html: string = r.html;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/<td>1\. 主动公开信息总数<\/td>\s*<td>条<\/td>\s*<td align="right">5846<\/td>/);
    expect(html).toMatch(/<td>9\. 海关政务公开专职人员数<\/td>\s*<td>人<\/td>\s*<td align="right">12<\/td>/);
  });

  it('lays out GOV-2021 tables like the national format, escapes user text, and is public only once published', async () => {
    const cjb = await unitId(app, 'XN-CJB');
    await make.statistics(app, {
      unit: 'XN-CJB',
      year: 2021,
      status: 'ACCEPTED',
      figures: { 't3.new.NP': 4, 't3.new.BIZ': 1, 't3.new.TOTAL': 5, 't2.fees.amount': 0, 't4.review.total': 0 },
    });
    const SAVE_REPORT = `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { status version markdown html url } }`;
    const saved = await app.gql(
      SAVE_REPORT,
      { input: { unitId: cjb, year: 2021, overview: '总体情况<script>alert(1)</script> | 管道', problems: '**加强**培训' } },
      'xn-admin',
    );
    expect(saved.errors).toBeUndefined();
    const draft = saved.data!.saveAnnualReportSections;
    expect(draft).toMatchObject({ status: 'DRAFT', url: null });
    expect(draft.html).not.toContain('<script>');
    expect(draft.html).toContain('&lt;script&gt;');
    expect(draft.html).toContain('<strong>加强</strong>');
    expect(draft.markdown).toContain(
      '| 项目 | 自然人 | 法人或其他组织·商业企业 | 法人或其他组织·科研机构 | 法人或其他组织·社会公益组织 | 法人或其他组织·法律服务机构 | 法人或其他组织·其他 | 总计 |',
    );
    expect(draft.markdown).toContain('| 一、本年新收政府信息公开申请数量 | 4 | 1 | — | — | — | — | 5 |');
    expect(draft.markdown).toContain('| 二、上年结转政府信息公开申请数量 | 未报告 |  |  |  |  |  |  |');
    expect(draft.markdown).toContain('| **（三）不予公开** |  |  |  |  |  |  |  |');
    expect(draft.markdown).toContain('| 项目 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |');
    expect(draft.markdown.indexOf('## 三、收到和处理政府信息公开申请情况')).toBeLessThan(draft.markdown.indexOf('**收到和处理政府信息公开申请情况**'));

    expect((await app.gql(REPORT, { unitId: cjb, year: 2021 })).data!.annualReport).toBeNull();
    await approveReport(app, cjb, 2021, 'xn-admin', 'xn-legal', 'xn-secrecy');
    expect(codes(await app.gql(PUBLISH_REPORT, { input: { unitId: cjb, year: 2021 } }, 'dg-liaison'))).toEqual(['FORBIDDEN']);
    const pub = await app.gql(PUBLISH_REPORT, { input: { unitId: cjb, year: 2021 } }, 'xn-admin');
    expect(pub.data!.publishAnnualReport).toMatchObject({ status: 'PUBLISHED', url: '/reports/XN-CJB/2021.html', revision: 1 });
    expect((await app.gql(REPORT, { unitId: cjb, year: 2021 })).data!.annualReport.status).toBe('PUBLISHED');
    // Editing a published report starts a correction; the public keeps reading the publication.
    const again = await app.gql(SAVE_REPORT, { input: { unitId: cjb, year: 2021, overview: 'x' } }, 'xn-admin');
    expect(again.data!.saveAnnualReportSections).toMatchObject({ status: 'DRAFT', url: '/reports/XN-CJB/2021.html' });
    const pub1 = (await app.gql(REPORT, { unitId: cjb, year: 2021 })).data!.annualReport;
    expect(pub1).toMatchObject({ status: 'PUBLISHED', sections: { overview: '总体情况<script>alert(1)</script> | 管道' } });
  });

  it('refuses to publish without accepted figures', async () => {
    const gem = await unitId(app, 'XN-GEM');
    await app.gql(
      `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { status } }`,
      { input: { unitId: gem, year: 2015, overview: '草稿' } },
      'xn-admin',
    );
    await approveReport(app, gem, 2015, 'xn-admin', 'xn-legal', 'xn-secrecy');
    const pub = await app.gql(PUBLISH_REPORT, { input: { unitId: gem, year: 2015 } }, 'xn-admin');
    expect(pub.errors![0].extensions).toMatchObject({ code: 'FAILED_PRECONDITION', messageKey: 'statistics.report.publishNeedsAcceptedStatistics' });
    expect(pub.errors![0].message).toBe('需要本年度统计数据被上级接收后才能发布年度报告');
    const en = await app.gql(PUBLISH_REPORT, { input: { unitId: gem, year: 2015 } }, 'xn-admin', { acceptLanguage: 'en' });
    expect(en.errors![0].message).toBe('The report can be published once the statistics of its year are accepted');
    const [row] = await app.sql(`select r.status, (select count(*)::int from annual_report_publication p where p.report_id = r.id) as n
      from annual_report r join org_unit u on u.id = r.unit_id where u.code = 'XN-GEM' and r.year = 2015`);
    expect(row).toEqual({ status: 'APPROVED', n: 0 });
  });

  describe('public pages', () => {
    let server: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      server = await app.listen();
    });
    afterAll(() => server.close());

    it('serves published reports at a stable URL as HTML and Markdown, 404 otherwise', async () => {
      const html = await fetch(`${server.url}/reports/HP/2009.html`);
      expect(html.status).toBe(200);
      expect(html.headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
      expect(await html.text()).toMatch(/<td align="right">5846<\/td>/);
      const md = await fetch(`${server.url}/reports/TJ/2017.md`);
      expect(md.status).toBe(200);
      expect(await md.text()).toContain('| 1. 主动公开信息总数 | 条 | 1276 |  |');
      for (const path of ['/reports/HP/2010.html', '/reports/XN-GEM/2015.html', '/reports/NOPE/2009.html', '/reports/HP/2009.pdf']) {
        expect([path, (await fetch(`${server.url}${path}`)).status]).toEqual([path, 404]);
      }
    });
  });
});
