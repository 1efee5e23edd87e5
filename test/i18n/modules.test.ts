import { translatorFor } from '../../src/i18n';
import { messages } from '../../src/modules/requests/requests.messages';
import { TestApp, unitId } from '../helpers/app';

/**
 * One message of each module moved into the catalogue: Chinese by default, English with
 * `Accept-Language: en`, the same code, field and message key either way. Through GraphQL, and
 * over HTTP for the modules that answer on routes of their own.
 */
let app: TestApp;
let server: Awaited<ReturnType<TestApp['listen']>>;
beforeAll(async () => {
  app = await TestApp.create();
  server = await app.listen();
});
afterAll(async () => {
  await server.close();
  await app.close();
});

type GqlError = { message: string; extensions: Record<string, any> };

/** The first error of an operation, once in each language. */
async function bothLanguages(query: string, variables: Record<string, unknown>, as?: string): Promise<{ zh: GqlError; en: GqlError }> {
  const zh = await app.gql(query, variables, as);
  const en = await app.gql(query, variables, as, { acceptLanguage: 'en' });
  expect(zh.errors).toHaveLength(1);
  expect(en.errors).toHaveLength(1);
  const [z, e] = [zh.errors![0] as unknown as GqlError, en.errors![0] as unknown as GqlError];
  expect(e.extensions.code).toBe(z.extensions.code);
  expect(e.extensions.messageKey).toBe(z.extensions.messageKey);
  return { zh: z, en: e };
}

/** An HTTP GET or POST of the running server, once in each language. */
async function httpBoth(path: string, init: RequestInit = {}): Promise<{ status: number; zh: GqlError; en: GqlError }> {
  const call = async (lang?: string) => {
    const headers = { ...(init.headers as Record<string, string>), ...(lang ? { 'accept-language': lang } : {}) };
    const res = await fetch(`${server.url}${path}`, { ...init, headers });
    return { status: res.status, error: ((await res.json()) as { errors: GqlError[] }).errors[0] };
  };
  const [zh, en] = [await call(), await call('en-US,en;q=0.9')];
  expect(en.status).toBe(zh.status);
  expect(en.error.extensions.messageKey).toBe(zh.error.extensions.messageKey);
  return { status: zh.status, zh: zh.error, en: en.error };
}

