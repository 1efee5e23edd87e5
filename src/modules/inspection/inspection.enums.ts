import { registerEnumType } from 'type-graphql';

/** The four checks of the implementation plan (该公开的内容是否公布，该采取的形式是否到位，该解决的问题是否落实，运行机制是否协调). */
export enum IndicatorDimension {
  CONTENT = 'CONTENT',
  FORM = 'FORM',
  RESOLUTION = 'RESOLUTION',
  MECHANISM = 'MECHANISM',
}
registerEnumType(IndicatorDimension, {
  name: 'IndicatorDimension',
  valuesConfig: {
    CONTENT: { description: '内容: 该公开的内容是否公布' },
    FORM: { description: '形式: 该采取的形式是否到位' },
    RESOLUTION: { description: '落实: 该解决的问题是否落实' },
    MECHANISM: { description: '机制: 运行机制是否协调' },
  },
});

/** How an indicator is scored. */
export enum IndicatorMethod {
  MANUAL = 'MANUAL',
  AUTOMATIC = 'AUTOMATIC',
}
registerEnumType(IndicatorMethod, {
  name: 'IndicatorMethod',
  valuesConfig: {
    MANUAL: { description: '人工评分: an inspector scores it with a comment and evidence' },
    AUTOMATIC: { description: '自动计算: computed from the data of the inspected unit’s subtree' },
  },
});

/** What an AUTOMATIC indicator measures (a rate between 0 and 1). */
export enum AutomaticMetric {
  ON_TIME_PUBLICATION = 'ON_TIME_PUBLICATION',
  MANDATORY_CATEGORY_COVERAGE = 'MANDATORY_CATEGORY_COVERAGE',
  LIAISON_COVERAGE = 'LIAISON_COVERAGE',
  STATISTICS_ON_TIME = 'STATISTICS_ON_TIME',
  STANDING_MAINTENANCE = 'STANDING_MAINTENANCE',
  CONTACT_ON_TIME = 'CONTACT_ON_TIME',
  CONTACT_FEEDBACK = 'CONTACT_FEEDBACK',
  REQUEST_ON_TIME = 'REQUEST_ON_TIME',
}
registerEnumType(AutomaticMetric, {
  name: 'AutomaticMetric',
  valuesConfig: {
    ON_TIME_PUBLICATION: { description: '按时公开率: items formed in the year published within 20 working days' },
    MANDATORY_CATEGORY_COVERAGE: { description: '规定动作覆盖率: mandatory standard categories with at least one published item' },
    LIAISON_COVERAGE: { description: '联络员覆盖率: divisions and subordinate offices with an active department liaison at year end' },
    STATISTICS_ON_TIME: { description: '统计按时报送率: reporting units whose previous-year statistics were submitted by 31 January and accepted by 31 March' },
    STANDING_MAINTENANCE: { description: '长期公开维护率: published STANDING items not past their maintenance date at year end' },
    CONTACT_ON_TIME: { description: '咨询投诉按期办结率 (有落实): contact cases received in the year closed by their due date, of those due or closed' },
    CONTACT_FEEDBACK: { description: '署名反映反馈率 (有反馈): closed cases of named reporters given feedback' },
    REQUEST_ON_TIME: {
      description: '答复及时率: requests for disclosure concluded in the year (or open and past due) answered by their due date (withdrawn ones not counted)',
    },
  },
});

/** A scheme is edited as a draft, then activated (frozen). */
export enum SchemeStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
}
registerEnumType(SchemeStatus, {
  name: 'SchemeStatus',
  valuesConfig: { DRAFT: { description: '草稿: indicators may change' }, ACTIVE: { description: '已启用: frozen; inspections may be opened' } },
});

/** Workflow state of an inspection. */
export enum InspectionStatus {
  OPEN = 'OPEN',
  SUBMITTED = 'SUBMITTED',
  FINALIZED = 'FINALIZED',
}
registerEnumType(InspectionStatus, {
  name: 'InspectionStatus',
  valuesConfig: {
    OPEN: { description: '检查中: the inspector scores manual indicators' },
    SUBMITTED: { description: '已提交: scores complete; the unit may respond' },
    FINALIZED: { description: '已定稿: frozen; counts in the ranking' },
  },
});

/** Kinds of scoring rule for AUTOMATIC indicators. */
export enum ScoringRuleKind {
  LINEAR = 'LINEAR',
}
registerEnumType(ScoringRuleKind, {
  name: 'ScoringRuleKind',
  valuesConfig: { LINEAR: { description: 'Zero at or below zeroAt, full marks at or above fullAt, linear between' } },
});
