import { addDays, todayInChina } from '../../src/common/dates';
import { codes, TestApp, unitId } from '../helpers/app';
import { CASES, COUNTS, FIGURES, LOG, writeCounts } from './fixtures';

let app: TestApp;
const today = todayInChina();
const year = Number(today.slice(0, 4));
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

describe('the consultation log', () => {
  it('logs a consultation in one call and counts it in the year’s figures', async () => {
    const unit = await unitId(app, 'TJ-BGS');
    const before = (await app.gql(FIGURES, { unitId: unit, year }, 'tj-office-liaison')).data!.contactFigures;
    const res = await app.gql(LOG, { input: { unitId: unit, channel: 'PHONE', topic: 'CLEARANCE', outcome: 'ANSWERED' } }, 'tj-office-liaison');
    expect(res.errors).toBeUndefined();
    expect(res.data!.logConsultation).toMatchObject({
      channel: 'PHONE',
      topic: 'CLEARANCE',
      outcome: 'ANSWERED',
      count: 1,
      isTally: false,
      occurredOn: today,
      unit: { code: 'TJ-BGS' },
    });
    const after = (await app.gql(FIGURES, { unitId: unit, year }, 'tj-office-liaison')).data!.contactFigures;
    expect(after.consultationsTotal - before.consultationsTotal).toBe(1);
    expect(after.consultationsByPhone - before.consultationsByPhone).toBe(1);
    const [audit] = await app.sql(`select action, actor_username from audit_record where target_id = $1`, [res.data!.logConsultation.id]);
    expect(audit).toEqual({ action: 'contact.logConsultation', actor_username: 'tj-office-liaison' });
  });

  it('opens a difficult-question case owned by the logger when a consultation is escalated', async () => {
    const unit = await unitId(app, 'TJ-BGS-ZWGK');
    const res = await app.gql(
      LOG,
      { input: { unitId: unit, channel: 'COUNTER', topic: 'PROCESSING_TRADE', outcome: 'ESCALATED', question: '加工贸易手册延期需要哪些材料？' } },
      'tj-office-liaison',
    );
    expect(res.errors).toBeUndefined();
    const list = await app.gql(CASES, { unitId: unit, kind: 'DIFFICULT_QUESTION', status: 'OPEN' }, 'tj-office-liaison');
    expect(list.data!.contactCases.nodes).toEqual([expect.objectContaining({ subject: '加工贸易手册延期需要哪些材料？', unit: { code: 'TJ-BGS-ZWGK' } })]);
    const [row] = await app.sql(`select c.channel, c.handling_mode, c.time_limit_days, c.level, u.username as owner, c.consultation_id is not null as linked
      from contact_case c join app_user u on u.id = c.owner_id where c.kind = 'DIFFICULT_QUESTION' and c.status = 'OPEN' and c.unit_id = (select id from org_unit where code = 'TJ-BGS-ZWGK')`);
    expect(row).toEqual({ channel: 'COUNTER', handling_mode: 'TIME_LIMITED', time_limit_days: 5, level: 'SECTION', owner: 'tj-office-liaison', linked: true });
    const figures = (await app.gql(FIGURES, { unitId: await unitId(app, 'TJ'), year }, 'tj-admin')).data!.contactFigures;
    expect(figures.consultationsEscalated).toBe(1);
  });

  it('refuses a question without escalation, an escalation without question, a future date and non-staff, writing nothing', async () => {
    const unit = await unitId(app, 'TJ-BGS');
    const before = await writeCounts(app);
    const a = await app.gql(LOG, { input: { unitId: unit, channel: 'PHONE', topic: 'OTHER', outcome: 'ESCALATED' } }, 'tj-office-liaison');
    expect(a.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.question']);
    const b = await app.gql(
      LOG,
      { input: { unitId: unit, channel: 'PHONE', topic: 'OTHER', outcome: 'ANSWERED', question: 'q', occurredOn: addDays(today, 1) } },
      'tj-office-liaison',
    );
    expect(b.errors![0].extensions!.fields.map((f: any) => f.field).sort()).toEqual(['input.occurredOn', 'input.question']);
    expect(codes(await app.gql(LOG, { input: { unitId: unit, channel: 'PHONE', topic: 'OTHER', outcome: 'ANSWERED' } }, 'hp-admin'))).toEqual(['FORBIDDEN']);
    expect(codes(await app.gql(LOG, { input: { unitId: unit, channel: 'PHONE', topic: 'OTHER', outcome: 'ANSWERED' } }))).toEqual(['UNAUTHENTICATED']);
    expect(await writeCounts(app)).toEqual(before);
  });
});

describe('daily counts', () => {
  it('records tallies per day and channel, replaces a day entered again, and the figures follow', async () => {
    const unit = await unitId(app, 'XN-BGS');
    const first = await app.gql(
      COUNTS,
      {
        input: {
          unitId: unit,
          days: [
            { date: '2019-03-04', channel: 'PHONE', count: 40 },
            { date: '2019-03-04', channel: 'COUNTER', count: 12 },
            { date: '2019-03-05', channel: 'ONLINE', count: 7 },
          ],
        },
      },
      'xn-admin',
    );
    expect(first.data!.recordConsultationCounts).toEqual({ rowsWritten: 3, total: 59 });
    const again = await app.gql(COUNTS, { input: { unitId: unit, days: [{ date: '2019-03-04', channel: 'PHONE', count: 35 }] } }, 'xn-admin');
    expect(again.errors).toBeUndefined();
    const f = (await app.gql(FIGURES, { unitId: await unitId(app, 'XN'), year: 2019 }, 'xn-admin')).data!.contactFigures;
    expect(f).toMatchObject({ consultationsTotal: 54, consultationsByPhone: 35, consultationsAtCounter: 12, consultationsOnline: 7 });
    const [row] = await app.sql(
      `select count(*)::int as n from contact_consultation where unit_id = (select id from org_unit where code = 'XN-BGS') and is_tally`,
    );
    expect(row.n).toBe(3);
  });

  it('refuses negative counts, repeated rows, future days, an empty list and other districts’ units, writing nothing', async () => {
    const unit = await unitId(app, 'XN-BGS');
    const before = await writeCounts(app);
    const res = await app.gql(
      COUNTS,
      {
        input: {
          unitId: unit,
          days: [
            { date: '2019-03-06', channel: 'PHONE', count: -1 },
            { date: '2019-03-07', channel: 'PHONE', count: 1 },
            { date: '2019-03-07', channel: 'PHONE', count: 2 },
            { date: addDays(today, 1), channel: 'ONLINE', count: 1 },
          ],
        },
      },
      'xn-admin',
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.days.0.count']);
    const res2 = await app.gql(
      COUNTS,
      {
        input: {
          unitId: unit,
          days: [
            { date: '2019-03-07', channel: 'PHONE', count: 1 },
            { date: '2019-03-07', channel: 'PHONE', count: 2 },
            { date: addDays(today, 1), channel: 'ONLINE', count: 1 },
          ],
        },
      },
      'xn-admin',
    );
    expect(res2.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['input.days.1', 'input.days.2.date']);
    expect(codes(await app.gql(COUNTS, { input: { unitId: unit, days: [] } }, 'xn-admin'))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await app.gql(COUNTS, { input: { unitId: unit, days: [{ date: '2019-03-07', channel: 'PHONE', count: 1 }] } }, 'tj-admin'))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await writeCounts(app)).toEqual(before);
  });
});

describe('the log as a list', () => {
  const LIST = `query($unitId: ID!, $from: LocalDate, $to: LocalDate, $channel: ConsultationChannel, $first: Int) {
    contactConsultations(unitId: $unitId, from: $from, to: $to, channel: $channel, first: $first) {
      totalCount nodes { id occurredOn channel count isTally unit { code } } pageInfo { hasNextPage }
    }
  }`;

  it('pages a unit subtree’s log for its staff, filtered by days and channel', async () => {
    const tj = await unitId(app, 'TJ');
    const res = await app.gql(LIST, { unitId: tj, from: '2008-03-01', to: '2008-03-31', channel: 'PHONE', first: 5 }, 'tj-admin');
    expect(res.errors).toBeUndefined();
    const page = res.data!.contactConsultations;
    expect(page.nodes).toHaveLength(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    for (const n of page.nodes) {
      expect(n.channel).toBe('PHONE');
      expect(n.occurredOn >= '2008-03-01' && n.occurredOn <= '2008-03-31').toBe(true);
    }
    const [{ n }] = await app.sql(`select count(*)::int as n from contact_consultation c join org_unit u on u.id = c.unit_id
      where u.path like (select path from org_unit where code = 'TJ') || '%' and c.occurred_on between '2008-03-01' and '2008-03-31' and c.channel = 'PHONE'`);
    expect(page.totalCount).toBe(n);
  });

  it('shows nothing of another district, refuses anonymous callers and reversed ranges', async () => {
    const tj = await unitId(app, 'TJ');
    const other = await app.gql(LIST, { unitId: tj }, 'hp-admin');
    expect(other.data!.contactConsultations.totalCount).toBe(0);
    expect(codes(await app.gql(LIST, { unitId: tj }))).toEqual(['UNAUTHENTICATED']);
    const reversed = await app.gql(LIST, { unitId: tj, from: '2008-03-31', to: '2008-03-01' }, 'tj-admin');
    expect(reversed.errors![0].extensions!.fields.map((f: any) => f.field)).toEqual(['to']);
  });
});
