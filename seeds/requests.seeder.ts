import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as PgEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { todayInChina } from '../src/common/dates';
import { hashSecret } from '../src/common/tracking';
import { addWorkingDays } from '../src/modules/catalogue';
import type { WorkCalendar } from '../src/modules/catalogue/calendar/working-days';
import { User } from '../src/modules/organisation';
import { ApplicantType, DisclosureRequest, RequestChannel, RequestEventKind, RequestStatus } from '../src/modules/requests';
import { conclusionDocument, correctionNotice, extensionNotice } from '../src/modules/requests/request-documents';
import { addEvent, documentFacts, workCalendar } from '../src/modules/requests/request.service';
import { replyDueOn } from '../src/modules/requests/requests.clock';
import type { SeedContext } from './seed-context';
import { DEMO_REQUEST_SECRET, DEMO_REQUEST_TRACKING, TIANJIN_2017 } from './requests.data';

// 2017's holidays are not in the calendar (it holds 2024 on): the 2017 clock counts Monday to Friday.
const PLAIN_WEEKS: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** Tianjin 2017's 23 requests with their real outcomes, and two open online requests of today for the dashboards and requestStatus. */
export class RequestsSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    const pg = em as PgEntityManager;
    const tj = context.units!.get('TJ')!;
    const admin = await em.findOne(User, { username: 'tj-admin' });
    const actor = admin?.id ?? null;
    let seq = 0;
    for (const [i, spec] of TIANJIN_2017.entries()) {
      // Received every other week from mid-January, on a working day.
      const receivedOn = addWorkingDays('2017-01-09', i * 10, PLAIN_WEEKS);
      const r = em.create(DisclosureRequest, {
        bodyUnit: tj,
        trackingNumber: `YS2017-DEMO${String(++seq).padStart(2, '0')}`,
        channel: spec.channel,
        applicantType: spec.applicantType,
        applicantName: spec.applicant,
        applicantPhone: spec.channel === RequestChannel.ONLINE ? `1380000${String(1000 + i)}` : null,
        applicantAddress: spec.channel === RequestChannel.LETTER ? '天津市和平区某路1号' : null,
        description: spec.description,
        receivedOn,
        dueOn: replyDueOn(receivedOn, 0, 0, PLAIN_WEEKS),
        createdBy: actor,
      } as never);
      addEvent(pg, r, RequestEventKind.RECEIVED, receivedOn, actor);
      let concludedOn = addWorkingDays(receivedOn, 8 + (i % 7), PLAIN_WEEKS);
      if (spec.extended) {
        const on = addWorkingDays(receivedOn, 18, PLAIN_WEEKS);
        r.extensionWorkingDays = 10;
        r.extensionApprovedBy = actor as never;
        r.dueOn = replyDueOn(receivedOn, 0, 10, PLAIN_WEEKS);
        addEvent(pg, r, RequestEventKind.EXTENDED, on, actor, '需调取历史档案', extensionNotice(documentFacts(r, on), 10, '需调取历史档案', r.dueOn));
        concludedOn = addWorkingDays(receivedOn, 26, PLAIN_WEEKS);
      }
      if (spec.noCorrection) {
        const on = addWorkingDays(receivedOn, 3, PLAIN_WEEKS);
        const answerBy = addWorkingDays(on, 15, PLAIN_WEEKS);
        r.correctionAnswerBy = answerBy;
        addEvent(
          pg,
          r,
          RequestEventKind.CORRECTION_REQUESTED,
          on,
          actor,
          '请明确所需信息的名称、文号或其他特征描述',
          correctionNotice(documentFacts(r, on), '请明确所需信息的名称、文号或其他特征描述', answerBy),
        );
        concludedOn = addWorkingDays(answerBy, 1, PLAIN_WEEKS);
        r.pausedWorkingDays = 16;
        r.dueOn = replyDueOn(receivedOn, 16, 0, PLAIN_WEEKS);
      }
      r.outcome = spec.outcome;
      r.outcomeReason = spec.reason ?? null;
      r.referredTo = spec.referredTo ?? null;
      r.concludedOn = concludedOn;
      r.concludedBy = actor as never;
      if (spec.withdrawn) {
        r.status = RequestStatus.WITHDRAWN;
        r.conclusionNote = '申请人撤回申请：当事人得到业务现场满意答复';
        addEvent(pg, r, RequestEventKind.WITHDRAWN, concludedOn, actor, '当事人得到业务现场满意答复');
      } else {
        r.status = RequestStatus.CONCLUDED;
        r.conclusionNote = spec.note ?? null;
        const doc = conclusionDocument(documentFacts(r, concludedOn), spec.outcome, spec.reason ?? null, spec.referredTo ?? null, spec.note ?? null);
        addEvent(pg, r, RequestEventKind.CONCLUDED, concludedOn, actor, spec.note, doc);
      }
    }

    // Two online requests of today, open, for the dashboard and for requestStatus by hand.
    const today = todayInChina();
    const calendar = await workCalendar(pg);
    for (const [i, description] of ['2025年天津海关行政许可办理情况', '本人进境行李物品查验记录'].entries()) {
      const r = em.create(DisclosureRequest, {
        bodyUnit: tj,
        trackingNumber: i === 0 ? DEMO_REQUEST_TRACKING : 'YSDEMO-REQ02',
        // The known secret only outside production, like the demo users.
        secretHash: i === 0 && context.withDemoUsers ? hashSecret(DEMO_REQUEST_SECRET) : null,
        channel: RequestChannel.ONLINE,
        applicantType: i === 0 ? ApplicantType.BUSINESS : ApplicantType.NATURAL_PERSON,
        applicantName: i === 0 ? '天津某科技有限公司' : '陈某',
        applicantEmail: i === 0 ? 'info@example.com' : null,
        applicantPhone: i === 0 ? null : '13900001111',
        description,
        receivedOn: today,
        dueOn: replyDueOn(today, 0, 0, calendar),
      } as never);
      addEvent(pg, r, RequestEventKind.RECEIVED, today, null);
    }
  }
}
