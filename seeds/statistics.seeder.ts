import type { EntityManager } from '@mikro-orm/core';
import type { EntityManager as PgEntityManager } from '@mikro-orm/postgresql';
import { Seeder } from '@mikro-orm/seeder';
import { ReviewDecision, ReviewKind } from '../src/modules/catalogue';
import { User } from '../src/modules/organisation';
import {
  AnnualReport,
  AnnualReportPublication,
  AnnualReportReview,
  AnnualStatistics,
  renderReport,
  ReportStatus,
  StatisticsScope,
  StatisticsStatus,
  StatisticsTemplate,
} from '../src/modules/statistics';
import type { SeedContext } from './seed-context';
import { TIANJIN_2008, TIANJIN_2017 } from './statistics-reports.data';

type Figures = Record<string, number | string>;

/** Real figures of the reference documents, entered in the template that applies to their year. */
const REAL: { unit: string; year: number; figures: Figures; notes?: Record<string, string> }[] = [
  {
    // 黄埔海关信息公开情况统计表（2009 年度）.
    unit: 'HP',
    year: 2009,
    figures: {
      'proactive.total': 5846,
      'proactive.portal': 3201,
      'proactive.normativeDocs': 5,
      'requests.total': 0,
      'requests.inPerson': 0,
      'requests.letter': 0,
      'requests.fax': 0,
      'requests.email': 0,
      'requests.other': 0,
      'replies.total': 0,
      'replies.granted': 0,
      'replies.partly': 0,
      'replies.refused': 0,
      'replies.exempt': 0,
      'replies.other': 0,
      reconsiderations: 0,
      lawsuits: 0,
      complaints: 0,
      'org.office': '办公室政务公开科',
      'staff.fullTime': 12,
      'staff.partTime': 85,
      'training.sessions': 5,
      'training.participants': 90,
      'funding.special': 0,
    },
    notes: {
      'proactive.total': '其中通过门户网站公开 3201 条。',
      'staff.fullTime': '总关 1 人；隶属单位 11 人。',
      'staff.partTime': '含全关办公室系统兼职人员及在各单位指定的政务公开联络员。',
      'training.participants': '约 90 人次',
      'funding.special': '2009 年度未设立政务公开专项经费。',
    },
  },
  {
    // 天津海关信息公开 2008 年度报告: 业务咨询 17195 人次 (电话 11679, 来人来访 4132, 网上在线 1322);
    // 协调解决企业通关疑难问题 24 件, 企业反映投诉 12 项, 对外服务满意率 99% 以上.
    unit: 'TJ',
    year: 2008,
    figures: {
      'consultations.total': 17195,
      'consultations.phone': 11679,
      'consultations.visit': 4132,
      'consultations.online': 1322,
      'consultations.problemsResolved': 24,
      'consultations.complaints': 12,
      'consultations.satisfaction': 99,
    },
    notes: { 'consultations.total': '平均每个工作日接受咨询 68 人次', 'consultations.satisfaction': '保持在 99% 以上' },
  },
  {
    // 天津海关 2017 年度报告: 23 requests (22 online, 1 by letter); replies 3 granted, 1 partly, 0 refused,
    // 4 outside jurisdiction and 9 not existing (counted under 其他); 1 withdrawn and 5 not corrected are not replies.
    unit: 'TJ',
    year: 2017,
    figures: {
      'proactive.total': 1276,
      'proactive.portal': 1016,
      'requests.total': 23,
      'requests.inPerson': 0,
      'requests.letter': 1,
      'requests.fax': 0,
      'requests.email': 0,
      'requests.other': 22,
      'replies.total': 17,
      'replies.granted': 3,
      'replies.partly': 1,
      'replies.refused': 0,
      'replies.exempt': 0,
      'replies.other': 13,
      reconsiderations: 0,
      lawsuits: 0,
    },
    notes: {
      'requests.other': '通过网络申请 22 件',
      'replies.other': '不属于本机关业务管辖范围 4 件；信息不存在 9 件（其中 7 件超过保存期限已销毁）',
      'replies.total': '另：申请人撤销申请 1 件，未补正 5 件',
    },
  },
];