describe('module messages in both languages', () => {
  it('requests: an unknown tracking number', async () => {
    const { zh, en } = await bothLanguages(`{ requestStatus(trackingNumber: "X-1", secret: "s") { status } }`, {});
    expect(zh).toMatchObject({ message: '未找到政府信息公开申请', extensions: { code: 'NOT_FOUND', messageKey: 'errors.notFound' } });
    expect(en.message).toBe('Request for disclosure not found');
  });

  it('contact: a date range that ends before it starts, naming the field', async () => {
    const q = `query($u: ID!) { contactConsultations(unitId: $u, from: "2025-02-01", to: "2025-01-01") { totalCount } }`;
    const { zh, en } = await bothLanguages(q, { u: await unitId(app, 'TJ') }, 'tj-admin');
    expect(zh.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'to', message: '不得早于 from', messageKey: 'contact.toBeforeFrom' }] });
    expect(en.extensions.fields).toEqual([{ field: 'to', message: 'must not be before from', messageKey: 'contact.toBeforeFrom' }]);
  });

  it('contact: an input limit set in the schema (zod), with its bound', async () => {
    const q = `mutation($i: SubmitPublicContactInput!) { submitPublicContact(input: $i) { trackingNumber } }`;
    const input = { unitId: await unitId(app, 'TJ'), kind: 'SUGGESTION', subject: '', description: '建议' };
    const { zh, en } = await bothLanguages(q, { i: input });
    expect(zh.extensions.fields).toEqual([{ field: 'input.subject', message: '不得为空', messageKey: 'contact.empty' }]);
    expect(en.extensions.fields).toEqual([{ field: 'input.subject', message: 'must not be empty', messageKey: 'contact.empty' }]);
  });

  it('liaison: coverage of a unit outside the caller’s scope', async () => {
    const { zh, en } = await bothLanguages(`query($u: ID!) { liaisonCoverage(unitId: $u) { rate } }`, { u: await unitId(app, 'TJ') }, 'dg-liaison');
    expect(zh).toMatchObject({ message: '只有天津海关及其上级的工作人员可以查看其联络员覆盖情况', extensions: { code: 'FORBIDDEN' } });
    expect(en.message).toBe('Only staff over 天津海关 may read its liaison coverage');
  });

  it('dashboard: a year out of range, and the figures’ labels in the request’s language', async () => {
    const q = `query($u: ID!, $y: Int!) { overview(unitId: $u, year: $y) { yearOnYear { figure label } } }`;
    const { zh, en } = await bothLanguages(q, { u: await unitId(app, 'TJ'), y: 1980 }, 'tj-admin');
    expect(zh.extensions.fields).toEqual([{ field: 'year', message: '应为 1990 至 2100 之间的年份', messageKey: 'appointments.dashboardYearRange' }]);
    expect(en.extensions.fields[0].message).toBe('must be between 1990 and 2100');
    const labels = async (acceptLanguage?: string) =>
      (await app.gql(q, { u: await unitId(app, 'TJ'), y: 2025 }, 'tj-admin', { acceptLanguage })).data!.overview.yearOnYear.find(
        (c: { figure: string }) => c.figure === 'LAWSUITS',
      ).label;
    expect(await labels()).toBe('行政诉讼数');
    expect(await labels('en')).not.toBe('行政诉讼数');
  });

  it('audit: an actor the caller may not see', async () => {
    const { zh, en } = await bothLanguages(`{ auditTrail(actorUsername: "nobody-at-all") { totalCount } }`, {}, 'tj-admin');
    expect(zh.extensions.fields[0]).toMatchObject({ field: 'actorUsername', messageKey: 'appointments.auditActorUnknown' });
    expect(zh.extensions.fields[0].message).toMatch(/^不是您可查看的用户/);
    expect(en.extensions.fields[0].message).toMatch(/^is not the login of a user you may see/);
  });

  it('portal: the report index refuses a year out of range (HTTP)', async () => {
    const { status, zh, en } = await httpBoth('/reports/index.json?year=1999');
    expect(status).toBe(400);
    expect(zh.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'year', message: '应为 2000 至 2100 之间的年份', messageKey: 'portal.yearRange' }],
    });
    expect(en.extensions.fields[0].message).toBe('must be a year from 2000 to 2100');
    expect(en.message).toBe('Invalid input: year: must be a year from 2000 to 2100');
  });

  it('attachment: an upload without a login (HTTP)', async () => {
    const { status, zh, en } = await httpBoth('/attachments?name=a.pdf', { method: 'POST', body: 'x' });
    expect(status).toBe(401);
    expect(zh).toMatchObject({ message: '上传附件需要登录', extensions: { code: 'UNAUTHENTICATED', messageKey: 'attachment.loginRequired' } });
    expect(en.message).toBe('Sign in to upload attachments');
  });

  it('exports: a bad year (HTTP), naming the field', async () => {
    const token = await app.tokenFor('tj-admin');
    const unit = encodeURIComponent(await unitId(app, 'TJ'));
    const { status, zh, en } = await httpBoth(`/exports/statistics.xlsx?unitId=${unit}&year=abc`, { headers: { authorization: `Bearer ${token}` } });
    expect(status).toBe(400);
    expect(zh.extensions.fields).toEqual([{ field: 'year', message: '年度必须是 1990 至 2100 之间的整数', messageKey: 'exports.badYear' }]);
    expect(en.extensions.fields).toEqual([{ field: 'year', message: 'the year must be a whole number from 1990 to 2100', messageKey: 'exports.badYear' }]);
  });

  it('transport: a request body over the limit (HTTP 413)', async () => {
    const { status, zh, en } = await httpBoth('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(3 * 1024 * 1024) }),
    });
    expect(status).toBe(413);
    expect(zh).toMatchObject({ extensions: { code: 'PAYLOAD_TOO_LARGE', messageKey: 'transport.bodyTooLarge' } });
    expect(zh.message).toMatch(/^请求体超过 /);
    expect(en.message).toMatch(/^Request body larger than /);
  });

  it('requests: a refusal naming a status through its enum label', () => {
    const refusal = messages.notOpen('CONCLUDED');
    expect(translatorFor('zh-CN')(refusal.key, refusal.params)).toBe('申请当前状态为“已办结”，不能进行此操作');
    expect(translatorFor('en')(refusal.key, refusal.params)).toMatch(/^The request is "[^"]+": this step is not possible now$/);
  });
});
