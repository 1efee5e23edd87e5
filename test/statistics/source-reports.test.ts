import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { ACCEPT, newKey, SUBMIT, table3 } from './helpers';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen();
  await make.user(app, { username: 'cjb-liaison', unit: 'XN-CJB', grants: [['LIAISON']] });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const REPORT = `query($unitId: ID!, $year: Int!) { annualReport(unitId: $unitId, year: $year) { status url markdown html } }`;

/** The visible text of a page: tags dropped, entities of the Chinese text untouched. */
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the sources’ own reports', () => {
  it('publishes Tianjin 2008 at /reports/TJ/2008.html as the source writes it, with its figures', async () => {
    const res = await fetch(`${server.url}/reports/TJ/2008.html`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<title>天津海关信息公开2008年度报告</title>');
    expect(html).toContain('<h1>天津海关信息公开2008年度报告</h1>');
    expect(html).toContain('<h2>一、着力“四个强化”，促进海关政务公开工作机制有效形成</h2>');
    expect(html).toContain('<h2>二、成果显著，有力促进海关建设向深层次发展</h2>');
    // No heading of the customs format the source never had, and no empty section.
    expect(html).not.toContain('三、依申请公开海关信息和不予公开海关信息的情况');
    expect(html).not.toContain('（无）');
    const text = textOf(html);
    // Figures stated in the text …
    for (const s of ['共发布海关动态408篇，海关公告74篇，津关动态14篇', '共接受各类业务咨询17195人次', '实现税收总量1186.96亿元']) expect(text).toContain(s);
    // … and in the cells of the appendix table.
    for (const [label, value] of [
      ['14. 接受各类业务咨询总数', '17195'],
      ['（1）电话咨询', '11679'],
      ['（2）来人来访', '4132'],
      ['（3）网上在线咨询', '1322'],
      ['15. 协调解决企业通关疑难问题数', '24'],
      ['16. 企业反映投诉数', '12'],
      ['17. 对外服务满意率', '99'],
    ])
      expect(html).toMatch(new RegExp(`<td>${label.replace(/[().]/g, '\\$&')}</td>\\s*<td>[^<]*</td>\\s*<td align="right">${value}</td>`));
    // Blocks Tianjin 2008 never reported say so once.
    expect(html).toMatch(/<td><strong>二、依申请公开<\/strong><\/td>\s*<td><\/td>\s*<td align="right">未报告<\/td>/);
    expect(html).not.toMatch(/<td align="right">—<\/td>/);
  });

  it('gives Tianjin 2017’s report its real sections and every figure it states', async () => {
    const r = (await app.gql(REPORT, { unitId: await unitId(app, 'TJ'), year: 2017 })).data!.annualReport;
    expect(r).toMatchObject({ status: 'PUBLISHED', url: '/reports/TJ/2017.html' });
    const md: string = r.markdown;
    expect(md.split('\n')[0]).toBe('# 天津海关2017年海关政府信息公开年度工作报告');
    for (const h of [
      '一、加强组织领导,落实各项责任',
      '二、完善公开制度,建立考评机制',
      '三、做好海关政府信息主动公开工作',
      '四、做好依申请公开的答复工作',
      '五、今后改进方向',
    ])
      expect(md).toContain(`## ${h}`);
    for (const s of [
      '发布津关动态和津关公告75篇',
      '刊登“双公示”信息919条(其中行政处罚信息701条,行政许可信息218条)',
      '共刊(播)发新闻201条',
      '用户关注2718人次,发刊24期,稿件59篇,累计阅读数22336人次',
      '共对外公开拍卖信息14条,刊发政府采购信息8条',
      '《海关政府信息公开答复书》11份(含合并答复),《海关政府信息公开延期答复告知书》1份,《海关政府信息公开告知书》3份',
    ])
      expect(md).toContain(s);
    // Where the template has a cell, the figure is in it.
    for (const line of [
      '| 1. 主动公开信息总数 | 条 | 1276 |',
      '| 其中：通过门户网站公开 | 条 | 1016 |',
      '| 3. 收到信息公开申请总数 | 件 | 23 |',
      '| （2）信函申请数 | 件 | 1 |',
    ])
      expect(md).toContain(line);
  });
});

