import { toGlobalId } from '../../src/common/global-id';
import { createHash } from 'node:crypto';
import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import { approveReport, PUBLISH_REPORT, REVIEW_REPORT, SUBMIT_REPORT } from './helpers';

let app: TestApp;
let server: { url: string; close(): Promise<void> };
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen();
  await make.user(app, { username: 'xn-legal', unit: 'XN', grants: [['LEGAL_REVIEWER']] });
  await make.user(app, { username: 'xn-secrecy', unit: 'XN', grants: [['SECRECY_REVIEWER']] });
});
afterAll(async () => {
  await server.close();
  await app.close();
});

const SAVE_REPORT = `mutation($input: SaveAnnualReportSectionsInput!) { saveAnnualReportSections(input: $input) { status version markdown html } }`;
const REPORT = `query($unitId: ID!, $year: Int!) { annualReport(unitId: $unitId, year: $year) {
  status revision reviewRound version url publishedAt markdown html sections { overview }
  reviews { round kind decision comment } revisions { revision unitName markdown html current supersededAt correctionReason reviewRound sections { overview } } } }`;

/** Every href and src value of a page. */
function urls(html: string): string[] {
  return [...html.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]);
}
/** Only http(s), mailto and relative URLs a browser follows harmlessly. */
function unsafe(html: string): string[] {
  return urls(html).filter((u) => {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(u);
    return scheme ? !['http', 'https', 'mailto'].includes(scheme[1].toLowerCase()) : /^[\\/]{2}/.test(u);
  });
}

const HOSTILE = [
  '安全链接：[门户](https://www.example.gov.cn/a) [邮件](mailto:office@example.gov.cn) [本站](/reports/HP/2009.html)',
  '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(document.cookie)) [c](java&#x73;cript:alert(1)) [d](&#106;avascript:alert(1))',
  '[e](jav&Tab;ascript:alert(1)) [f](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) ![g](data:image/svg+xml;base64,PHN2Zz4=)',
  '[h](vbscript:msgbox(1)) ![i](javascript:alert(1)) [j]( javascript:alert(1)) [k][r] <script>alert(1)</script> <img src=x onerror=alert(1)>',
  '',
  '[r]: javascript:alert(1)',
].join('\n');

