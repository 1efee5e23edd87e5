/**
 * The judged relevance set for item search on the demo world: each query, and the item title (as
 * a pattern, since each template is seeded once per district) whose published items must all come
 * before any other result. `why` says what the case exercises.
 */
export interface JudgedQuery {
  query: string;
  first: RegExp;
  why: string;
}

export const JUDGED: JudgedQuery[] = [
  { query: '举报电话', first: /机构设置、职责和咨询举报电话$/, why: 'a title word above the same words in another item’s body (关长信箱…)' },
  { query: '举报 电话', first: /机构设置、职责和咨询举报电话$/, why: 'words separated by a space' },
  { query: '电话 举报', first: /机构设置、职责和咨询举报电话$/, why: 'words in the other order' },
  { query: '知识产权保护', first: /^知识产权海关保护备案与侵权货物扣留$/, why: 'words that are not adjacent in the title' },
  { query: '通关指南', first: /通关指南$/, why: 'the title above an item that mentions it in its body' },
  { query: '行政复议', first: /^行政复议和国家赔偿办理指南$/, why: 'a title word' },
  { query: '首问负责', first: /对外服务承诺$/, why: 'a phrase only in the body' },
  { query: '稽查条例', first: /^海关稽查的职责权限和作业程序$/, why: 'a word of the legal basis' },
  { query: '侵权货物 扣留', first: /^知识产权海关保护备案与侵权货物扣留$/, why: 'several words' },
  { query: '行政许可法', first: /^(行政审批作业时限|海关行政许可项目一览)/, why: 'legal basis (two templates cite it)' },
];
