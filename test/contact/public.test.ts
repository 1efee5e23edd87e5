import { todayInChina } from '../../src/common/dates';
import { SUBMISSIONS_PER_HOUR } from '../../src/modules/contact/contact.limiter';
import { codes, TestApp, unitId } from '../helpers/app';
import { CASE, CLOSE, gid, PUBLIC_READ, SUBMIT, writeCounts } from './fixtures';
import { DEMO_PUBLIC_SECRET, DEMO_PUBLIC_TRACKING } from '../../seeds/contact.data';

let app: TestApp;
const today = todayInChina();
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());
// Every in-process call shares the "unknown address" bucket: start each test with a fresh allowance.
beforeEach(() => app.sql(`delete from contact_rate_limit`));

describe('submitPublicContact', () => {
  it('takes an anonymous complaint without an account, stores only the secret’s hash, and answers by tracking number and secret', async () => {
    const res = await app.gql(SUBMIT, {
      input: { unitId: await unitId(app, 'TJ-XG'), kind: 'COMPLAINT', subject: '查验等候时间过长', description: '上午九点到场，下午三点仍未查验。' },
    });
    expect(res.errors).toBeUndefined();
    const receipt = res.data!.submitPublicContact;
    expect(receipt).toMatchObject({
      receivedOn: today,
      trackingNumber: expect.stringMatching(/^ZW\d{4}-[0-9A-Z]{5}-[0-9A-Z]{5}$/),
      secret: expect.any(String),
    });
    expect(receipt.dueOn > today).toBe(true);
    const [row] = await app.sql(
      `select id, secret_hash, anonymous, reporter_name, owner_id, channel, restricted from contact_case where tracking_number = $1`,
      [receipt.trackingNumber],
    );
    expect(row).toMatchObject({ anonymous: true, reporter_name: null, owner_id: null, channel: 'PUBLIC_SUBMISSION', restricted: false });
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await app.sql(`select * from contact_case where id = $1`, [row.id]))).not.toContain(receipt.secret);
    const [audit] = await app.sql(`select action, actor_username from audit_record where target_id = $1`, [gid('ContactCase', row.id)]);
    expect(audit).toEqual({ action: 'contact.submitPublicContact', actor_username: null });

    const open = await app.gql(PUBLIC_READ, { t: receipt.trackingNumber, s: receipt.secret });
    expect(open.data!.publicContactCase).toMatchObject({ status: 'OPEN', result: null, unitName: '新港海关', kind: 'COMPLAINT' });
    expect(codes(await app.gql(PUBLIC_READ, { t: receipt.trackingNumber, s: 'wrong' }))).toEqual(['NOT_FOUND']);

    // The first staff member to act becomes its first responder; the answer is then readable.
    const id = gid('ContactCase', row.id);
    const closed = await app.gql(CLOSE, { input: { id, result: '已调整查验排班，预约后两小时内查验。' } }, 'tj-admin');
    expect(closed.errors).toBeUndefined();
    expect(closed.data!.closeContactCase).toMatchObject({ owner: { username: 'tj-admin' }, status: 'CLOSED' });
    const answered = await app.gql(PUBLIC_READ, { t: receipt.trackingNumber.toLowerCase(), s: receipt.secret });
    expect(answered.data!.publicContactCase).toMatchObject({ status: 'CLOSED', result: '已调整查验排班，预约后两小时内查验。', closedOn: today });
  });

  it('keeps a named reporter’s data for the handlers, and routes a staff-conduct tip-off to the 监察室 only', async () => {
    const res = await app.gql(SUBMIT, {
      input: {
        unitId: await unitId(app, 'TJ-BGS'),
        kind: 'TIP_OFF',
        subject: '反映工作人员作风',
        description: '窗口人员态度恶劣。',
        concernsStaffConduct: true,
        reporterName: '匿名不愿',
        reporterContact: '13700000000',
      },
    });
    expect(res.errors).toBeUndefined();
    const [row] = await app.sql(`select id, restricted, reporter_name from contact_case where tracking_number = $1`, [
      res.data!.submitPublicContact.trackingNumber,
    ]);
    expect(row).toMatchObject({ restricted: true, reporter_name: '匿名不愿' });
    const id = gid('ContactCase', row.id);
    expect(codes(await app.gql(CASE, { id }, 'tj-admin'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.gql(CASE, { id }, 'tj-office-liaison'))).toEqual(['NOT_FOUND']);
    const inspector = await app.gql(CASE, { id }, 'tj-inspector');
    expect(inspector.data!.contactCase.reporter).toEqual({ name: '匿名不愿', contact: '13700000000', organisation: null });
  });

  it('refuses empty, oversized and malformed submissions, writing nothing', async () => {
    const unit = await unitId(app, 'TJ');
    const before = await writeCounts(app);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ subject: '   ', description: '' }, ['input.description', 'input.subject']],
      [{ subject: 'x'.repeat(201), description: 'y'.repeat(4001) }, ['input.description', 'input.subject']],
      [{ subject: 's', description: 'd', kind: 'DIFFICULT_QUESTION' }, ['input.kind']],
      [{ subject: 's', description: 'd', reporterContact: '1370000' }, ['input.reporterContact']],
      [{ subject: 's', description: 'd', reporterName: 'n'.repeat(101) }, ['input.reporterName']],
    ];
    for (const [extra, fields] of cases) {
      const res = await app.gql(SUBMIT, { input: { unitId: unit, kind: 'SUGGESTION', ...extra } });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual(fields);
    }
    expect(codes(await app.gql(SUBMIT, { input: { unitId: gid('OrgUnit', 99999), kind: 'SUGGESTION', subject: 's', description: 'd' } }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(await writeCounts(app)).toEqual(before);
    // Bad input costs no allowance.
    expect(await app.sql(`select * from contact_rate_limit`)).toEqual([]);
  });

  it('reads the seeded demo submission with its published secret', async () => {
    const res = await app.gql(PUBLIC_READ, { t: DEMO_PUBLIC_TRACKING, s: DEMO_PUBLIC_SECRET });
    expect(res.data!.publicContactCase).toMatchObject({ unitName: '西宁海关', kind: 'SUGGESTION', status: 'OPEN' });
  });
});

