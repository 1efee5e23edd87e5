import { codes, TestApp, unitId } from '../helpers/app';
import { make } from '../helpers/factories';
import {
  ANSWER,
  badFields,
  CONCLUDE,
  CORRECTION,
  END_CONSULT,
  EXTEND,
  paperRequest,
  REGISTER,
  REQUEST,
  START_CONSULT,
  WITHDRAW,
  writeCounts,
  APPEAL,
  FEE,
} from './fixtures';

let app: TestApp;
let tj: string;
beforeAll(async () => {
  app = await TestApp.create();
  tj = await unitId(app, 'TJ');
  await make.user(app, { username: 'tj-requests', unit: 'TJ-BGS', grants: [['LIAISON', 'TJ', false]] });
});
afterAll(() => app.close());

async function register(receivedOn: string, extra: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await app.gql(REGISTER, { input: paperRequest(tj, receivedOn, extra) }, 'tj-requests');
  expect(res.errors).toBeUndefined();
  return res.data!.registerRequest;
}

describe('the clock', () => {
  it('counts 20 working days over the Spring Festival with its 调休 Saturdays, stops for a correction, and adds an approved extension', async () => {
    // Received Monday 9 February 2026: 15–23 February are holidays, Saturdays 14 and 28 February working days.
    const r = await register('2026-02-09');
    expect(r).toMatchObject({ status: 'OPEN', dueOn: '2026-03-13', channel: 'LETTER', bodyUnit: { code: 'TJ' } });
    expect(r.trackingNumber).toMatch(/^YS2026-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(r.events).toEqual([
      expect.objectContaining({ kind: 'RECEIVED', occurredOn: '2026-02-09', dueOnAfter: '2026-03-13', actor: { username: 'tj-requests' } }),
    ]);

    const corrected = await app.gql(
      CORRECTION,
      { input: { id: r.id, issuedOn: '2026-02-11', answerBy: '2026-02-27', whatToCorrect: '请写明所需信息的名称或文号' } },
      'tj-requests',
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.requestCorrection).toMatchObject({ status: 'AWAITING_CORRECTION', pausedSince: '2026-02-11', correctionAnswerBy: '2026-02-27' });
    expect(corrected.data!.requestCorrection.documents).toEqual([expect.objectContaining({ kind: 'CORRECTION_NOTICE', issuedOn: '2026-02-11' })]);
    expect(corrected.data!.requestCorrection.documents[0].markdown).toContain('请写明所需信息的名称或文号');

    // Stopped from the 11th to the 24th: the 12th, 13th, Saturday 14th (调休) and the 24th are working days.
    const answered = await app.gql(ANSWER, { input: { id: r.id, on: '2026-02-24' } }, 'tj-requests');
    expect(answered.errors).toBeUndefined();
    expect(answered.data!.answerCorrection).toMatchObject({ status: 'OPEN', pausedSince: null, pausedWorkingDays: 4, dueOn: '2026-03-19' });

    // A liaison cannot approve an extension; more than 20 working days is refused; an OFFICE_ADMIN approves 10.
    const byLiaison = await app.gql(EXTEND, { input: { id: r.id, workingDays: 10, reason: '需调取档案', issuedOn: '2026-03-10' } }, 'tj-requests');
    expect(codes(byLiaison)).toEqual(['FORBIDDEN']);
    const tooLong = await app.gql(EXTEND, { input: { id: r.id, workingDays: 21, reason: '需调取档案', issuedOn: '2026-03-10' } }, 'tj-admin');
    expect(badFields(tooLong)).toEqual(['input.workingDays']);
    const extended = await app.gql(EXTEND, { input: { id: r.id, workingDays: 10, reason: '需调取档案', issuedOn: '2026-03-10' } }, 'tj-admin');
    expect(extended.errors).toBeUndefined();
    expect(extended.data!.extendRequest).toMatchObject({ extensionWorkingDays: 10, dueOn: '2026-04-02' });
    expect(extended.data!.extendRequest.documents.map((d: any) => d.kind)).toEqual(['CORRECTION_NOTICE', 'EXTENSION_NOTICE']);
    const again = await app.gql(EXTEND, { input: { id: r.id, workingDays: 11, reason: '仍需调取', issuedOn: '2026-03-20' } }, 'tj-admin');
    expect(badFields(again)).toEqual(['input.workingDays']);
    expect(again.errors![0].message).toContain('尚可延长 10 个工作日');

    // Concluded on time with a referral; every step is a dated event with who made it.
    const done = await app.gql(
      CONCLUDE,
      {
        input: { id: r.id, outcome: 'UNABLE_TO_PROVIDE', reason: 'NOT_HELD', referredTo: '天津市商务局', concludedOn: '2026-03-30' },
      },
      'tj-requests',
    );
    expect(done.errors).toBeUndefined();
    const c = done.data!.concludeRequest;
    expect(c).toMatchObject({
      status: 'CONCLUDED',
      outcome: 'UNABLE_TO_PROVIDE',
      outcomeReason: 'NOT_HELD',
      concludedOn: '2026-03-30',
      concludedOnTime: true,
      overdue: false,
    });
    // Read as CENTRAL_ADMIN, who may see every user (a liaison sees only some).
    const all = await app.gql(REQUEST, { id: r.id }, 'admin');
    expect(all.data!.disclosureRequest.events.map((e: any) => [e.kind, e.occurredOn, e.actor.username])).toEqual([
      ['RECEIVED', '2026-02-09', 'tj-requests'],
      ['CORRECTION_REQUESTED', '2026-02-11', 'tj-requests'],
      ['CORRECTION_ANSWERED', '2026-02-24', 'tj-requests'],
      ['EXTENDED', '2026-03-10', 'tj-admin'],
      ['CONCLUDED', '2026-03-30', 'tj-requests'],
    ]);
    const notice = c.documents[2];
    expect(notice).toMatchObject({ kind: 'NOTICE', issuedOn: '2026-03-30' });
    expect(notice.markdown).toContain('天津市商务局');
    expect(notice.html).toContain('<h1>');

    // A second conclusion is refused, and nothing changes.
    const before = await writeCounts(app);
    const second = await app.gql(CONCLUDE, { input: { id: r.id, outcome: 'GRANTED' } }, 'tj-requests');
    expect(codes(second)).toEqual(['FAILED_PRECONDITION']);
    expect(second.errors![0].message).toContain('已于 2026-03-30 办结');
    expect(await writeCounts(app)).toEqual(before);
  });

  it('stops the clock for a third-party consultation for at most 15 working days', async () => {
    const r = await register('2026-03-02');
    expect(r.dueOn).toBe('2026-03-30');
    await app.gql(START_CONSULT, { input: { id: r.id, on: '2026-03-03', thirdParty: '某进出口企业' } }, 'tj-requests');
    // 3 March to 20 April: more than 15 working days (清明 4–6 April are holidays); only 15 count.
    const ended = await app.gql(END_CONSULT, { input: { id: r.id, on: '2026-04-20' } }, 'tj-requests');
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.endConsultation).toMatchObject({ status: 'OPEN', pausedWorkingDays: 15, dueOn: '2026-04-21' });
  });
});

