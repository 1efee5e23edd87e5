/**
 * Demo data of the contact module, from 天津海关 2008 年信息公开年度报告: 17,195 consultations in the
 * year (11,679 by phone, 4,132 at the counter, 1,322 online; the other 62 by letter and the like,
 * since the report's three channels add up to 17,133), about 68 a working day; 24 difficult
 * questions coordinated; 12 complaints; satisfaction above 99%.
 */

export const TIANJIN_2008 = { total: 17195, phone: 11679, counter: 4132, online: 1322, difficult: 24, complaints: 12 };
export const TIANJIN_2008_OTHER = TIANJIN_2008.total - TIANJIN_2008.phone - TIANJIN_2008.counter - TIANJIN_2008.online;

// The State Council's 2008 holiday arrangement: weekday holidays, and weekend make-up working days (调休).
const HOLIDAYS_2008 = new Set([
  '2008-01-01',
  '2008-02-06',
  '2008-02-07',
  '2008-02-08',
  '2008-02-11',
  '2008-02-12',
  '2008-04-04',
  '2008-05-01',
  '2008-05-02',
  '2008-06-09',
  '2008-09-15',
  '2008-09-29',
  '2008-09-30',
  '2008-10-01',
  '2008-10-02',
  '2008-10-03',
]);
const WORKDAYS_2008 = new Set(['2008-02-02', '2008-02-03', '2008-05-04', '2008-09-27', '2008-09-28']);

/** Working days of 2008 (251). */
export function workingDays2008(): string[] {
  const days: string[] = [];
  for (let t = Date.UTC(2008, 0, 1); t < Date.UTC(2009, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    if (HOLIDAYS_2008.has(iso)) continue;
    if (weekend && !WORKDAYS_2008.has(iso)) continue;
    days.push(iso);
  }
  return days;
}

/** A small deterministic generator, so the demo world is the same on every load. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Busier around the spring trade fair and the year-end rush, quieter around the Spring Festival and in summer.
const MONTH_WEIGHT = [0.95, 0.7, 1.1, 1.1, 1.0, 1.0, 0.9, 0.85, 1.0, 0.95, 1.15, 1.25];

/** Spreads `total` over `days` with plausible day-to-day variation; the parts add up to `total` exactly. */
export function spread(total: number, days: string[], seed: number): number[] {
  const rand = prng(seed);
  const weights = days.map((d) => {
    const month = Number(d.slice(5, 7)) - 1;
    const monday = new Date(`${d}T00:00:00Z`).getUTCDay() === 1 ? 1.15 : 1;
    return MONTH_WEIGHT[month] * monday * (0.75 + 0.5 * rand());
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  // Largest remainders get the units the flooring lost.
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0, left = total - parts.reduce((a, b) => a + b, 0); k < left; k++) parts[order[k][1]]++;
  return parts;
}

/** Daily tallies of 2008 per channel at 通关咨询服务中心. */
export function tianjin2008Tallies(): { date: string; channel: string; count: number }[] {
  const days = workingDays2008();
  const rows: { date: string; channel: string; count: number }[] = [];
  const channels: [string, number, number][] = [
    ['PHONE', TIANJIN_2008.phone, 11],
    ['COUNTER', TIANJIN_2008.counter, 22],
    ['ONLINE', TIANJIN_2008.online, 33],
    ['OTHER', TIANJIN_2008_OTHER, 44],
  ];
  for (const [channel, total, seed] of channels) {
    spread(total, days, seed).forEach((count, i) => {
      if (count > 0) rows.push({ date: days[i], channel, count });
    });
  }
  return rows;
}

/** Difficult clearance questions of the kind the report says were coordinated (协调解决企业通关疑难问题). */
export const DIFFICULT_QUESTIONS = [
  '加工贸易手册核销中边角料处理',
  '进口设备减免税确认',
  '转关运输货物查验地点',
  '归类意见分歧的商品编码',
  '原产地证书补办',
  '出口退税报关单证明联补签',
  '保税物流园区货物分拨',
  '进口化工品危险品申报要素',
  '汽车零部件整车特征认定',
  '暂时进出境货物延期',
  '快件渠道个人物品税款',
  '集装箱超期滞留处置',
  '许可证件与申报不符的处理',
  '修改和撤销报关单',
  '船舶供油退税',
  '深加工结转申报',
  '展览品留购征税',
  '进境维修货物复出境',
  '农产品进口关税配额',
  '特殊监管区域内销征税',
  '电子手册联网监管数据差异',
  '价格质疑与磋商',
  '担保放行手续',
  '企业分类管理升级条件',
];

/**
 * Complaints of 2008 (企业反映投诉), each about one of 天津海关's own departments (its subordinate
 * offices report their own figures).
 */
export const COMPLAINTS_2008: { unit: string; subject: string; reporter: string; organisation: string; contact: string }[] = [
  {
    unit: 'TJ-BGS-ZWGK',
    subject: '网站公开的办事指南与窗口要求不一致',
    reporter: '王先生',
    organisation: '天津某国际货运代理有限公司',
    contact: '022-2588****',
  },
  { unit: 'TJ-ZXFW', subject: '查验预约电话长时间无人接听', reporter: '李女士', organisation: '天津某进出口贸易公司', contact: '1382****321' },
  { unit: 'TJ-ZXFW', subject: '咨询窗口午间无人值守', reporter: '赵先生', organisation: '天津某物流公司', contact: '1390****876' },
  { unit: 'TJ-JSC', subject: '放行通知短信延迟', reporter: '孙先生', organisation: '天津某报关行', contact: '022-6570****' },
  { unit: 'TJ-FGC', subject: '行政许可办理时限未公开', reporter: '周女士', organisation: '某快递公司天津分公司', contact: '1352****110' },
  { unit: 'TJ-ZXFW', subject: '咨询电话长时间占线', reporter: '吴先生', organisation: '天津某电子有限公司', contact: '1370****552' },
  { unit: 'TJ-ZXFW', subject: '咨询答复口径前后不一', reporter: '郑先生', organisation: '天津某化工公司', contact: '022-2830****' },
  { unit: 'TJ-ZXFW', subject: '预约加班手续繁琐', reporter: '冯女士', organisation: '天津某食品进出口公司', contact: '1590****338' },
  { unit: 'TJ-CWC', subject: '办事指南未标明收费依据', reporter: '陈先生', organisation: '天津某船务代理公司', contact: '1312****907' },
  { unit: 'TJ-BGS', subject: '关长信箱来信答复不及时', reporter: '褚先生', organisation: '天津某汽车贸易公司', contact: '1860****441' },
  { unit: 'TJ-CWC', subject: '税款缴纳书打印故障', reporter: '卫女士', organisation: '天津某机械设备公司', contact: '022-2437****' },
  { unit: 'TJ-BGS-ZWGK', subject: '政务公开栏内容未及时更新', reporter: '蒋先生', organisation: '天津某行业协会', contact: '022-2331****' },
];

/** The 2008 calendar in the shape of the catalogue's WorkCalendar. */
export const CALENDAR_2008 = { holidays: HOLIDAYS_2008 as ReadonlySet<string>, workdays: WORKDAYS_2008 as ReadonlySet<string> };

/** Secret of the demo public submission (non-production worlds only), so the public read can be tried by hand. */
export const DEMO_PUBLIC_SECRET = 'demo-secret-xining-suggestion';
export const DEMO_PUBLIC_TRACKING = 'ZW2026-DEMO0-XN001';