/** Plausible figures of subordinate units, so roll-ups show sums and gaps. */
const PLAUSIBLE: { unit: string; year: number; status: StatisticsStatus; figures: Figures; comment?: string }[] = [
  {
    unit: 'HP-DG',
    year: 2009,
    status: StatisticsStatus.ACCEPTED,
    figures: {
      'proactive.total': 1320,
      'proactive.portal': 640,
      'proactive.normativeDocs': 1,
      'staff.fullTime': 2,
      'staff.partTime': 14,
      'training.sessions': 2,
      'training.participants': 35,
    },
  },
  {
    unit: 'HP-XT',
    year: 2009,
    status: StatisticsStatus.ACCEPTED,
    figures: { 'proactive.total': 410, 'proactive.portal': 220, 'staff.fullTime': 1, 'staff.partTime': 6 },
  },
  {
    unit: 'HP-BGS',
    year: 2009,
    status: StatisticsStatus.ACCEPTED,
    figures: { 'proactive.total': 260, 'proactive.portal': 260, 'staff.fullTime': 1, 'staff.partTime': 3 },
  },
  { unit: 'HP-LG', year: 2009, status: StatisticsStatus.SUBMITTED, figures: { 'proactive.total': 198, 'proactive.portal': 120, 'staff.partTime': 5 } },
  {
    unit: 'HP-KFQ',
    year: 2009,
    status: StatisticsStatus.RETURNED,
    figures: { 'proactive.total': 305, 'proactive.portal': 150, 'staff.partTime': 4 },
    comment: '请补报专兼职人员数及培训情况。',
  },
  {
    unit: 'TJ-XG',
    year: 2017,
    status: StatisticsStatus.ACCEPTED,
    figures: {
      'proactive.total': 312,
      'proactive.portal': 240,
      'requests.total': 2,
      'requests.inPerson': 0,
      'requests.letter': 0,
      'requests.fax': 0,
      'requests.email': 0,
      'requests.other': 2,
    },
  },
  { unit: 'TJ-JCHG', year: 2017, status: StatisticsStatus.ACCEPTED, figures: { 'proactive.total': 146, 'proactive.portal': 120 } },
  { unit: 'TJ-ZXFW', year: 2017, status: StatisticsStatus.DRAFT, figures: { 'proactive.total': 88 } },
];

/** Reports of the reference documents (Huangpu condensed; Tianjin as the sources write them, with their own titles and headings). */
const REPORTS: {
  unit: string;
  year: number;
  writer: string;
  legal: string;
  secrecy: string;
  publisher: string;
  sections: Record<string, string>;
  title?: string;
  sectionTitles?: Record<string, string>;
}[] = [
  {
    unit: 'HP',
    year: 2009,
    writer: 'hp-admin',
    legal: 'hp-legal',
    secrecy: 'hp-secrecy',
    publisher: 'hp-publisher',
    sections: {
      overview:
        '2009 年，黄埔海关认真贯彻落实海关总署关于推行政务公开的要求部署和《海关关务公开办法》规定，进一步强化基础工作、大力服务中心工作、加强对隶属单位的检查指导、拓展深化公开领域、不断扩大对外交流。',
      proactive: '2009 年，我关主动公开海关信息共 5846 条，其中，通过门户网站公开电子化信息 3201 条。',
      requests:
        '2009 年，我关未收到公民、法人或其他社会组织提出的公开海关信息的申请。相应地，也没有不予公开海关信息的情况。我关未收取或减免海关政务信息公开的费用。',
      litigation: '2009 年，我关未发生因海关信息公开被申请行政复议、行政诉讼和行政申诉的情况。',
      problems: '（一）海关政务公开的基础工作仍比较薄弱。（二）海关政务公开的针对性和互动性还不够。（三）海关政务公开工作的社会影响力还不够。',
      other: '本报告通过黄埔海关门户网站予以公布。如对本报告有任何疑问，请与黄埔海关办公室联系（联系电话：020-82130926）。',
    },
  },
  { unit: 'TJ', year: 2008, writer: 'tj-office-liaison', legal: 'tj-legal', secrecy: 'tj-secrecy', publisher: 'tj-publisher', ...TIANJIN_2008 },
  { unit: 'TJ', year: 2017, writer: 'tj-office-liaison', legal: 'tj-legal', secrecy: 'tj-secrecy', publisher: 'tj-publisher', ...TIANJIN_2017 },
];

