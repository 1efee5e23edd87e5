/**
 * The statistics templates as data. These objects are written to `statistics_template.definition`
 * (jsonb) by the migration; the service reads templates from the database, never from here, so a
 * new version is a new row, not a code change. The one exception is `mainFigures` (where the
 * dashboard's main figures live in each template family), read from here as `MAIN_FIGURE_KEYS`.
 */

/** What a cell holds. */
export type CellKind = 'COUNT' | 'AMOUNT' | 'RATE' | 'TEXT';

/** The six text sections of an annual report. */
export type SectionKey = 'overview' | 'proactive' | 'requests' | 'litigation' | 'problems' | 'other';
export const SECTION_KEYS: SectionKey[] = ['overview', 'proactive', 'requests', 'litigation', 'problems', 'other'];

export interface CellDef {
  key: string;
  label: string;
  kind: CellKind;
  /** May the cell be added up across units? Rates and texts may not. */
  summable: boolean;
  /** Unit of measure shown in list tables (条, 件, 人, 万元 …). */
  unit?: string;
}

export interface ColumnDef {
  key: string;
  label: string;
  /** Header group, e.g. 法人或其他组织. */
  group?: string;
}

export interface RowDef {
  key: string;
  label: string;
  /** Cell keys, one per column (LIST tables: one); empty for a heading row. */
  cells: string[];
}

export interface TableDef {
  code: string;
  title: string;
  /** The report section the table follows, or APPENDIX. */
  section: SectionKey | 'APPENDIX';
  /** LIST: 指标名称 / 单位 / 统计数 / 备注; GRID: rows × columns. */
  layout: 'LIST' | 'GRID';
  columns: ColumnDef[];
  rows: RowDef[];
}

/**
 * A check declared with the template:
 * SUM: total = sum(parts); AT_MOST: sum(parts) ≤ total ("of which");
 * BALANCE: sum(left) = sum(right); CARRY_OVER: cell = last year's accepted previousCell.
 * `target` is the cell the problem is reported on.
 */
export interface RuleDef {
  code: string;
  kind: 'SUM' | 'AT_MOST' | 'BALANCE' | 'CARRY_OVER';
  description: string;
  target: string;
  total?: string;
  parts?: string[];
  left?: string[];
  right?: string[];
  previousCell?: string;
}

export interface TemplateDefinition {
  /**
   * A supplement's main template family (code): its cells are filed in the same statistics as the
   * main template's, for the years both apply to (the customs supplement to GOV-2021). Absent on
   * a main template.
   */
  supplementTo?: string;
  /** The report title, `{unit}` and `{year}` filled in (a report may set its own). */
  reportTitle?: string;
  sections: { key: SectionKey; title: string }[];
  tables: TableDef[];
  cells: CellDef[];
  rules: RuleDef[];
}

/** The main figures of a year's statistics, which the dashboard compares year on year. */
export type MainFigure = 'requests' | 'reconsiderations' | 'lawsuits';

export interface TemplateSeed {
  code: string;
  version: number;
  name: string;
  yearFrom: number;
  yearTo: number | null;
  definition: TemplateDefinition;
  /**
   * Where each main figure lives in this template's figures (cell keys; a figure with several keys
   * is their sum). Declared with the template in code, not installed with its row: it is the same
   * for every version of a template family (code).
   */
  mainFigures: Record<MainFigure, string[]>;
}

const count = (key: string, label: string, unit = '件'): CellDef => ({ key, label, kind: 'COUNT', summable: true, unit });

// ---------------------------------------------------------------- CUSTOMS-2009
// Rows of 黄埔海关信息公开情况统计表（2009 年度）, plus the consultation and complaint handling figures
// of Tianjin's 2008 report (电话 / 来人来访 / 网上在线; 协调解决通关疑难问题; 企业反映投诉).

