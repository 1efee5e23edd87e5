import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { GOV_2021, type TemplateDefinition } from '../../src/modules/statistics/template-definitions';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
  await make.user(app, { username: 'cjb-liaison', unit: 'XN-CJB', grants: [['LIAISON']] });
});
afterAll(() => app.close());

const CREATE = `mutation($input: CreateStatisticsTemplateInput!) { createStatisticsTemplate(input: $input) { id code version status yearFrom yearTo activatedAt } }`;
const UPDATE = `mutation($input: UpdateStatisticsTemplateInput!) { updateStatisticsTemplate(input: $input) { id name status } }`;
const ACTIVATE = `mutation($input: ActivateStatisticsTemplateInput!) { activateStatisticsTemplate(input: $input) { id version status activatedAt } }`;
const SAVE = `mutation($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) { template { code version } figures } }`;
const fieldsOf = (res: { errors?: readonly { extensions?: Record<string, any> }[] }) =>
  (res.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];

/** GOV-2021 with a 2026 addition: 依申请公开·网上申请数, part of a new 收到申请合计. */
function nextGov(): TemplateDefinition {
  const def: TemplateDefinition = JSON.parse(JSON.stringify(GOV_2021.definition));
  def.cells.push(
    { key: 'x.online', label: '网上申请数', kind: 'COUNT', summable: true, unit: '件' },
    { key: 'x.offline', label: '其他方式申请数', kind: 'COUNT', summable: true, unit: '件' },
    { key: 'x.total', label: '收到申请合计', kind: 'COUNT', summable: true, unit: '件' },
  );
  def.rules.push({
    code: 'x-total',
    kind: 'SUM',
    description: '收到申请合计 = 网上 + 其他方式',
    target: 'x.total',
    total: 'x.total',
    parts: ['x.online', 'x.offline'],
  });
  return def;
}

describe('templates maintained through the API', () => {
  it('creates a draft version that applies to no year until activated, then freezes it; every step audited', async () => {
    const input = { code: 'GOV-2021', name: '政府信息公开工作年度报告（2026 年修订）', yearFrom: 2026, yearTo: null, definition: nextGov() };
    expect(codes(await app.gql(CREATE, { input }, 'tj-admin'))).toEqual(['FORBIDDEN']);
    const created = await app.gql(CREATE, { input }, 'admin');
    expect(created.errors).toBeUndefined();
    const t = created.data!.createStatisticsTemplate;
    expect(t).toMatchObject({ code: 'GOV-2021', version: 2, status: 'DRAFT', yearFrom: 2026, activatedAt: null });

    const cjb = await unitId(app, 'XN-CJB');
    const before = await app.gql(SAVE, { input: { unitId: cjb, year: 2026, figures: { 't3.new.NP': 1 } } }, 'cjb-liaison');
    expect(before.data!.saveAnnualStatistics.template).toEqual({ code: 'GOV-2021', version: 1 });

    expect((await app.gql(UPDATE, { input: { id: t.id, name: '政府信息公开工作年度报告（2026 年版）' } }, 'admin')).errors).toBeUndefined();
    const activated = await app.gql(ACTIVATE, { input: { id: t.id } }, 'admin');
    expect(activated.data!.activateStatisticsTemplate).toMatchObject({ version: 2, status: 'ACTIVE' });

    // From now on 2026 is filed on version 2, with its new sum computed.
    const after = await app.gql(SAVE, { input: { unitId: cjb, year: 2026, figures: { 'x.online': 2, 'x.offline': 1 } } }, 'cjb-liaison');
    expect(after.errors).toBeUndefined();
    expect(after.data!.saveAnnualStatistics).toEqual({ template: { code: 'GOV-2021', version: 2 }, figures: { 'x.online': 2, 'x.offline': 1, 'x.total': 3 } });
    // 2025 keeps version 1.
    const y2025 = await app.gql(SAVE, { input: { unitId: cjb, year: 2025, figures: {} } }, 'cjb-liaison');
    expect(y2025.data!.saveAnnualStatistics.template.version).toBe(1);

    const frozen = await app.gql(UPDATE, { input: { id: t.id, name: '改名' } }, 'admin');
    expect(fieldsOf(frozen)).toEqual([{ field: 'input.id', message: '模板 GOV-2021 第 2 版已启用并已被 1 份统计使用，已冻结，不能修改；请新建一个版本' }]);
    expect(codes(await app.gql(ACTIVATE, { input: { id: t.id } }, 'admin'))).toEqual(['BAD_USER_INPUT']);

    const audit = await app.sql(
      `select action, actor_username, after->>'status' as status from audit_record where target_type = 'StatisticsTemplate' order by id`,
    );
    expect(audit.map((a: any) => [a.action, a.actor_username, a.status])).toEqual([
      ['statistics.createStatisticsTemplate', 'admin', 'DRAFT'],
      ['statistics.updateStatisticsTemplate', 'admin', 'DRAFT'],
      ['statistics.activateStatisticsTemplate', 'admin', 'ACTIVE'],
    ]);
  });

  it('refuses a bad definition with every problem named, and writes nothing', async () => {
    const def = nextGov();
    def.cells.push({ key: 'x.online', label: 'Online requests', kind: 'COUNT', summable: true }); // duplicate key, English label
    def.rules.push({ code: 'x-cycle', kind: 'SUM', description: '循环', target: 'x.online', total: 'x.online', parts: ['x.total'] }); // x.total → x.online → x.total
    def.rules.push({ code: 'x-unknown', kind: 'AT_MOST', description: '未知', target: 'x.nope', total: 'x.nope', parts: ['x.online'] });
    def.tables[0].rows[0].cells[0] = 'x.missing';
    def.tables[0].title = 'Table';
    const n = async () => (await app.sql(`select count(*)::int as n from statistics_template`))[0].n;
    const before = await n();
    const res = await app.gql(CREATE, { input: { code: 'GOV-2021', name: '错误的版本', yearFrom: 2030, yearTo: 2029, definition: def } }, 'admin');
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const problems = fieldsOf(res).map((p) => `${p.field}: ${p.message}`);
    const dup = def.cells.length - 1;
    expect(problems).toEqual(
      expect.arrayContaining([
        `input.definition.cells[${dup}].label: 必须使用中文标注`,
        `input.definition.cells.key[${dup}]: 键 x.online 重复`,
        'input.definition.tables[0].title: 必须使用中文标注',
        'input.definition.tables[0].rows[0].cells[0]: 引用了不存在的单元格 x.missing',
        `input.definition.rules[${def.rules.length - 1}].target: 引用了不存在的单元格 x.nope`,
        `input.definition.rules[${def.rules.length - 1}].total: 引用了不存在的单元格 x.nope`,
        'input.definition.rules: 合计关系形成循环：x.total → x.online → x.total',
        'input.yearTo: 结束年度不得早于起始年度',
      ]),
    );
    expect(await n()).toBe(before);
    const notChinese = await app.gql(CREATE, { input: { code: 'gov', name: 'English', yearFrom: 2030, definition: { cells: 1 } } }, 'admin');
    expect(fieldsOf(notChinese).map((p) => p.field)).toEqual(['input.code', 'input.name']);
  });
});