describe('bad input', () => {
  it('refuses dates before receipt, outcomes without their reason, conclusions after withdrawal, each naming the field and writing nothing', async () => {
    const r = await register('2026-05-11');
    const before = await writeCounts(app);
    const cases: [string, Record<string, unknown>, string[]][] = [
      [CONCLUDE, { id: r.id, outcome: 'GRANTED', concludedOn: '2026-05-08' }, ['input.concludedOn']],
      [CONCLUDE, { id: r.id, outcome: 'REFUSED' }, ['input.reason']],
      [CONCLUDE, { id: r.id, outcome: 'GRANTED', reason: 'SECRET' }, ['input.reason']],
      [CONCLUDE, { id: r.id, outcome: 'REFUSED', reason: 'NOT_HELD' }, ['input.reason']],
      [CONCLUDE, { id: r.id, outcome: 'REFUSED', reason: 'SECRET', referredTo: '某机关' }, ['input.referredTo']],
      [CONCLUDE, { id: r.id, outcome: 'OTHER', reason: 'NO_CORRECTION' }, ['input.reason']],
      [CONCLUDE, { id: r.id, outcome: 'GRANTED', concludedOn: '2999-01-01' }, ['input.concludedOn']],
      [CORRECTION, { id: r.id, issuedOn: '2026-05-29', answerBy: '2026-06-10', whatToCorrect: '补正' }, ['input.issuedOn']],
      [CORRECTION, { id: r.id, issuedOn: '2026-05-12', answerBy: '2026-05-11', whatToCorrect: '补正' }, ['input.answerBy']],
      [WITHDRAW, { id: r.id, on: '2026-05-01' }, ['input.on']],
      [EXTEND, { id: r.id, workingDays: 5, reason: '  ', issuedOn: '2026-05-12' }, ['input.reason']],
      [APPEAL, { id: r.id, kind: 'RECONSIDERATION', filedOn: '2026-06-01', result: 'PENDING' }, []],
      [FEE, { id: r.id, amount: -1 }, ['input.amount']],
    ];
    for (const [query, input, fields] of cases) {
      const res = await app.gql(query, { input }, query === EXTEND ? 'tj-admin' : 'tj-requests');
      expect(res.errors).toBeDefined();
      expect(badFields(res)).toEqual(fields);
    }
    const reg = await app.gql(REGISTER, { input: paperRequest(tj, '2999-01-01', { description: ' ', applicant: { name: '' } }) }, 'tj-requests');
    expect(badFields(reg)).toEqual(['input.applicant.name', 'input.description']);
    const notBody = await app.gql(REGISTER, { input: paperRequest(await unitId(app, 'TJ-XG'), '2026-05-11') }, 'tj-requests');
    expect(badFields(notBody)).toEqual(['input.bodyUnitId']);
    expect(await writeCounts(app)).toEqual(before);

    const withdrawn = await app.gql(WITHDRAW, { input: { id: r.id, on: '2026-05-13', note: '已在现场得到答复' } }, 'tj-requests');
    expect(withdrawn.data!.withdrawRequest).toMatchObject({ status: 'WITHDRAWN', outcome: 'OTHER', outcomeReason: 'OTHER', concludedOn: '2026-05-13' });
    const after = await writeCounts(app);
    const late = await app.gql(CONCLUDE, { input: { id: r.id, outcome: 'GRANTED' } }, 'tj-requests');
    expect(codes(late)).toEqual(['FAILED_PRECONDITION']);
    expect(late.errors![0].message).toContain('撤回');
    expect(await writeCounts(app)).toEqual(after);
  });

  it('ends a request whose correction notice lapsed as 逾期不补正, and records appeals and fees on a concluded one', async () => {
    const r = await register('2026-06-01');
    await app.gql(CORRECTION, { input: { id: r.id, issuedOn: '2026-06-02', answerBy: '2026-06-12', whatToCorrect: '请明确申请内容' } }, 'tj-requests');
    const early = await app.gql(CONCLUDE, { input: { id: r.id, outcome: 'OTHER', reason: 'NO_CORRECTION', concludedOn: '2026-06-10' } }, 'tj-requests');
    expect(badFields(early)).toEqual(['input.reason']);
    const late = await app.gql(ANSWER, { input: { id: r.id, on: '2026-06-15' } }, 'tj-requests');
    expect(badFields(late)).toEqual(['input.on']);
    const lapsed = await app.gql(CONCLUDE, { input: { id: r.id, outcome: 'OTHER', reason: 'NO_CORRECTION', concludedOn: '2026-06-15' } }, 'tj-requests');
    expect(lapsed.errors).toBeUndefined();
    expect(lapsed.data!.concludeRequest).toMatchObject({ status: 'CONCLUDED', outcomeReason: 'NO_CORRECTION', pausedSince: null });

    const review = await app.gql(APPEAL, { input: { id: r.id, kind: 'RECONSIDERATION', filedOn: '2026-07-01', result: 'UPHELD' } }, 'tj-requests');
    expect(review.data!.recordRequestAppeal).toMatchObject({ reconsiderationResult: 'UPHELD' });
    const early2 = await app.gql(APPEAL, { input: { id: r.id, kind: 'LITIGATION', filedOn: '2026-06-20', result: 'PENDING' } }, 'tj-requests');
    expect(badFields(early2)).toEqual(['input.filedOn']);
    const suit = await app.gql(APPEAL, { input: { id: r.id, kind: 'LITIGATION', filedOn: '2026-08-01', result: 'PENDING' } }, 'tj-requests');
    expect(suit.data!.recordRequestAppeal).toMatchObject({ litigationResult: 'PENDING', litigationAfterReconsideration: true });
    const fee = await app.gql(FEE, { input: { id: r.id, amount: 12.5, chargedOn: '2026-06-03' } }, 'tj-requests');
    expect(fee.data!.recordRequestFee).toMatchObject({ feeAmount: 12.5 });
  });
});

