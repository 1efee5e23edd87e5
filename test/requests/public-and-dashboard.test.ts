import { todayInChina } from '../../src/common/dates';
import { FILINGS_PER_HOUR } from '../../src/modules/requests/request-public.service';
import { DEMO_REQUEST_SECRET, DEMO_REQUEST_TRACKING } from '../../seeds/requests.data';
import { codes, TestApp, unitId } from '../helpers/app';
import { ACTIVATE, CREATE, OPEN as OPEN_INSPECTION } from '../inspection/helpers';
import { badFields, CONCLUDE, FILE, REQUEST, STATUS, writeCounts } from './fixtures';

let app: TestApp;
const today = todayInChina();
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());
// Every in-process call shares the "unknown address" bucket: start each test with a fresh allowance.
beforeEach(() => app.sql(`delete from contact_rate_limit`));

const filing = (bodyUnitId: string, extra: Record<string, unknown> = {}) => ({
  bodyUnitId,
  applicantType: 'NATURAL_PERSON',
  applicant: { name: '孙某', phone: '13700001234' },
  description: '2025年天津海关行政复议案件数量',
  ...extra,
});

describe('fileRequest and requestStatus', () => {
  it('takes a request online without an account, keeps only the secret’s hash, and shows its status and documents by tracking number and secret', async () => {
    const tj = await unitId(app, 'TJ');
    const res = await app.gql(FILE, { input: filing(tj) });
    expect(res.errors).toBeUndefined();
    const receipt = res.data!.fileRequest;
    expect(receipt).toMatchObject({ receivedOn: today, trackingNumber: expect.stringMatching(/^YS\d{4}-[0-9A-Z]{5}-[0-9A-Z]{5}$/) });
    expect(receipt.dueOn > today).toBe(true);
    const [row] = await app.sql(`select id, channel, secret_hash, created_by_id from disclosure_request where tracking_number = $1`, [receipt.trackingNumber]);
    expect(row).toMatchObject({ channel: 'ONLINE', created_by_id: null });
    expect(row.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await app.sql(`select * from disclosure_request where id = $1`, [row.id]))).not.toContain(receipt.secret);

    const open = await app.gql(STATUS, { t: receipt.trackingNumber, s: receipt.secret });
    expect(open.data!.requestStatus).toMatchObject({
      status: 'OPEN',
      bodyName: '天津海关',
      outcome: null,
      events: [{ kind: 'RECEIVED', occurredOn: today }],
      documents: [],
    });
    expect(codes(await app.gql(STATUS, { t: receipt.trackingNumber, s: 'wrong' }))).toEqual(['NOT_FOUND']);

    const id = Buffer.from(`DisclosureRequest:${row.id}`).toString('base64url');
    const done = await app.gql(CONCLUDE, { input: { id, outcome: 'GRANTED', note: '2025年共收到行政复议申请 3 件。' } }, 'tj-admin');
    expect(done.errors).toBeUndefined();
    const answered = (await app.gql(STATUS, { t: receipt.trackingNumber.toLowerCase(), s: receipt.secret })).data!.requestStatus;
    expect(answered).toMatchObject({ status: 'CONCLUDED', outcome: 'GRANTED', concludedOn: today });
    expect(answered.documents).toEqual([expect.objectContaining({ kind: 'REPLY', title: '天津海关政府信息公开申请答复书' })]);
    expect(answered.documents[0].html).toContain('2025年共收到行政复议申请 3 件。');
    expect(answered.documents[0].html).not.toContain('<script');

    const demo = await app.gql(STATUS, { t: DEMO_REQUEST_TRACKING, s: DEMO_REQUEST_SECRET });
    expect(demo.data!.requestStatus).toMatchObject({ status: 'OPEN', bodyName: '天津海关' });
  });

  it('escapes markup in what the applicant typed, in every document', async () => {
    const tj = await unitId(app, 'TJ');
    const res = await app.gql(FILE, { input: filing(tj, { description: '<script>alert(1)</script><img src=x onerror=alert(2)>' }) });
    const [row] = await app.sql(`select id from disclosure_request where tracking_number = $1`, [res.data!.fileRequest.trackingNumber]);
    const id = Buffer.from(`DisclosureRequest:${row.id}`).toString('base64url');
    const done = await app.gql(CONCLUDE, { input: { id, outcome: 'NOT_PROCESSED', reason: 'REPEAT' } }, 'tj-admin');
    const html = done.data!.concludeRequest.documents[0].html as string;
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;');
  });

  it('refuses empty, oversized and undeliverable filings and non-bodies, writing nothing, and limits filings per address', async () => {
    const tj = await unitId(app, 'TJ');
    const before = await writeCounts(app);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ description: '   ' }, ['input.description']],
      [{ description: 'x'.repeat(4001) }, ['input.description']],
      [{ applicant: { name: '', phone: '13700001234' } }, ['input.applicant.name']],
      [{ applicant: { name: '孙某' } }, ['input.applicant.phone']],
      [{ applicant: { name: '孙某', email: 'not-an-address' } }, ['input.applicant.email']],
      [{ bodyUnitId: await unitId(app, 'TJ-BGS') }, ['input.bodyUnitId']],
    ];
    for (const [extra, fields] of cases) {
      const res = await app.gql(FILE, { input: filing(tj, extra) });
      expect(badFields(res)).toEqual(fields);
    }
    expect(await writeCounts(app)).toEqual(before);
    for (let i = 0; i < FILINGS_PER_HOUR; i++) expect((await app.gql(FILE, { input: filing(tj) })).errors).toBeUndefined();
    const limited = await app.gql(FILE, { input: filing(tj) });
    expect(codes(limited)).toEqual(['TOO_MANY_REQUESTS']);
    const [{ n }] = await app.sql(`select count(*)::int as n from disclosure_request where channel = 'ONLINE' and received_on = $1`, [today]);
    expect(n).toBe(2 + FILINGS_PER_HOUR + 2);
  });
});

