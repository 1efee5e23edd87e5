import ExcelJS from 'exceljs';
import { toGlobalId } from '../../src/common/global-id';
import { TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { ExportService } from '../../src/modules/exports';
import { loadPrincipal } from '../../src/modules/organisation';

let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen();
  // 西宁海关 2015: its own figures, two accepted children, one returned, one submitted, one missing.
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
    figures: { 'proactive.total': 50, 'proactive.portal': 20, 'funding.special': 0.25 },
  });
  await make.statistics(app, { unit: 'XN-BGS', year: 2015, status: 'ACCEPTED', figures: { 'proactive.total': 20 } });
  await make.statistics(app, { unit: 'XN-GEM', year: 2015, status: 'RETURNED', figures: { 'proactive.total': 999 } });
  await make.statistics(app, { unit: 'XN-JCS', year: 2015, status: 'SUBMITTED', figures: { 'proactive.total': 888 } });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

async function download(path: string, as?: string | null, authorization?: string) {
  const headers: Record<string, string> = {};
  if (as) headers.authorization = `Bearer ${await app.tokenFor(as)}`;
  if (authorization) headers.authorization = authorization;
  const res = await fetch(`${server.url}${path}`, { headers });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

async function workbook(body: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows below the header as arrays of cell values, as wide as the header (empty cells null). */
function rowsOf(ws: ExcelJS.Worksheet): unknown[][] {
  const width = ws.getRow(1).cellCount;
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null));
  });
  return rows;
}

const ROLLUP = `query($u: ID!, $y: Int!) { statisticsRollup(unitId: $u, year: $y) {
  cells { key label unit kind ownNumber ownText subtreeTotal reportingUnits note }
  children { state unit { code name } totals { key total reportingUnits } } } }`;