const customsCells: CellDef[] = [
  count('proactive.total', '主动公开信息总数', '条'),
  count('proactive.portal', '其中：通过门户网站公开', '条'),
  count('proactive.normativeDocs', '新增规范性文件数', '条'),
  count('requests.total', '收到信息公开申请总数'),
  count('requests.inPerson', '当面申请数'),
  count('requests.letter', '信函申请数'),
  count('requests.fax', '传真申请数'),
  count('requests.email', '电子邮件申请数'),
  count('requests.other', '其它形式申请数'),
  count('replies.total', '信息公开申请答复总数'),
  count('replies.granted', '同意公开答复数'),
  count('replies.partly', '同意部分公开答复数'),
  count('replies.refused', '不予公开答复数'),
  count('replies.exempt', '免于公开答复数'),
  count('replies.other', '其他'),
  count('reconsiderations', '行政复议数'),
  count('lawsuits', '行政诉讼数'),
  count('complaints', '投诉举报数'),
  { key: 'org.office', label: '海关政务公开工作机构', kind: 'TEXT', summable: false },
  count('staff.fullTime', '海关政务公开专职人员数', '人'),
  count('staff.partTime', '海关政务公开兼职人员数', '人'),
  count('training.sessions', '举办政务公开培训班总数', '期'),
  count('training.participants', '参加各类政务公开（政府信息公开）培训班总人数', '人'),
  { key: 'funding.special', label: '海关政务公开专项经费', kind: 'AMOUNT', summable: true, unit: '万元' },
  count('consultations.total', '接受各类业务咨询总数', '人次'),
  count('consultations.phone', '其中：电话咨询', '人次'),
  count('consultations.visit', '其中：来人来访', '人次'),
  count('consultations.online', '其中：网上在线咨询', '人次'),
  count('consultations.problemsResolved', '协调解决企业通关疑难问题数'),
  count('consultations.complaints', '企业反映投诉数', '项'),
  { key: 'consultations.satisfaction', label: '对外服务满意率', kind: 'RATE', summable: false, unit: '%' },
];

const list = (key: string, label: string, cell?: string): RowDef => ({ key, label, cells: cell ? [cell] : [] });