/** Demo statistics: the real figures (accepted), plausible ones for other units, and two published reports. */
export class StatisticsSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    const units = context.units!;
    const templates = await em.find(StatisticsTemplate, {});
    const templateFor = (year: number) => templates.find((t) => !t.definition.supplementTo && t.appliesTo(year))!;
    const accepted = new Date('2026-01-15T08:00:00Z');
    for (const r of REAL) {
      em.create(AnnualStatistics, {
        unit: units.get(r.unit)!.id,
        year: r.year,
        template: templateFor(r.year).id,
        status: StatisticsStatus.ACCEPTED,
        // A district's report states the figures of its whole system (总关 and 隶属单位).
        scope: StatisticsScope.CONSOLIDATED,
        figures: r.figures,
        notes: r.notes ?? {},
        submittedAt: accepted,
        reviewedAt: accepted,
        acceptedAt: accepted,
      });
    }
    for (const p of PLAUSIBLE) {
      const done = p.status !== StatisticsStatus.DRAFT;
      em.create(AnnualStatistics, {
        unit: units.get(p.unit)!.id,
        year: p.year,
        template: templateFor(p.year).id,
        status: p.status,
        figures: p.figures,
        submittedAt: done ? accepted : null,
        reviewedAt: p.status === StatisticsStatus.ACCEPTED || p.comment ? accepted : null,
        acceptedAt: p.status === StatisticsStatus.ACCEPTED ? accepted : null,
        reviewComment: p.comment ?? null,
      });
    }
    await em.flush();
    // Published as the workflow publishes: submitted by a writer, passed by two reviewers (法规处审核
    // and 保密审查) in round 1, then frozen as publication revision 1 with the unit's name of the day.
    const users = context.withDemoUsers ? await em.find(User, { username: { $in: REPORTS.flatMap((r) => [r.writer, r.legal, r.secrecy, r.publisher]) } }) : [];
    const user = (name: string) => users.find((u) => u.username === name);
    for (const r of REPORTS) {
      const unit = units.get(r.unit)!;
      const report = em.create(AnnualReport, {
        unit: unit.id,
        year: r.year,
        sections: r.sections,
        title: r.title ?? null,
        sectionTitles: r.sectionTitles ?? {},
        status: ReportStatus.PUBLISHED,
        reviewRound: 1,
        submittedById: user(r.writer)?.id ?? null,
        submittedAt: accepted,
        publishedAt: accepted,
        publishedById: user(r.publisher)?.id ?? null,
      });
      const legal = user(r.legal);
      const secrecy = user(r.secrecy);
      if (legal && secrecy) {
        em.create(AnnualReportReview, {
          report,
          round: 1,
          kind: ReviewKind.LEGAL,
          decision: ReviewDecision.PASS,
          comment: '经审核，同意公开',
          reviewer: legal,
          createdAt: accepted,
        });
        em.create(AnnualReportReview, {
          report,
          round: 1,
          kind: ReviewKind.SECRECY,
          decision: ReviewDecision.PASS,
          comment: '不涉及国家秘密和工作秘密',
          reviewer: secrecy,
          createdAt: accepted,
        });
      }
      const rendered = await renderReport(em as unknown as PgEntityManager, unit, r.year, report);
      em.create(AnnualReportPublication, {
        report,
        revision: 1,
        unit: unit.id,
        year: r.year,
        unitName: unit.name,
        sections: r.sections,
        markdown: rendered.markdown,
        html: rendered.html,
        statisticsId: rendered.statisticsId,
        reviewRound: 1,
        publishedAt: accepted,
        publishedById: user(r.publisher)?.id ?? null,
      });
    }
    await em.flush();
  }
}
