import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as PgEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { addDays, todayInChina } from '../src/common/dates';
import { addWorkingDays } from '../src/modules/catalogue';
import {
  ContactCase,
  ContactCaseChannel,
  ContactCaseKind,
  ContactCaseStatus,
  ContactCaseStep,
  ContactCaseStepKind,
  ContactLevel,
  FeedbackMethod,
  HandlingMode,
  Satisfaction,
} from '../src/modules/contact';
import { upsertTallies } from '../src/modules/contact/contact.queries';
import { hashSecret } from '../src/common/tracking';
import { OrgUnit, User } from '../src/modules/organisation';
import type { SeedContext } from './seed-context';
import {
  CALENDAR_2008,
  COMPLAINTS_2008,
  DEMO_PUBLIC_SECRET,
  DEMO_PUBLIC_TRACKING,
  DIFFICULT_QUESTIONS,
  tianjin2008Tallies,
  workingDays2008,
} from './contact.data';

type Unit = OrgUnit;

/** Tianjin 2008's consultation log and cases, and a few open cases of today for the dashboards. */
export class ContactSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    const units = context.units!;
    const u = (code: string): Unit => units.get(code)!;
    const users = new Map((await em.find(User, {})).map((x) => [x.username, x]));
    const user = (name: string) => users.get(name)?.id ?? null;
    let seq = 0;
    const tracking = (date: string) => `ZW${date.slice(0, 4)}-DEMO${String(++seq).padStart(2, '0')}`;

    // Daily tallies of 通关咨询服务中心, which answers the district's consultations.
    await upsertTallies(em as PgEntityManager, u('TJ-ZXFW').id, null, tianjin2008Tallies());

    const at = (date: string) => new Date(`${date}T09:30:00+08:00`);
    const step = (c: ContactCase, kind: ContactCaseStepKind, date: string, extra: Partial<ContactCaseStep> = {}) =>
      em.create(ContactCaseStep, { case: c, kind, occurredAt: at(date), ...extra } as never);
    const levelOf = (unit: Unit) =>
      unit.kind === 'SECTION' ? ContactLevel.SECTION : unit.kind === 'DISTRICT' ? ContactLevel.DISTRICT_OFFICE : ContactLevel.DIVISION;

    // 24 difficult questions coordinated in 2008 (限时办, 5 working days), one closed a day late.
    const days = workingDays2008();
    DIFFICULT_QUESTIONS.forEach((subject, i) => {
      const received = days[5 + i * 10];
      const due = addWorkingDays(received, 5, CALENDAR_2008);
      const closed = i === 17 ? addDays(due, 1) : addWorkingDays(received, 1 + (i % 5), CALENDAR_2008);
      const c = em.create(ContactCase, {
        unit: u('TJ-ZXFW').id,
        handlingUnit: u('TJ-ZXFW').id,
        kind: ContactCaseKind.DIFFICULT_QUESTION,
        channel: i % 3 === 0 ? ContactCaseChannel.PHONE : ContactCaseChannel.COUNTER,
        subject,
        description: `企业反映：${subject}，需协调相关业务处室答复。`,
        anonymous: false,
        reporterName: `企业报关员${i + 1}`,
        reporterOrganisation: '天津口岸进出口企业',
        reporterContact: null,
        receivedOn: received,
        openedAt: at(received),
        owner: user('tj-admin'),
        createdBy: user('tj-admin'),
        handlingMode: HandlingMode.TIME_LIMITED,
        timeLimitDays: 5,
        dueOn: due,
        level: ContactLevel.DIVISION,
        initialLevel: ContactLevel.DIVISION,
        status: ContactCaseStatus.CLOSED,
        result: '经协调相关业务处室，已书面答复企业并告知办理途径。',
        closedOn: closed,
        closedAt: at(closed),
        closedBy: user('tj-admin'),
        feedbackOn: closed,
        feedbackMethod: FeedbackMethod.PHONE,
        trackingNumber: tracking(received),
      } as never);
      step(c, ContactCaseStepKind.OPENED, received, { toLevel: ContactLevel.DIVISION, toUnit: u('TJ-ZXFW'), actor: user('tj-admin') } as never);
      step(c, ContactCaseStepKind.CLOSED, closed, { fromLevel: ContactLevel.DIVISION, fromUnit: u('TJ-ZXFW'), actor: user('tj-admin') } as never);
    });

    // 12 complaints of 2008, each closed with feedback; the first escalated through all three levels.
    COMPLAINTS_2008.forEach((p, i) => {
      const unit = u(p.unit);
      const received = days[12 + i * 19];
      const level = levelOf(unit);
      const escalated = i === 0;
      const due = addWorkingDays(received, 10, CALENDAR_2008);
      const closed = addWorkingDays(received, escalated ? 9 : 2 + (i % 6), CALENDAR_2008);
      const owner = unit.path.startsWith(u('TJ-BGS').path) ? user('tj-office-liaison') : user('tj-admin');
      const c = em.create(ContactCase, {
        unit: unit.id,
        handlingUnit: escalated ? u('TJ').id : unit.id,
        kind: ContactCaseKind.COMPLAINT,
        channel: [ContactCaseChannel.PHONE, ContactCaseChannel.DIRECTOR_MAILBOX, ContactCaseChannel.COUNTER, ContactCaseChannel.ONLINE][i % 4],
        subject: p.subject,
        description: `${p.organisation}反映：${p.subject}。`,
        anonymous: false,
        reporterName: p.reporter,
        reporterOrganisation: p.organisation,
        reporterContact: p.contact,
        receivedOn: received,
        openedAt: at(received),
        owner,
        createdBy: owner,
        handlingMode: HandlingMode.TIME_LIMITED,
        timeLimitDays: 10,
        dueOn: due,
        level: escalated ? ContactLevel.DISTRICT_OFFICE : level,
        initialLevel: level,
        escalations: escalated ? 2 : 0,
        status: ContactCaseStatus.CLOSED,
        result: escalated ? '关务公开常设机构协调办公室与业务处室统一办事指南口径，已在网站和窗口同步更新。' : '已核实情况并整改，向企业说明处理结果。',
        closedOn: closed,
        closedAt: at(closed),
        closedBy: escalated ? user('tj-admin') : owner,
        feedbackOn: closed,
        feedbackMethod: i % 2 ? FeedbackMethod.PHONE : FeedbackMethod.LETTER,
        followUpOn: i < 10 ? addDays(closed, 7) : null,
        satisfaction: i < 10 ? (i === 4 ? Satisfaction.BASICALLY_SATISFIED : Satisfaction.SATISFIED) : null,
        trackingNumber: tracking(received),
      } as never);
      step(c, ContactCaseStepKind.OPENED, received, { toLevel: level, toUnit: unit, actor: owner } as never);
      if (escalated) {
        step(c, ContactCaseStepKind.ESCALATED, addWorkingDays(received, 2, CALENDAR_2008), {
          fromLevel: ContactLevel.SECTION,
          toLevel: ContactLevel.DIVISION,
          fromUnit: unit,
          toUnit: u('TJ-BGS'),
          actor: user('tj-office-liaison'),
          reason: '涉及办事指南内容，科内无法确定，报办公室协调',
        } as never);
        step(c, ContactCaseStepKind.ESCALATED, addWorkingDays(received, 5, CALENDAR_2008), {
          fromLevel: ContactLevel.DIVISION,
          toLevel: ContactLevel.DISTRICT_OFFICE,
          fromUnit: u('TJ-BGS'),
          toUnit: u('TJ'),
          actor: user('tj-office-liaison'),
          reason: '涉及通关处与办公室两个处级部门的口径，需总关关务公开常设机构协调',
        } as never);
      }
      step(c, ContactCaseStepKind.CLOSED, closed, {
        fromLevel: escalated ? ContactLevel.DISTRICT_OFFICE : level,
        fromUnit: escalated ? u('TJ') : unit,
        actor: escalated ? user('tj-admin') : owner,
      } as never);
      if (i < 10) step(c, ContactCaseStepKind.FOLLOW_UP, addDays(closed, 7), { actor: owner } as never);
    });

    // An anonymous tip-off about staff conduct: only the 监察室 (tj-inspector) and the centre see it.
    const tip = em.create(ContactCase, {
      unit: u('TJ-XG-TGK').id,
      handlingUnit: u('TJ-XG-TGK').id,
      kind: ContactCaseKind.TIP_OFF,
      channel: ContactCaseChannel.SUGGESTION_BOX,
      restricted: true,
      subject: '反映查验关员索要好处',
      description: '举报箱来信（未署名）：反映新港海关通关科某查验关员在查验时暗示企业“表示”。',
      anonymous: true,
      receivedOn: '2008-11-03',
      openedAt: at('2008-11-03'),
      owner: user('tj-inspector'),
      createdBy: user('tj-inspector'),
      handlingMode: HandlingMode.BY_DATE,
      dueOn: '2008-11-28',
      level: ContactLevel.SECTION,
      initialLevel: ContactLevel.SECTION,
      status: ContactCaseStatus.CLOSED,
      result: '监察室调查核实，对相关关员进行诫勉谈话并调整岗位。',
      closedOn: '2008-11-21',
      closedAt: at('2008-11-21'),
      closedBy: user('tj-inspector'),
      trackingNumber: tracking('2008-11-03'),
    } as never);
    step(tip, ContactCaseStepKind.OPENED, '2008-11-03', { toLevel: ContactLevel.SECTION, toUnit: u('TJ-XG-TGK'), actor: user('tj-inspector') } as never);
    step(tip, ContactCaseStepKind.CLOSED, '2008-11-21', { fromLevel: ContactLevel.SECTION, fromUnit: u('TJ-XG-TGK'), actor: user('tj-inspector') } as never);

    // Open cases of today, for the dashboards: an overdue complaint escalated in 东莞, a public suggestion in 西宁.
    const today = todayInChina();
    const dgReceived = addDays(today, -30);
    const dg = em.create(ContactCase, {
      unit: u('HP-DG-LBCJC').id,
      handlingUnit: u('HP').id,
      kind: ContactCaseKind.COMPLAINT,
      channel: ContactCaseChannel.DIRECTOR_MAILBOX,
      subject: '车检场夜间通道开放时间',
      description: '企业通过电子关长信封反映车检场夜间通道开放时间与公告不符。',
      anonymous: false,
      reporterName: '林先生',
      reporterOrganisation: '东莞某运输公司',
      reporterContact: '0769-2288****',
      receivedOn: dgReceived,
      openedAt: at(dgReceived),
      owner: user('dg-liaison'),
      createdBy: user('dg-liaison'),
      handlingMode: HandlingMode.BY_DATE,
      dueOn: addDays(today, -10),
      level: ContactLevel.DISTRICT_OFFICE,
      initialLevel: ContactLevel.DIVISION,
      escalations: 1,
      trackingNumber: tracking(dgReceived),
    } as never);
    step(dg, ContactCaseStepKind.OPENED, dgReceived, { toLevel: ContactLevel.DIVISION, toUnit: u('HP-DG-LBCJC'), actor: user('dg-liaison') } as never);
    step(dg, ContactCaseStepKind.ESCALATED, addDays(dgReceived, 3), {
      fromLevel: ContactLevel.DIVISION,
      toLevel: ContactLevel.DISTRICT_OFFICE,
      fromUnit: u('HP-DG-LBCJC'),
      toUnit: u('HP'),
      actor: user('dg-liaison'),
      reason: '涉及口岸联检单位作息安排，需总关协调',
    } as never);
    if (context.withDemoUsers) {
      const xn = em.create(ContactCase, {
        unit: u('XN').id,
        handlingUnit: u('XN').id,
        kind: ContactCaseKind.SUGGESTION,
        channel: ContactCaseChannel.PUBLIC_SUBMISSION,
        subject: '建议在网站公布查验预约电话',
        description: '建议西宁海关在门户网站公布各现场查验预约电话。',
        anonymous: true,
        receivedOn: today,
        openedAt: new Date(),
        handlingMode: HandlingMode.TIME_LIMITED,
        timeLimitDays: 15,
        dueOn: addDays(today, 21),
        level: ContactLevel.DISTRICT_OFFICE,
        initialLevel: ContactLevel.DISTRICT_OFFICE,
        trackingNumber: DEMO_PUBLIC_TRACKING,
        secretHash: hashSecret(DEMO_PUBLIC_SECRET),
      } as never);
      step(xn, ContactCaseStepKind.OPENED, today, { toLevel: ContactLevel.DISTRICT_OFFICE, toUnit: u('XN') } as never);
    }
    await em.flush();
  }
}