export const CUSTOMS_2009: TemplateSeed = {
  code: 'CUSTOMS-2009',
  version: 1,
  name: '海关信息公开情况统计表（2009 年格式）',
  yearFrom: 2008,
  yearTo: 2020,
  mainFigures: { requests: ['requests.total'], reconsiderations: ['reconsiderations'], lawsuits: ['lawsuits'] },
  definition: {
    reportTitle: '{unit} {year} 年度信息公开报告',
    sections: [
      { key: 'overview', title: '一、政务公开工作开展情况' },
      { key: 'proactive', title: '二、主动公开海关信息的情况' },
      { key: 'requests', title: '三、依申请公开海关信息和不予公开海关信息的情况' },
      { key: 'litigation', title: '四、因海关信息公开申请行政复议、提起行政诉讼的情况' },
      { key: 'problems', title: '五、海关政务公开工作存在的主要问题及改进情况' },
      { key: 'other', title: '六、其他需要报告的事项' },
    ],
    tables: [
      {
        code: 'MAIN',
        title: '信息公开情况统计表',
        section: 'APPENDIX',
        layout: 'LIST',
        columns: [{ key: 'value', label: '统计数' }],
        rows: [
          list('h1', '一、主动公开'),
          list('proactive.total', '1. 主动公开信息总数', 'proactive.total'),
          list('proactive.portal', '其中：通过门户网站公开', 'proactive.portal'),
          list('proactive.normativeDocs', '2. 新增规范性文件数', 'proactive.normativeDocs'),
          list('h2', '二、依申请公开'),
          list('requests.total', '3. 收到信息公开申请总数', 'requests.total'),
          list('requests.inPerson', '（1）当面申请数', 'requests.inPerson'),
          list('requests.letter', '（2）信函申请数', 'requests.letter'),
          list('requests.fax', '（3）传真申请数', 'requests.fax'),
          list('requests.email', '（4）电子邮件申请数', 'requests.email'),
          list('requests.other', '（5）其它形式申请数', 'requests.other'),
          list('replies.total', '4. 信息公开申请答复总数', 'replies.total'),
          list('replies.granted', '（1）同意公开答复数', 'replies.granted'),
          list('replies.partly', '（2）同意部分公开答复数', 'replies.partly'),
          list('replies.refused', '（3）不予公开答复数', 'replies.refused'),
          list('replies.exempt', '（4）免于公开答复数', 'replies.exempt'),
          list('replies.other', '（5）其他', 'replies.other'),
          list('h3', '三、行政复议、诉讼及投诉'),
          list('reconsiderations', '5. 行政复议数', 'reconsiderations'),
          list('lawsuits', '6. 行政诉讼数', 'lawsuits'),
          list('complaints', '7. 投诉举报数', 'complaints'),
          list('h4', '四、机构及人员'),
          list('org.office', '8. 海关政务公开工作机构', 'org.office'),
          list('staff.fullTime', '9. 海关政务公开专职人员数', 'staff.fullTime'),
          list('staff.partTime', '10. 海关政务公开兼职人员数', 'staff.partTime'),
          list('h5', '五、宣传培训'),
          list('training.sessions', '11. 举办政务公开培训班总数', 'training.sessions'),
          list('training.participants', '12. 参加各类政务公开（政府信息公开）培训班总人数', 'training.participants'),
          list('h6', '六、经费保障'),
          list('funding.special', '13. 海关政务公开专项经费', 'funding.special'),
          list('h7', '七、咨询投诉'),
          list('consultations.total', '14. 接受各类业务咨询总数', 'consultations.total'),
          list('consultations.phone', '（1）电话咨询', 'consultations.phone'),
          list('consultations.visit', '（2）来人来访', 'consultations.visit'),
          list('consultations.online', '（3）网上在线咨询', 'consultations.online'),
          list('consultations.problemsResolved', '15. 协调解决企业通关疑难问题数', 'consultations.problemsResolved'),
          list('consultations.complaints', '16. 企业反映投诉数', 'consultations.complaints'),
          list('consultations.satisfaction', '17. 对外服务满意率', 'consultations.satisfaction'),
        ],
      },
    ],
    cells: customsCells,
    rules: [
      {
        code: 'portal-within-total',
        kind: 'AT_MOST',
        description: '通过门户网站公开数不得超过主动公开信息总数',
        target: 'proactive.portal',
        total: 'proactive.total',
        parts: ['proactive.portal'],
      },
      {
        code: 'requests-by-channel',
        kind: 'SUM',
        description: '收到申请总数 = 各形式申请数之和',
        target: 'requests.total',
        total: 'requests.total',
        parts: ['requests.inPerson', 'requests.letter', 'requests.fax', 'requests.email', 'requests.other'],
      },
      {
        code: 'replies-by-outcome',
        kind: 'SUM',
        description: '答复总数 = 各类答复数之和',
        target: 'replies.total',
        total: 'replies.total',
        parts: ['replies.granted', 'replies.partly', 'replies.refused', 'replies.exempt', 'replies.other'],
      },
      {
        code: 'replies-within-requests',
        kind: 'AT_MOST',
        description: '答复总数不得超过收到申请总数',
        target: 'replies.total',
        total: 'requests.total',
        parts: ['replies.total'],
      },
      // Tianjin 2008 gives 17195 consultations "其中" 11679 + 4132 + 1322 = 17133: the channels are
      // "of which" figures, not an exhaustive split, so they may not exceed the total.
      {
        code: 'consultations-by-channel',
        kind: 'AT_MOST',
        description: '电话、来访、网上咨询之和不得超过咨询总数',
        target: 'consultations.total',
        total: 'consultations.total',
        parts: ['consultations.phone', 'consultations.visit', 'consultations.online'],
      },
    ],
  },
};

// ---------------------------------------------------------------- GOV-2021
// 国办公开办函〔2021〕30号 annual-report format, tables 2–4.

const T3_COLUMNS: ColumnDef[] = [
  { key: 'NP', label: '自然人' },
  { key: 'BIZ', label: '商业企业', group: '法人或其他组织' },
  { key: 'RES', label: '科研机构', group: '法人或其他组织' },
  { key: 'NGO', label: '社会公益组织', group: '法人或其他组织' },
  { key: 'LAW', label: '法律服务机构', group: '法人或其他组织' },
  { key: 'OTH', label: '其他', group: '法人或其他组织' },
  { key: 'TOTAL', label: '总计' },
];
const T3_APPLICANTS = T3_COLUMNS.filter((c) => c.key !== 'TOTAL').map((c) => c.key);

