import { ApplicantType, OutcomeReason, RequestChannel, RequestOutcome } from '../src/modules/requests';

/** Tracking number and secret of a demo online request, for trying requestStatus by hand. */
export const DEMO_REQUEST_TRACKING = 'YSDEMO-REQ01';
export const DEMO_REQUEST_SECRET = 'demo-request-secret-2017';

/** One of Tianjin 2017's requests. */
export interface Tianjin2017Request {
  channel: RequestChannel;
  applicantType: ApplicantType;
  applicant: string;
  description: string;
  outcome: RequestOutcome;
  reason?: OutcomeReason;
  referredTo?: string;
  note?: string;
  /** Withdrawn by the applicant (当事人得到业务现场满意答复撤消申请). */
  withdrawn?: boolean;
  /** A correction notice the applicant never answered (发出补正告知后，申请人未补正). */
  noCorrection?: boolean;
  /** The one extension notice of the year (延期答复告知书). */
  extended?: boolean;
}

const online = RequestChannel.ONLINE;
const NP = ApplicantType.NATURAL_PERSON;
const BIZ = ApplicantType.BUSINESS;

/**
 * 天津海关 2017 年度报告: 23 requests, 22 online and 1 by letter; 3 granted in full, 1 in part, 4 not
 * this body's (不属于本机关业务管辖范围), 9 not existing (7 of them destroyed after their retention
 * period), 1 withdrawn after a satisfactory answer at the counter, 5 not corrected after a correction
 * notice; one extension notice. The report is silent on applicants, subjects and dates: those below
 * are plausible choices (mostly natural persons, some businesses, one law firm, one research body),
 * and every request is received and concluded in 2017, so nothing is carried over either way.
 */
export const TIANJIN_2017: Tianjin2017Request[] = [
  { channel: online, applicantType: NP, applicant: '王某', description: '2016年天津海关行政处罚案件数量统计', outcome: RequestOutcome.GRANTED },
  {
    channel: online,
    applicantType: BIZ,
    applicant: '天津某国际贸易有限公司',
    description: '本公司2016年报关单查验结果通知',
    outcome: RequestOutcome.GRANTED,
    extended: true,
  },
  {
    channel: RequestChannel.LETTER,
    applicantType: ApplicantType.LEGAL_SERVICE,
    applicant: '天津某律师事务所',
    description: '某走私案件行政处罚决定书',
    outcome: RequestOutcome.GRANTED,
  },
  {
    channel: online,
    applicantType: BIZ,
    applicant: '天津某物流有限公司',
    description: '2017年企业信用等级认定标准及结果',
    outcome: RequestOutcome.PARTLY_GRANTED,
    note: '涉及其他企业商业秘密的部分不予公开。',
  },
  ...(['国家税务总局天津市税务局', '天津出入境检验检疫局', '天津市商务委员会', '天津港（集团）有限公司'] as const).map((body, i): Tianjin2017Request => ({
    channel: online,
    applicantType: i === 3 ? BIZ : NP,
    applicant: ['李某', '张某', '刘某', '天津某船务代理有限公司'][i],
    description: ['出口退税办理进度', '进口食品检验检疫证明', '对外贸易经营者备案信息', '集装箱码头堆存费收费标准'][i],
    outcome: RequestOutcome.UNABLE_TO_PROVIDE,
    reason: OutcomeReason.NOT_HELD,
    referredTo: body,
    note: '不属于本机关业务管辖范围。',
  })),
  ...Array.from({ length: 9 }, (_, i): Tianjin2017Request => ({
    channel: online,
    applicantType: i === 4 ? BIZ : i === 7 ? ApplicantType.RESEARCH : NP,
    applicant: i === 4 ? '天津某进出口有限公司' : i === 7 ? '某高校海关研究中心' : `申请人${i + 1}`,
    description: [
      '1998年进口车辆报关单',
      '2003年某批货物查验记录',
      '2005年海关监管场所审批材料',
      '2001年个人物品进境申报单',
      '2004年本公司加工贸易手册核销资料',
      '2006年某案件调查笔录',
      '2002年关区进口数据',
      '2010年关区旅客通关人数统计',
      '2000年邮递物品退运记录',
    ][i],
    outcome: RequestOutcome.UNABLE_TO_PROVIDE,
    reason: OutcomeReason.NOT_HELD,
    note: i < 7 ? '申请公开的信息已超过保存期限，按规定销毁，信息不存在。' : '经检索，本机关未制作或获取该信息，信息不存在。',
  })),
  {
    channel: online,
    applicantType: NP,
    applicant: '赵某',
    description: '个人行李物品验放依据',
    outcome: RequestOutcome.OTHER,
    reason: OutcomeReason.OTHER,
    withdrawn: true,
  },
  ...Array.from({ length: 5 }, (_, i): Tianjin2017Request => ({
    channel: online,
    applicantType: i === 2 ? BIZ : NP,
    applicant: i === 2 ? '天津某报关有限公司' : `申请人${i + 10}`,
    description: ['海关的相关文件', '所有处罚信息', '我公司的资料', '有关规定', '去年的数据'][i],
    outcome: RequestOutcome.OTHER,
    reason: OutcomeReason.NO_CORRECTION,
    noCorrection: true,
  })),
];