describe('personal data', () => {
  it('shows the applicant only to the body’s LIAISONs and OFFICE_ADMINs, audits every read, and redacts it for every other demo user', async () => {
    const r = await register('2026-07-06');
    const handler = await app.gql(REQUEST, { id: r.id }, 'tj-admin');
    expect(handler.data!.disclosureRequest.applicant).toMatchObject({ name: '周某', idDocument: '120101199001011234', phone: '13800138000' });
    expect(handler.data!.disclosureRequest.viewerCanHandle).toBe(true);
    // The liaison read it in the response to registering it, then the admin.
    const reads = await app.sql(`select actor_username from audit_record where action = 'requests.readApplicant' and target_id = $1 order by id`, [r.id]);
    expect(reads.map((x) => x.actor_username)).toEqual(['tj-requests', 'tj-admin']);

    for (const user of ['tj-publisher', 'tj-legal', 'tj-secrecy', 'tj-inspector']) {
      const res = await app.gql(REQUEST, { id: r.id }, user);
      expect(res.errors).toBeUndefined();
      expect(res.data!.disclosureRequest).toMatchObject({ applicant: null, documents: null, viewerCanHandle: false, description: expect.any(String) });
      expect(res.extensions!.redactions.map((x: any) => x.path.join('.')).sort()).toEqual(['disclosureRequest.applicant', 'disclosureRequest.documents']);
    }
    // Staff below the body, and other districts, do not see it at all; the public neither.
    for (const user of ['tj-office-liaison', 'tj-office-publisher', 'hp-admin', 'hp-publisher', 'dg-liaison', 'xn-admin']) {
      expect(codes(await app.gql(REQUEST, { id: r.id }, user))).toEqual(['NOT_FOUND']);
    }
    expect(codes(await app.gql(REQUEST, { id: r.id }))).toEqual(['UNAUTHENTICATED']);
    const central = await app.gql(REQUEST, { id: r.id }, 'admin');
    expect(central.data!.disclosureRequest.applicant.name).toBe('周某');
    const reads2 = await app.sql(`select actor_username from audit_record where action = 'requests.readApplicant' and target_id = $1 order by id`, [r.id]);
    expect(reads2.map((x) => x.actor_username)).toEqual(['tj-requests', 'tj-admin', 'admin']);
  });
});
