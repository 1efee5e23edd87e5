import { registerEnumType } from 'type-graphql';

/** How a consultation reached the office; the first three are the columns of the customs template. */
export enum ConsultationChannel {
  PHONE = 'PHONE',
  COUNTER = 'COUNTER',
  ONLINE = 'ONLINE',
  OTHER = 'OTHER',
}
registerEnumType(ConsultationChannel, {
  name: 'ConsultationChannel',
  valuesConfig: {
    PHONE: { description: '电话咨询' },
    COUNTER: { description: '来人来访 (counter, window)' },
    ONLINE: { description: '网上在线咨询' },
    OTHER: { description: '其他 (letter, fax …): counted in the total only' },
  },
});

/** Topic category of a consultation. */
export enum ConsultationTopic {
  CLEARANCE = 'CLEARANCE',
  DUTIES_AND_TAXES = 'DUTIES_AND_TAXES',
  PROCESSING_TRADE = 'PROCESSING_TRADE',
  INSPECTION_AND_QUARANTINE = 'INSPECTION_AND_QUARANTINE',
  ENFORCEMENT = 'ENFORCEMENT',
  DISCLOSURE = 'DISCLOSURE',
  OTHER = 'OTHER',
}
registerEnumType(ConsultationTopic, {
  name: 'ConsultationTopic',
  valuesConfig: {
    CLEARANCE: { description: '通关' },
    DUTIES_AND_TAXES: { description: '税费' },
    PROCESSING_TRADE: { description: '加工贸易' },
    INSPECTION_AND_QUARANTINE: { description: '查验' },
    ENFORCEMENT: { description: '执法' },
    DISCLOSURE: { description: '政务公开' },
    OTHER: { description: '其他' },
  },
});

/** Was a consultation answered at once or passed on? */
export enum ConsultationOutcome {
  ANSWERED = 'ANSWERED',
  ESCALATED = 'ESCALATED',
}
registerEnumType(ConsultationOutcome, {
  name: 'ConsultationOutcome',
  valuesConfig: { ANSWERED: { description: '当场答复' }, ESCALATED: { description: '转为疑难问题 (opens a DIFFICULT_QUESTION case)' } },
});

/** What a case is. */
export enum ContactCaseKind {
  COMPLAINT = 'COMPLAINT',
  SUGGESTION = 'SUGGESTION',
  TIP_OFF = 'TIP_OFF',
  DIFFICULT_QUESTION = 'DIFFICULT_QUESTION',
}
registerEnumType(ContactCaseKind, {
  name: 'ContactCaseKind',
  valuesConfig: {
    COMPLAINT: { description: '投诉' },
    SUGGESTION: { description: '建议' },
    TIP_OFF: { description: '举报' },
    DIFFICULT_QUESTION: { description: '通关疑难问题 (协调解决)' },
  },
});

/** How a case came in. */
export enum ContactCaseChannel {
  PHONE = 'PHONE',
  COUNTER = 'COUNTER',
  ONLINE = 'ONLINE',
  LETTER = 'LETTER',
  DIRECTOR_MAILBOX = 'DIRECTOR_MAILBOX',
  SUGGESTION_BOX = 'SUGGESTION_BOX',
  PUBLIC_SUBMISSION = 'PUBLIC_SUBMISSION',
}
registerEnumType(ContactCaseChannel, {
  name: 'ContactCaseChannel',
  valuesConfig: {
    PHONE: { description: '电话 (海关 110, 咨询投诉电话)' },
    COUNTER: { description: '窗口' },
    ONLINE: { description: '网站' },
    LETTER: { description: '信函' },
    DIRECTOR_MAILBOX: { description: '关长信箱 / 关长信封' },
    SUGGESTION_BOX: { description: '意见箱 / 举报箱' },
    PUBLIC_SUBMISSION: { description: 'submitted by the public through the API (submitPublicContact)' },
  },
});

/** 立即办 / 限时办 / 限期办. */
export enum HandlingMode {
  IMMEDIATE = 'IMMEDIATE',
  TIME_LIMITED = 'TIME_LIMITED',
  BY_DATE = 'BY_DATE',
}
registerEnumType(HandlingMode, {
  name: 'HandlingMode',
  valuesConfig: {
    IMMEDIATE: { description: '立即办: due the day it is received' },
    TIME_LIMITED: { description: '限时办: due a number of working days after receipt (holiday calendar)' },
    BY_DATE: { description: '限期办: due by a date' },
  },
});

/** 三级负责: who is responsible for the case now. */
export enum ContactLevel {
  SECTION = 'SECTION',
  DIVISION = 'DIVISION',
  DISTRICT_OFFICE = 'DISTRICT_OFFICE',
}
registerEnumType(ContactLevel, {
  name: 'ContactLevel',
  valuesConfig: {
    SECTION: { description: '科室 (科长负责)' },
    DIVISION: { description: '处级部门 / 隶属海关' },
    DISTRICT_OFFICE: { description: '直属海关关务公开常设机构' },
  },
});
/** Order of the levels, for "escalation goes up only". */
export const LEVEL_RANK: Record<ContactLevel, number> = { SECTION: 1, DIVISION: 2, DISTRICT_OFFICE: 3 };

export enum ContactCaseStatus {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
}
registerEnumType(ContactCaseStatus, { name: 'ContactCaseStatus' });

/** How feedback reached the reporter. */
export enum FeedbackMethod {
  PHONE = 'PHONE',
  LETTER = 'LETTER',
  EMAIL = 'EMAIL',
  IN_PERSON = 'IN_PERSON',
  ONLINE = 'ONLINE',
}
registerEnumType(FeedbackMethod, { name: 'FeedbackMethod' });

/** The reporter's satisfaction at the follow-up visit (回访). */
export enum Satisfaction {
  SATISFIED = 'SATISFIED',
  BASICALLY_SATISFIED = 'BASICALLY_SATISFIED',
  DISSATISFIED = 'DISSATISFIED',
}
registerEnumType(Satisfaction, {
  name: 'Satisfaction',
  valuesConfig: {
    SATISFIED: { description: '满意' },
    BASICALLY_SATISFIED: { description: '基本满意 (counts as satisfied in the rate)' },
    DISSATISFIED: { description: '不满意' },
  },
});

export enum ContactCaseStepKind {
  OPENED = 'OPENED',
  ESCALATED = 'ESCALATED',
  CLOSED = 'CLOSED',
  FOLLOW_UP = 'FOLLOW_UP',
}
registerEnumType(ContactCaseStepKind, { name: 'ContactCaseStepKind' });