describe('rate limit per client address (HTTP)', () => {
  it(`refuses the ${SUBMISSIONS_PER_HOUR + 1}th submission from one address within the hour with TOO_MANY_REQUESTS, writing nothing, other addresses unaffected`, async () => {
    const server = await app.listen();
    const unit = await unitId(app, 'XN');
    let status = 0;
    const post = async () => {
      const r = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: SUBMIT, variables: { input: { unitId: unit, kind: 'SUGGESTION', subject: '建议', description: '建议内容' } } }),
      });
      status = r.status;
      return (await r.json()) as { data?: any; errors?: any[] };
    };
    try {
      for (let i = 0; i < SUBMISSIONS_PER_HOUR; i++) expect((await post()).errors).toBeUndefined();
      const before = await writeCounts(app);
      const refused = await post();
      expect(refused.errors![0].extensions).toEqual({
        code: 'TOO_MANY_REQUESTS',
        messageKey: 'transport.tooManyRequests',
        retryAfterSeconds: expect.any(Number),
      });
      expect(status).toBe(429);
      expect(await writeCounts(app)).toEqual(before);
      const [bucket] = await app.sql(`select key, points from contact_rate_limit where key like 'contact-submit:%'`);
      expect(bucket.key).toMatch(/127\.0\.0\.1$/);
      // An in-process caller (another address bucket) is not affected.
      const other = await app.gql(SUBMIT, { input: { unitId: unit, kind: 'SUGGESTION', subject: '建议', description: '建议内容' } });
      expect(other.errors).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});