const OVERVIEW = `query($unitId: ID!, $year: Int!) { overview(unitId: $unitId, year: $year) { requests { open dueSoon overdue concludedByOutcome { outcome count } } } }`;

describe('overview.requests and the on-time reply indicator', () => {
  it('counts open, due-soon and overdue requests the caller may see, and the year’s conclusions by outcome', async () => {
    const tj = await unitId(app, 'TJ');
    const year = Number(today.slice(0, 4));
    const before = (await app.gql(OVERVIEW, { unitId: tj, year }, 'tj-admin')).data!.overview.requests;
    await app.sql(`update disclosure_request set due_on = $1::date + 1 where tracking_number = 'YSDEMO-REQ01'`, [today]);
    await app.sql(`update disclosure_request set received_on = $1::date - 30, due_on = $1::date - 1 where tracking_number = 'YSDEMO-REQ02'`, [today]);
    const after = (await app.gql(OVERVIEW, { unitId: tj, year }, 'tj-admin')).data!.overview.requests;
    expect(after).toMatchObject({ open: before.open, dueSoon: before.dueSoon + 1, overdue: before.overdue + 1 });
    const y2017 = (await app.gql(OVERVIEW, { unitId: tj, year: 2017 }, 'tj-inspector')).data!.overview.requests;
    expect(y2017.concludedByOutcome).toEqual([
      { outcome: 'GRANTED', count: 3 },
      { outcome: 'OTHER', count: 6 },
      { outcome: 'PARTLY_GRANTED', count: 1 },
      { outcome: 'UNABLE_TO_PROVIDE', count: 13 },
    ]);
    const hp = (await app.gql(OVERVIEW, { unitId: await unitId(app, 'HP'), year: 2017 }, 'hp-admin')).data!.overview.requests;
    expect(hp).toEqual({ open: 0, dueSoon: 0, overdue: 0, concludedByOutcome: [] });
    const root = (await app.gql(OVERVIEW, { unitId: await unitId(app, 'GACC'), year: 2017 }, 'admin')).data!.overview.requests;
    expect(root.concludedByOutcome.reduce((s: number, x: any) => s + x.count, 0)).toBe(23);
  });

  it('scores 答复及时率 of 天津海关 2017 from the register: 22 of 23 due replies on time once one runs late', async () => {
    // One more request of late 2017, never answered: due before the year ends, so it counts as late.
    await app.sql(`insert into disclosure_request (body_unit_id, tracking_number, channel, applicant_type, applicant_name, description, received_on, due_on)
                   select id, 'YSLATE-1', 'LETTER', 'NATURAL_PERSON', '测试', '测试申请', '2017-11-20', '2017-12-18' from org_unit where code = 'TJ'`);
    const created = await app.gql(
      CREATE,
      {
        input: {
          issuerUnitId: await unitId(app, 'GACC'),
          year: 2017,
          name: '2017 年依申请公开考核',
          indicators: [
            {
              code: 'R1',
              name: '答复及时率',
              dimension: 'MECHANISM',
              maxScore: 100,
              method: 'AUTOMATIC',
              metric: 'REQUEST_ON_TIME',
              rule: { kind: 'LINEAR', zeroAt: 0, fullAt: 1 },
            },
          ],
        },
      },
      'admin',
    );
    expect(created.errors).toBeUndefined();
    const s = created.data!.createInspectionScheme;
    expect((await app.gql(ACTIVATE, { input: { id: s.id, expectedVersion: s.version } }, 'admin')).errors).toBeUndefined();
    const opened = await app.gql(OPEN_INSPECTION, { input: { schemeId: s.id, unitId: await unitId(app, 'TJ') } }, 'admin');
    expect(opened.errors).toBeUndefined();
    const [score] = opened.data!.openInspection.scores;
    expect(score.figures).toMatchObject({ numerator: 22, denominator: 23 });
    expect(score.figures.basis).toContain('按期答复 22 件 / 应答复 23 件');
    expect(score.score).toBeCloseTo(100 * (22 / 23), 1);
  });
});

it('hides the register from the public: no list, no node', async () => {
  expect(codes(await app.gql(`{ disclosureRequests { totalCount } }`))).toEqual(['UNAUTHENTICATED']);
  const [{ id }] = await app.sql(`select id from disclosure_request limit 1`);
  expect(codes(await app.gql(REQUEST, { id: Buffer.from(`DisclosureRequest:${id}`).toString('base64url') }))).toEqual(['UNAUTHENTICATED']);
});