describe('GET /exports', () => {
  it('streams the roll-up as XLSX: the summary, the subordinates’ states and a sheet per direct subordinate, as GraphQL answers', async () => {
    const xn = await unitId(app, 'XN');
    const { res, body } = await download(`/exports/statistics-rollup.xlsx?unitId=${encodeURIComponent(xn)}&year=2015`, 'xn-admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="XN-2015-rollup.xlsx"; filename*=UTF-8''XN-2015-rollup.xlsx`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const gql = (await app.gql(ROLLUP, { u: xn, y: 2015 }, 'xn-admin')).data!.statisticsRollup;
    const wb = await workbook(body);
    const children = gql.children as any[];
    expect(wb.worksheets.map((w) => w.name)).toEqual(['系统汇总', '下级报送情况', ...children.map((c) => c.unit.name)]);

    const summary = wb.getWorksheet('系统汇总')!;
    expect(summary.getRow(1).values).toEqual([undefined, '指标代码', '指标名称', '计量单位', '本级', '系统汇总', '报送单位数', '备注']);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rowsOf(summary)).toEqual(gql.cells.map((c: any) => [c.key, c.label, c.unit, c.ownNumber ?? c.ownText, c.subtreeTotal, c.reportingUnits, c.note]));
    const at = (key: string, col: number) => summary.getRow(2 + gql.cells.findIndex((c: any) => c.key === key)).getCell(col);
    expect(at('proactive.total', 5).value).toBe(170);
    expect(at('proactive.total', 5).numFmt).toBe('#,##0');
    expect(at('funding.special', 5).numFmt).toBe('#,##0.00');

    const states = rowsOf(wb.getWorksheet('下级报送情况')!);
    const label: Record<string, string> = { ACCEPTED: '已接受', RETURNED: '已退回', SUBMITTED: '已报送', MISSING: '未填报', DRAFT: '草稿' };
    expect(states).toEqual(children.map((c) => [c.unit.code, c.unit.name, label[c.state]]));
    const summable = gql.cells.filter((c: any) => c.subtreeTotal !== null || c.kind === 'COUNT' || c.kind === 'AMOUNT');
    for (const child of children) {
      const sheet = wb.getWorksheet(child.unit.name)!;
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const totals = new Map(child.totals.map((t: any) => [t.key, t]));
      const rows = rowsOf(sheet);
      expect(rows.length).toBe(summable.length);
      for (const row of rows) {
        const t: any = totals.get(row[0] as string);
        expect(row.slice(3)).toEqual([t?.total ?? null, t?.reportingUnits ?? 0]);
      }
    }
    const cjb = rowsOf(wb.getWorksheet(children.find((c) => c.unit.code === 'XN-CJB').unit.name)!);
    expect(cjb.find((r) => r[0] === 'proactive.total')!.slice(3)).toEqual([50, 1]);
  });

  it('writes CSV with a byte order mark and one column per direct subordinate', async () => {
    const xn = await unitId(app, 'XN');
    const { res, body } = await download(`/exports/statistics-rollup.csv?unitId=${encodeURIComponent(xn)}&year=2015`, 'xn-admin');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trimEnd().split('\r\n');
    const gql = (await app.gql(ROLLUP, { u: xn, y: 2015 }, 'xn-admin')).data!.statisticsRollup;
    expect(lines[0]).toBe(
      ['指标代码', '指标名称', '计量单位', '本级', '系统汇总', '报送单位数', '备注', ...gql.children.map((c: any) => c.unit.name)].join(','),
    );
    expect(lines).toHaveLength(1 + gql.cells.length);
    const total = lines.find((l) => l.startsWith('proactive.total,'))!.split(',');
    const cjbColumn = 7 + gql.children.findIndex((c: any) => c.unit.code === 'XN-CJB');
    expect([total[3], total[4], total[cjbColumn]]).toEqual(['100', '170', '50']);
  });

  it('exports every unit of a subtree with its current statistics, read in batches', async () => {
    const xn = await unitId(app, 'XN');
    const { res, body } = await download(`/exports/statistics.xlsx?unitId=${encodeURIComponent(xn)}&year=2015`, 'xn-admin');
    expect(res.status).toBe(200);
    const ws = (await workbook(body)).worksheets[0];
    expect(ws.name).toBe('2015年统计数据');
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['单位代码', '单位名称', '状态', '修订版本', '统计模板']);
    const rows = rowsOf(ws);
    const units = await app.sql<{ code: string }>(
      `select code from org_unit where path like (select path from org_unit where code = 'XN') || '%' order by path`,
    );
    expect(rows.map((r) => r[0])).toEqual(units.map((u) => u.code));
    // The unit's own row is what annualStatistics answers for its newest revision.
    const gql = (
      await app.gql(
        `query($u: ID!) { annualStatistics(unitId: $u, year: 2015) { status revision template { code } cells { key label number text } } }`,
        { u: xn },
        'xn-admin',
      )
    ).data!.annualStatistics[0];
    const own = rows[0];
    expect(own.slice(0, 5)).toEqual(['XN', '西宁海关', '已接受', gql.revision, gql.template.code]);
    expect(own.slice(5)).toEqual(gql.cells.map((c: any) => c.number ?? c.text ?? null));
    expect(header.slice(5).length).toBe(gql.cells.length);
    expect(rows.find((r) => r[0] === 'XN-GEM')!.slice(2, 3)).toEqual(['已退回']);
    expect(rows.find((r) => r[0] === 'XN-FGC')!.slice(2, 4)).toEqual(['未填报', null]);
  });

  it('reads a national export in keyset batches, each unit once, in tree order', async () => {
    const em = app.em();
    const [user] = await app.sql<{ id: number }>(`select id from app_user where username = 'admin'`);
    const admin = { em, auth: (await loadPrincipal(em, user.id))!, requestId: 'export-test' };
    const prepared = await new ExportService(admin).statistics(await unitId(app, 'GACC'), 2015, 7);
    const codes: unknown[] = [];
    let drains = 0;
    await prepared.write({
      sheet: async () => undefined,
      row: (values) => void codes.push(values[0]),
      drain: async () => void drains++,
      end: async () => undefined,
    });
    const units = await app.sql<{ code: string }>(`select code from org_unit order by path`);
    expect(codes).toEqual(units.map((u) => u.code));
    expect(drains).toBe(Math.floor(units.length / 7) + 1);
  });

  it('exports an inspection scheme’s results as inspectionRanking answers', async () => {
    const [tj] = await app.sql(`select id from inspection_scheme where name = '2017年度天津海关政务公开考核评估指标'`);
    const id = toGlobalId('InspectionScheme', tj.id);
    const { res, body } = await download(`/exports/inspection-results.xlsx?schemeId=${encodeURIComponent(id)}`, 'tj-admin');
    expect(res.status).toBe(200);
    const gql = (await app.gql(`query($id: ID!) { inspectionRanking(schemeId: $id) { rank total grade unit { code name } } }`, { id }, 'tj-admin')).data!
      .inspectionRanking;
    expect(gql.length).toBeGreaterThan(0);
    const ws = (await workbook(body)).worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['排名', '单位代码', '单位名称', '总分', '等级']);
    expect(rowsOf(ws)).toEqual(gql.map((r: any) => [r.rank, r.unit.code, r.unit.name, r.total, r.grade]));
    // Outside the scheme's scope the ranking is empty, as in GraphQL.
    const hp = await download(`/exports/inspection-results.csv?schemeId=${encodeURIComponent(id)}`, 'hp-admin');
    expect(hp.body.toString('utf8').slice(1).trimEnd().split('\r\n')).toEqual(['排名,单位代码,单位名称,总分,等级']);
  });

  it('refuses without a valid token, outside scope and with bad arguments, before streaming anything', async () => {
    const xn = encodeURIComponent(await unitId(app, 'XN'));
    const anon = await download(`/exports/statistics-rollup.xlsx?unitId=${xn}&year=2015`);
    expect(anon.res.status).toBe(401);
    expect(JSON.parse(anon.body.toString()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await download(`/exports/statistics-rollup.xlsx?unitId=${xn}&year=2015`, null, 'Bearer forged')).res.status).toBe(401);
    const other = await download(`/exports/statistics-rollup.xlsx?unitId=${xn}&year=2015`, 'hp-admin');
    expect(other.res.status).toBe(403);
    expect((await download(`/exports/statistics.csv?unitId=${xn}&year=2015`, 'hp-admin')).res.status).toBe(403);
    const badYear = await download(`/exports/statistics.xlsx?unitId=${xn}&year=abc`, 'xn-admin');
    expect(badYear.res.status).toBe(400);
    expect(JSON.parse(badYear.body.toString()).errors[0].extensions.fields).toEqual([
      { field: 'year', message: '年度必须是 1990 至 2100 之间的整数', messageKey: 'exports.badYear' },
    ]);
    const noUnit = await download(`/exports/statistics.xlsx?year=2015`, 'xn-admin');
    expect(JSON.parse(noUnit.body.toString()).errors[0].extensions.fields.map((f: any) => f.field)).toEqual(['unitId']);
    const missing = await download(`/exports/statistics.xlsx?unitId=${encodeURIComponent(toGlobalId('OrgUnit', 999999))}&year=2015`, 'xn-admin');
    expect(missing.res.status).toBe(404);
    expect((await download(`/exports/statistics.pdf?unitId=${xn}&year=2015`, 'xn-admin')).res.status).toBe(404);
  });
});