describe('report HTML is sanitised', () => {
  it('keeps https, mailto and relative links and drops javascript:, data: and vbscript: ones, in drafts, publications and the public page', async () => {
    const cjb = await unitId(app, 'XN-CJB');
    await make.statistics(app, { unit: 'XN-CJB', year: 2021, status: 'ACCEPTED', figures: { 't3.new.NP': 1, 't3.new.TOTAL': 1 } });
    // A unit name is user text too.
    await app.sql(`update org_unit set name = '曹家堡[机场](javascript:alert(1))海关' where code = 'XN-CJB'`);
    const saved = await app.gql(SAVE_REPORT, { input: { unitId: cjb, year: 2021, overview: HOSTILE } }, 'xn-admin');
    expect(saved.errors).toBeUndefined();
    const draft: string = saved.data!.saveAnnualReportSections.html;
    expect(urls(draft)).toEqual(expect.arrayContaining(['https://www.example.gov.cn/a', 'mailto:office@example.gov.cn', '/reports/HP/2009.html']));
    // Entity spellings arrive &-escaped (section HTML is escaped before Markdown), i.e. as harmless relative paths.
    expect(unsafe(draft)).toEqual([]);
    expect(draft).not.toMatch(/(href|src)="\s*(javascript|vbscript|data):/i);
    expect(draft).not.toMatch(/<script|<[a-z]+[^>]*\son[a-z]+=|<img src="x"/i);
    expect(draft).toContain('&lt;script&gt;');

    await approveReport(app, cjb, 2021, 'xn-admin', 'xn-legal', 'xn-secrecy');
    const pub = await app.gql(PUBLISH_REPORT, { input: { unitId: cjb, year: 2021 } }, 'xn-admin');
    expect(pub.errors).toBeUndefined();
    const anonymous = (await app.gql(REPORT, { unitId: cjb, year: 2021 })).data!.annualReport;
    expect(unsafe(anonymous.html)).toEqual([]);
    expect(urls(anonymous.html)).toEqual(urls(draft));
    const page = await (await fetch(`${server.url}/reports/XN-CJB/2021.html`)).text();
    expect(page).toBe(anonymous.html);
    expect(unsafe(page)).toEqual([]);
    expect(page).toContain('<a href="https://www.example.gov.cn/a" rel="noopener noreferrer nofollow">门户</a>');
    const [row] = await app.sql(`select html from annual_report_publication p join org_unit u on u.id = p.unit_id where u.code = 'XN-CJB' and p.year = 2021`);
    expect(row.html).toBe(page);
  });
});

describe('security headers (helmet)', () => {
  const expectHeaders = (res: Response) => {
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  };

  it('gives report pages a CSP that runs no script and admits only the page’s own stylesheet', async () => {
    const res = await fetch(`${server.url}/reports/HP/2009.html`);
    expect(res.status).toBe(200);
    expectHeaders(res);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
    const style = /<style>([\s\S]*?)<\/style>/.exec(await res.text())![1];
    expect(csp).toContain(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    const md = await fetch(`${server.url}/reports/HP/2009.md`);
    expectHeaders(md);
    expect(md.headers.get('content-security-policy')).toBe(csp);
  });

  it('sends the same headers with 404s and error answers', async () => {
    for (const path of ['/reports/HP/2010.html', '/reports/NOPE/2009.html', '/reports/HP/2009.pdf', '/no/such/page']) {
      const res = await fetch(`${server.url}${path}`);
      expect([path, res.status, res.headers.get('content-type')]).toEqual([path, 404, 'text/plain; charset=utf-8']);
      expectHeaders(res);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    const bad = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(bad.status).toBe(400);
    expectHeaders(bad);
  });

  it('leaves the GraphQL endpoint and, in development, Apollo’s landing page (with its own nonce CSP) working', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ statisticsTemplates { code } }' }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as any).data.statisticsTemplates.length).toBeGreaterThan(0);
    expectHeaders(res);
    const landing = await fetch(`${server.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(landing.status).toBe(200);
    expectHeaders(landing);
    expect(landing.headers.get('content-security-policy')).toBeNull();
    expect(await landing.text()).toMatch(/<meta http-equiv="Content-Security-Policy" content="script-src 'self' 'nonce-/);

    const prod = await app.listen({ NODE_ENV: 'production' });
    try {
      const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
      expectHeaders(page);
    } finally {
      await prod.close();
    }
  });
});

describe('a published report is a frozen snapshot', () => {
  it('keeps what the public reads when the unit is renamed or the sections change, until a reviewed correction is published', async () => {
    const hp = await unitId(app, 'HP');
    const before = (await app.gql(REPORT, { unitId: hp, year: 2009 })).data!.annualReport;
    expect(before).toMatchObject({ status: 'PUBLISHED', revision: 1, reviews: null, revisions: null });
    expect(before.markdown).toContain('# 黄埔海关 2009 年度信息公开报告');
    const pageBefore = await (await fetch(`${server.url}/reports/HP/2009.html`)).text();
    expect(pageBefore).toBe(before.html);

    await app.sql(`update org_unit set name = '黄埔海关（新名）' where code = 'HP'`);
    const edit = await app.gql(SAVE_REPORT, { input: { unitId: hp, year: 2009, overview: '更正后的总体情况。' } }, 'hp-admin');
    expect(edit.data!.saveAnnualReportSections).toMatchObject({ status: 'DRAFT' });
    expect(edit.data!.saveAnnualReportSections.markdown).toContain('# 黄埔海关（新名） 2009 年度');

    const after = (await app.gql(REPORT, { unitId: hp, year: 2009 })).data!.annualReport;
    expect(after.markdown).toBe(before.markdown);
    expect(after.html).toBe(before.html);
    expect(after.sections.overview).toBe(before.sections.overview);
    expect(await (await fetch(`${server.url}/reports/HP/2009.html`)).text()).toBe(pageBefore);
    // Out-of-scope staff read the publication too.
    expect((await app.gql(REPORT, { unitId: hp, year: 2009 }, 'tj-admin')).data!.annualReport.markdown).toBe(before.markdown);

    // The correction goes through both reviews again and needs a reason.
    await approveReport(app, hp, 2009, 'hp-admin', 'hp-legal', 'hp-secrecy');
    const noReason = await app.gql(PUBLISH_REPORT, { input: { unitId: hp, year: 2009 } }, 'hp-publisher');
    expect(noReason.errors![0].extensions!.fields).toEqual([
      { field: 'input.correctionReason', message: expect.stringContaining('必填'), messageKey: 'statistics.report.correctionReasonRequired' },
    ]);
    const corrected = await app.gql(PUBLISH_REPORT, { input: { unitId: hp, year: 2009, correctionReason: '更正总体情况表述' } }, 'hp-publisher');
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.publishAnnualReport).toMatchObject({ status: 'PUBLISHED', revision: 2 });

    const now = (await app.gql(REPORT, { unitId: hp, year: 2009 })).data!.annualReport;
    expect(now.markdown).toContain('# 黄埔海关（新名） 2009 年度');
    expect(now.markdown).toContain('更正后的总体情况。');
    expect(await (await fetch(`${server.url}/reports/HP/2009.html`)).text()).toBe(now.html);

    const staff = (await app.gql(REPORT, { unitId: hp, year: 2009 }, 'hp-admin')).data!.annualReport;
    expect(staff.revisions.map((r: any) => [r.revision, r.current, r.unitName, r.correctionReason, r.reviewRound])).toEqual([
      [2, true, '黄埔海关（新名）', '更正总体情况表述', 2],
      [1, false, '黄埔海关', null, 1],
    ]);
    expect(staff.revisions[1].markdown).toBe(before.markdown);
    expect(staff.revisions[1].html).toBe(before.html);
    expect(staff.revisions[1].supersededAt).not.toBeNull();
    expect(staff.reviews.map((r: any) => [r.round, r.kind, r.decision])).toEqual([
      [1, 'LEGAL', 'PASS'],
      [1, 'SECRECY', 'PASS'],
      [2, 'LEGAL', 'PASS'],
      [2, 'SECRECY', 'PASS'],
    ]);
    // Superseded revisions and review comments are for the unit's staff only.
    const outsider = await app.gql(REPORT, { unitId: hp, year: 2009 }, 'tj-admin');
    expect(outsider.data!.annualReport).toMatchObject({ revision: 2, revisions: null, reviews: null });
  });

  it('is frozen in the database too: a publication cannot be rewritten or deleted', async () => {
    const [p] = await app.sql(`select p.id from annual_report_publication p join org_unit u on u.id = p.unit_id where u.code = 'TJ' and p.year = 2017`);
    await expect(app.sql(`update annual_report_publication set html = '<p>x</p>' where id = $1`, [p.id])).rejects.toThrow(/frozen/);
    await expect(app.sql(`update annual_report_publication set unit_name = 'x', superseded_at = now() where id = $1`, [p.id])).rejects.toThrow(/frozen/);
    await expect(app.sql(`delete from annual_report_publication where id = $1`, [p.id])).rejects.toThrow(/frozen/);
    const [row] = await app.sql(`select superseded_at, unit_name from annual_report_publication where id = $1`, [p.id]);
    expect(row).toEqual({ superseded_at: null, unit_name: '天津海关' });
  });
});

describe('legal and secrecy review before publication', () => {
  it('goes submit → legal and secrecy review → publish, refuses every shortcut and records each step', async () => {
    const tj = await unitId(app, 'TJ');
    // Tianjin 2008 and 2017 are published in the demo world: a year with accepted figures and no report yet.
    await make.statistics(app, { unit: 'TJ', year: 2018, status: 'ACCEPTED', figures: { 'proactive.total': 1200 } });
    const ref = { unitId: tj, year: 2018 };
    const state = async () =>
      (
        await app.sql(`select r.status, r.review_round, (select count(*)::int from annual_report_publication p where p.report_id = r.id) as publications
      from annual_report r join org_unit u on u.id = r.unit_id where u.code = 'TJ' and r.year = 2018`)
      )[0];
    expect((await app.gql(SAVE_REPORT, { input: { ...ref, overview: '2018 年度工作情况' } }, 'tj-admin')).errors).toBeUndefined();

    // Nothing is published without review, and nobody reviews a draft.
    expect(codes(await app.gql(PUBLISH_REPORT, { input: ref }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'PASS', comment: 'ok' } }, 'tj-legal'))).toEqual(['FAILED_PRECONDITION']);
    expect(await state()).toEqual({ status: 'DRAFT', review_round: 0, publications: 0 });

    expect(codes(await app.gql(SUBMIT_REPORT, { input: ref }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect((await app.gql(SUBMIT_REPORT, { input: ref }, 'tj-admin')).data!.submitAnnualReport).toMatchObject({ status: 'IN_REVIEW', reviewRound: 1 });
    expect(codes(await app.gql(SAVE_REPORT, { input: { ...ref, overview: '改' } }, 'tj-admin'))).toEqual(['FAILED_PRECONDITION']);
    // Only reviewers over the unit review it.
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'PASS', comment: 'ok' } }, 'tj-publisher'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'PASS', comment: 'ok' } }, 'hp-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'SECRECY', decision: 'PASS', comment: 'ok' } }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'PASS', comment: ' ' } }, 'tj-legal'))).toEqual(['BAD_USER_INPUT']);

    // 法规处 returns it; the writers read why, and resubmit.
    const returned = await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'RETURN', comment: '请补充法律依据' } }, 'tj-legal');
    expect(returned.data!.reviewAnnualReport.status).toBe('RETURNED');
    expect((await app.gql(REPORT, ref, 'tj-admin')).data!.annualReport.reviews).toEqual([
      { round: 1, kind: 'LEGAL', decision: 'RETURN', comment: '请补充法律依据' },
    ]);
    expect((await app.gql(REPORT, ref)).data!.annualReport).toBeNull();
    await app.gql(SAVE_REPORT, { input: { ...ref, overview: '2018 年度工作情况（依据《政府信息公开条例》）' } }, 'tj-admin');
    // The CENTRAL_ADMIN holds every role: it submits this round, so it may not review it.
    expect((await app.gql(SUBMIT_REPORT, { input: ref }, 'admin')).data!.submitAnnualReport).toMatchObject({ status: 'IN_REVIEW', reviewRound: 2 });
    const own = await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'LEGAL', decision: 'PASS', comment: 'ok' } }, 'admin');
    expect(codes(own)).toEqual(['FORBIDDEN']);
    expect(own.errors![0].message).toMatch(/您提交了本轮年度报告/);

    // One person does not pass both reviews of a round.
    await make.user(app, { username: 'tj-both', unit: 'TJ', grants: [['LEGAL_REVIEWER'], ['SECRECY_REVIEWER']] });
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, decision: 'PASS', comment: 'ok' } }, 'tj-both'))).toEqual(['BAD_USER_INPUT']);
    expect((await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'LEGAL', decision: 'PASS', comment: '同意' } }, 'tj-both')).errors).toBeUndefined();
    const twice = await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'SECRECY', decision: 'PASS', comment: '同意' } }, 'tj-both');
    expect(codes(twice)).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'LEGAL', decision: 'PASS', comment: 'again' } }, 'tj-legal'))).toEqual([
      'FAILED_PRECONDITION',
    ]);
    expect(codes(await app.gql(PUBLISH_REPORT, { input: ref }, 'tj-publisher'))).toEqual(['FAILED_PRECONDITION']);

    const approved = await app.gql(REVIEW_REPORT, { input: { ...ref, kind: 'SECRECY', decision: 'PASS', comment: '不涉密' } }, 'tj-secrecy');
    expect(approved.data!.reviewAnnualReport.status).toBe('APPROVED');
    const version = approved.data!.reviewAnnualReport.version;
    expect(codes(await app.gql(PUBLISH_REPORT, { input: ref }, 'tj-legal'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(PUBLISH_REPORT, { input: ref }, 'hp-publisher'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(PUBLISH_REPORT, { input: { ...ref, expectedVersion: version - 1 } }, 'tj-publisher'))).toEqual(['CONFLICT']);
    expect(await state()).toEqual({ status: 'APPROVED', review_round: 2, publications: 0 });

    const pub = await app.gql(PUBLISH_REPORT, { input: { ...ref, expectedVersion: version } }, 'tj-publisher');
    expect(pub.data!.publishAnnualReport).toMatchObject({ status: 'PUBLISHED', revision: 1, url: '/reports/TJ/2018.html' });
    expect(await state()).toEqual({ status: 'PUBLISHED', review_round: 2, publications: 1 });
    expect((await fetch(`${server.url}/reports/TJ/2018.html`)).status).toBe(200);

    const [{ id }] = await app.sql(`select r.id from annual_report r join org_unit u on u.id = r.unit_id where u.code = 'TJ' and r.year = 2018`);
    const audit = await app.sql(
      `select action, actor_username, after->'review'->>'kind' as kind, after->'review'->>'decision' as decision
      from audit_record where target_type = 'AnnualReport' and target_id = $1 order by id`,
      [toGlobalId('AnnualReport', id)],
    );
    expect(audit.map((a: any) => [a.action.replace('statistics.', ''), a.actor_username, a.kind, a.decision])).toEqual([
      ['saveAnnualReportSections', 'tj-admin', null, null],
      ['submitAnnualReport', 'tj-admin', null, null],
      ['reviewAnnualReport', 'tj-legal', 'LEGAL', 'RETURN'],
      ['saveAnnualReportSections', 'tj-admin', null, null],
      ['submitAnnualReport', 'admin', null, null],
      ['reviewAnnualReport', 'tj-both', 'LEGAL', 'PASS'],
      ['reviewAnnualReport', 'tj-secrecy', 'SECRECY', 'PASS'],
      ['publishAnnualReport', 'tj-publisher', null, null],
    ]);
  });
});