describe('the customs supplement to GOV-2021', () => {
  const SAVE = `mutation($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) {
    id status figures warnings { rule } template { code } cells { key number source } } }`;

  it('files consultation, staff, training and funding figures with the national template; roll-up and report show both', async () => {
    const cjb = await unitId(app, 'XN-CJB');
    const figures = {
      ...table3({ NP: { new: 2, granted: 2 } }),
      'consultations.phone': 300,
      'consultations.visit': 40,
      'consultations.online': 60,
      'consultations.total': 420,
      'staff.fullTime': 1,
      'staff.partTime': 6,
      'training.sessions': 2,
      'funding.special': 1.5,
    };
    const saved = await app.gql(SAVE, { input: { unitId: cjb, year: 2022, figures } }, 'cjb-liaison');
    expect(saved.errors).toBeUndefined();
    const row = saved.data!.saveAnnualStatistics;
    expect(row.template.code).toBe('GOV-2021');
    expect(row.warnings).toEqual([]);
    expect(row.cells.find((c: any) => c.key === 'consultations.total')).toEqual({ key: 'consultations.total', number: 420, source: 'TYPED' });
    // The supplement's checks apply: channels are "of which" figures of the consultations total.
    const over = await app.gql(SAVE, { input: { unitId: cjb, year: 2022, figures: { ...figures, 'consultations.total': 100 } } }, 'cjb-liaison');
    expect(over.data!.saveAnnualStatistics.warnings.map((w: any) => w.rule)).toEqual(['consultations-by-channel']);
    const back = await app.gql(SAVE, { input: { unitId: cjb, year: 2022, figures } }, 'cjb-liaison');
    expect((await app.gql(SUBMIT, { input: { id: back.data!.saveAnnualStatistics.id, idempotencyKey: newKey() } }, 'cjb-liaison')).errors).toBeUndefined();
    expect((await app.gql(ACCEPT, { input: { id: back.data!.saveAnnualStatistics.id } }, 'xn-admin')).errors).toBeUndefined();

    const rollup = await app.gql(
      `query($u: ID!) { statisticsRollup(unitId: $u, year: 2022) { cells { key subtreeTotal } } }`,
      { u: await unitId(app, 'XN') },
      'xn-admin',
    );
    expect(rollup.errors).toBeUndefined();
    const cell = (k: string) => rollup.data!.statisticsRollup.cells.find((c: any) => c.key === k);
    expect(cell('consultations.total').subtreeTotal).toBe(420);
    expect(cell('t3.new.TOTAL').subtreeTotal).toBe(2);

    const report = await app.gql(
      `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { markdown } }`,
      { input: { unitId: cjb, year: 2022, overview: '总体情况' } },
      'xn-admin',
    );
    const md: string = report.data!.saveAnnualReportSections.markdown;
    expect(md).toContain('**收到和处理政府信息公开申请情况**');
    expect(md).toMatch(/\*\*\S+海关政务公开补充统计表（2022年度）\*\*/);
    expect(md).toContain('| 1. 接受各类业务咨询总数 | 人次 | 420 |  |');
    expect(md).toContain('| 10. 海关政务公开专项经费 | 万元 | 1.5 |  |');
    expect(md).toContain('| 9. 参加各类政务公开（政府信息公开）培训班总人数 | 人 | 未报告 |  |');
  });

  it('is not a template of its own: saving figures on it is refused, naming the main template', async () => {
    const res = await app.gql(
      SAVE,
      { input: { unitId: await unitId(app, 'XN-CJB'), year: 2023, templateCode: 'CUSTOMS-SUPPLEMENT-2021', figures: { 'staff.fullTime': 1 } } },
      'cjb-liaison',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields).toEqual([
      {
        field: 'input.templateCode',
        message: 'CUSTOMS-SUPPLEMENT-2021 是 GOV-2021 的补充表：其数据随 GOV-2021 一并填报',
        messageKey: 'statistics.save.supplementOnly',
      },
    ]);
  });
});