/** Result rows of table 3, with headings; `null` key = heading row. */
const T3_ROWS: { key: string | null; label: string }[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carriedOver', label: '二、上年结转政府信息公开申请数量' },
  { key: null, label: '三、本年度办理结果' },
  { key: 'granted', label: '（一）予以公开' },
  { key: 'partly', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）' },
  { key: null, label: '（三）不予公开' },
  { key: 'refused.secret', label: '1. 属于国家秘密' },
  { key: 'refused.law', label: '2. 其他法律行政法规禁止公开' },
  { key: 'refused.safety', label: '3. 危及“三安全一稳定”' },
  { key: 'refused.thirdParty', label: '4. 保护第三方合法权益' },
  { key: 'refused.internal', label: '5. 属于三类内部事务信息' },
  { key: 'refused.process', label: '6. 属于四类过程性信息' },
  { key: 'refused.caseFile', label: '7. 属于行政执法案卷' },
  { key: 'refused.inquiry', label: '8. 属于行政查询事项' },
  { key: null, label: '（四）无法提供' },
  { key: 'unable.notHeld', label: '1. 本机关不掌握相关政府信息' },
  { key: 'unable.needsCreation', label: '2. 没有现成信息需要另行制作' },
  { key: 'unable.unclear', label: '3. 补正后申请内容仍不明确' },
  { key: null, label: '（五）不予处理' },
  { key: 'notProcessed.petition', label: '1. 信访举报投诉类申请' },
  { key: 'notProcessed.repeat', label: '2. 重复申请' },
  { key: 'notProcessed.publication', label: '3. 要求提供公开出版物' },
  { key: 'notProcessed.massRepeat', label: '4. 无正当理由大量反复申请' },
  { key: 'notProcessed.confirm', label: '5. 要求行政机关确认或重新出具已获取信息' },
  { key: null, label: '（六）其他处理' },
  { key: 'other.noCorrection', label: '1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请' },
  { key: 'other.noFee', label: '2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请' },
  { key: 'other.other', label: '3. 其他' },
  { key: 'resultTotal', label: '（七）总计' },
  { key: 'carriedForward', label: '四、结转下年度继续办理' },
];
const T3_RESULT_PARTS = T3_ROWS.map((r) => r.key).filter((k): k is string => !!k && !['new', 'carriedOver', 'resultTotal', 'carriedForward'].includes(k));

const t3 = (row: string, col: string) => `t3.${row}.${col}`;
const t3Cells: CellDef[] = T3_ROWS.filter((r) => r.key).flatMap((r) =>
  T3_COLUMNS.map((c) => count(t3(r.key!, c.key), `${r.label.replace(/（区分.*）/, '')}·${c.group ? `${c.group}·` : ''}${c.label}`)),
);

const T4_COLUMNS: ColumnDef[] = [
  { key: 'upheld', label: '结果维持' },
  { key: 'corrected', label: '结果纠正' },
  { key: 'other', label: '其他结果' },
  { key: 'pending', label: '尚未审结' },
  { key: 'total', label: '总计' },
];
const T4_ROWS = [
  { key: 'review', label: '行政复议' },
  { key: 'suitDirect', label: '行政诉讼·未经复议直接起诉' },
  { key: 'suitAfterReview', label: '行政诉讼·复议后起诉' },
];

const t2Cells: CellDef[] = [
  count('t2.rules.issued', '规章·本年制发件数'),
  count('t2.rules.repealed', '规章·本年废止件数'),
  count('t2.rules.inForce', '规章·现行有效件数'),
  count('t2.normative.issued', '行政规范性文件·本年制发件数'),
  count('t2.normative.repealed', '行政规范性文件·本年废止件数'),
  count('t2.normative.inForce', '行政规范性文件·现行有效件数'),
  count('t2.licence.decisions', '行政许可·本年处理决定数量'),
  count('t2.penalty.decisions', '行政处罚·本年处理决定数量'),
  count('t2.enforcement.decisions', '行政强制·本年处理决定数量'),
  { key: 't2.fees.amount', label: '行政事业性收费·本年收费金额', kind: 'AMOUNT', summable: true, unit: '万元' },
];

export const GOV_2021: TemplateSeed = {
  code: 'GOV-2021',
  version: 1,
  name: '政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）',
  yearFrom: 2021,
  yearTo: null,
  mainFigures: { requests: ['t3.new.TOTAL'], reconsiderations: ['t4.review.total'], lawsuits: ['t4.suitDirect.total', 't4.suitAfterReview.total'] },
  definition: {
    reportTitle: '{unit}{year}年政府信息公开工作年度报告',
    sections: [
      { key: 'overview', title: '一、总体情况' },
      { key: 'proactive', title: '二、主动公开政府信息情况' },
      { key: 'requests', title: '三、收到和处理政府信息公开申请情况' },
      { key: 'litigation', title: '四、政府信息公开行政复议、行政诉讼情况' },
      { key: 'problems', title: '五、存在的主要问题及改进情况' },
      { key: 'other', title: '六、其他需要报告的事项' },
    ],
    tables: [
      {
        code: 'T2-1',
        title: '第二十条第（一）项',
        section: 'proactive',
        layout: 'GRID',
        columns: [
          { key: 'issued', label: '本年制发件数' },
          { key: 'repealed', label: '本年废止件数' },
          { key: 'inForce', label: '现行有效件数' },
        ],
        rows: [
          { key: 'rules', label: '规章', cells: ['t2.rules.issued', 't2.rules.repealed', 't2.rules.inForce'] },
          { key: 'normative', label: '行政规范性文件', cells: ['t2.normative.issued', 't2.normative.repealed', 't2.normative.inForce'] },
        ],
      },
      {
        code: 'T2-2',
        title: '第二十条第（五）项、第（六）项',
        section: 'proactive',
        layout: 'GRID',
        columns: [{ key: 'decisions', label: '本年处理决定数量' }],
        rows: [
          { key: 'licence', label: '行政许可', cells: ['t2.licence.decisions'] },
          { key: 'penalty', label: '行政处罚', cells: ['t2.penalty.decisions'] },
          { key: 'enforcement', label: '行政强制', cells: ['t2.enforcement.decisions'] },
        ],
      },
      {
        code: 'T2-3',
        title: '第二十条第（八）项',
        section: 'proactive',
        layout: 'GRID',
        columns: [{ key: 'amount', label: '本年收费金额（单位：万元）' }],
        rows: [{ key: 'fees', label: '行政事业性收费', cells: ['t2.fees.amount'] }],
      },
      {
        code: 'T3',
        title: '收到和处理政府信息公开申请情况',
        section: 'requests',
        layout: 'GRID',
        columns: T3_COLUMNS,
        rows: T3_ROWS.map((r, i) => ({ key: r.key ?? `h${i}`, label: r.label, cells: r.key ? T3_COLUMNS.map((c) => t3(r.key!, c.key)) : [] })),
      },
      {
        code: 'T4',
        title: '政府信息公开行政复议、行政诉讼情况',
        section: 'litigation',
        layout: 'GRID',
        columns: T4_COLUMNS,
        rows: T4_ROWS.map((r) => ({ key: r.key, label: r.label, cells: T4_COLUMNS.map((c) => `t4.${r.key}.${c.key}`) })),
      },
    ],
    cells: [...t2Cells, ...t3Cells, ...T4_ROWS.flatMap((r) => T4_COLUMNS.map((c) => count(`t4.${r.key}.${c.key}`, `${r.label}·${c.label}`)))],
    rules: [
      // Each applicant row: 总计 = the six applicant columns.
      ...T3_ROWS.filter((r) => r.key).map((r): RuleDef => ({
        code: `t3-row-total.${r.key}`,
        kind: 'SUM',
        description: `${r.label}：总计 = 各类申请人之和`,
        target: t3(r.key!, 'TOTAL'),
        total: t3(r.key!, 'TOTAL'),
        parts: T3_APPLICANTS.map((c) => t3(r.key!, c)),
      })),
      // Each column: 总计 of results = every result line.
      ...T3_COLUMNS.map((c): RuleDef => ({
        code: `t3-results.${c.key}`,
        kind: 'SUM',
        description: `办理结果总计 = 各项办理结果之和（${c.label}）`,
        target: t3('resultTotal', c.key),
        total: t3('resultTotal', c.key),
        parts: T3_RESULT_PARTS.map((p) => t3(p, c.key)),
      })),
      // The table identity: new + carried over = results total + carried to next year.
      ...T3_COLUMNS.map((c): RuleDef => ({
        code: `t3-identity.${c.key}`,
        kind: 'BALANCE',
        description: `本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理（${c.label}）`,
        target: t3('carriedForward', c.key),
        left: [t3('new', c.key), t3('carriedOver', c.key)],
        right: [t3('resultTotal', c.key), t3('carriedForward', c.key)],
      })),
      // This year's carried-over = last year's accepted carried-forward.
      ...T3_COLUMNS.map((c): RuleDef => ({
        code: `t3-carry-over.${c.key}`,
        kind: 'CARRY_OVER',
        description: `上年结转 = 上年度已审核的“结转下年度继续办理”（${c.label}）`,
        target: t3('carriedOver', c.key),
        previousCell: t3('carriedForward', c.key),
      })),
      ...T4_ROWS.map((r): RuleDef => ({
        code: `t4-total.${r.key}`,
        kind: 'SUM',
        description: `${r.label}：总计 = 维持 + 纠正 + 其他 + 尚未审结`,
        target: `t4.${r.key}.total`,
        total: `t4.${r.key}.total`,
        parts: ['upheld', 'corrected', 'other', 'pending'].map((k) => `t4.${r.key}.${k}`),
      })),
    ],
  },
};

// ---------------------------------------------------------------- CUSTOMS-SUPPLEMENT-2021
// GOV-2021 dropped the figures customs reports keep: consultations and complaints (Tianjin 2008),
// staff, training and funding (Huangpu 2009). Same cell keys as CUSTOMS-2009, so the years compare.

const supplementCells = customsCells.filter((c) => /^(consultations\.|complaints$|staff\.|training\.|funding\.)/.test(c.key));

/** The customs supplement to GOV-2021 (installed by Migration20261201000400, after TEMPLATE_SEEDS). */
export const CUSTOMS_SUPPLEMENT_2021: Omit<TemplateSeed, 'mainFigures'> = {
  code: 'CUSTOMS-SUPPLEMENT-2021',
  version: 1,
  name: '海关政务公开补充统计表（2021 年起，随国办格式一并填报）',
  yearFrom: 2021,
  yearTo: null,
  definition: {
    supplementTo: 'GOV-2021',
    sections: [],
    tables: [
      {
        code: 'CX',
        title: '海关政务公开补充统计表',
        section: 'APPENDIX',
        layout: 'LIST',
        columns: [{ key: 'value', label: '统计数' }],
        rows: [
          list('cx1', '一、咨询投诉'),
          list('consultations.total', '1. 接受各类业务咨询总数', 'consultations.total'),
          list('consultations.phone', '（1）电话咨询', 'consultations.phone'),
          list('consultations.visit', '（2）来人来访', 'consultations.visit'),
          list('consultations.online', '（3）网上在线咨询', 'consultations.online'),
          list('consultations.problemsResolved', '2. 协调解决企业通关疑难问题数', 'consultations.problemsResolved'),
          list('consultations.complaints', '3. 企业反映投诉数', 'consultations.complaints'),
          list('consultations.satisfaction', '4. 对外服务满意率', 'consultations.satisfaction'),
          list('complaints', '5. 投诉举报数', 'complaints'),
          list('cx2', '二、机构及人员'),
          list('staff.fullTime', '6. 海关政务公开专职人员数', 'staff.fullTime'),
          list('staff.partTime', '7. 海关政务公开兼职人员数', 'staff.partTime'),
          list('cx3', '三、宣传培训'),
          list('training.sessions', '8. 举办政务公开培训班总数', 'training.sessions'),
          list('training.participants', '9. 参加各类政务公开（政府信息公开）培训班总人数', 'training.participants'),
          list('cx4', '四、经费保障'),
          list('funding.special', '10. 海关政务公开专项经费', 'funding.special'),
        ],
      },
    ],
    cells: supplementCells,
    rules: CUSTOMS_2009.definition.rules.filter((r) => r.code === 'consultations-by-channel'),
  },
};

/** The templates the migration installs. */
export const TEMPLATE_SEEDS: TemplateSeed[] = [CUSTOMS_2009, GOV_2021];

/** Where each main figure lives in each template family (code → cell keys), from the templates' `mainFigures`. */
export const MAIN_FIGURE_KEYS: Record<MainFigure, Record<string, string[]>> = Object.fromEntries(
  (['requests', 'reconsiderations', 'lawsuits'] as const).map((figure) => [
    figure,
    Object.fromEntries(TEMPLATE_SEEDS.map((t) => [t.code, t.mainFigures[figure]])),
  ]),
) as Record<MainFigure, Record<string, string[]>>;
