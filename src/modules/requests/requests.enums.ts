import { registerEnumType } from 'type-graphql';

/** How a request reached the body: the CUSTOMS-2009 channels plus online. */
export enum RequestChannel {
  IN_PERSON = 'IN_PERSON',
  LETTER = 'LETTER',
  FAX = 'FAX',
  EMAIL = 'EMAIL',
  ONLINE = 'ONLINE',
  OTHER = 'OTHER',
}
registerEnumType(RequestChannel, {
  name: 'RequestChannel',
  valuesConfig: {
    IN_PERSON: { description: '当面: received the day it is handed in' },
    LETTER: { description: '信函: received the day it is signed for' },
    FAX: { description: '传真' },
    EMAIL: { description: '电子邮件' },
    ONLINE: { description: '网络: received the day it is confirmed' },
    OTHER: { description: '其他形式' },
  },
});

/** The applicant columns of GOV-2021 table 3. */
export enum ApplicantType {
  NATURAL_PERSON = 'NATURAL_PERSON',
  BUSINESS = 'BUSINESS',
  RESEARCH = 'RESEARCH',
  PUBLIC_INTEREST = 'PUBLIC_INTEREST',
  LEGAL_SERVICE = 'LEGAL_SERVICE',
  OTHER_ORG = 'OTHER_ORG',
}
registerEnumType(ApplicantType, {
  name: 'ApplicantType',
  valuesConfig: {
    NATURAL_PERSON: { description: '自然人' },
    BUSINESS: { description: '法人或其他组织·商业企业' },
    RESEARCH: { description: '法人或其他组织·科研机构' },
    PUBLIC_INTEREST: { description: '法人或其他组织·社会公益组织' },
    LEGAL_SERVICE: { description: '法人或其他组织·法律服务机构' },
    OTHER_ORG: { description: '法人或其他组织·其他' },
  },
});

/** Table-3 column key of each applicant type. */
export const APPLICANT_COLUMN: Record<ApplicantType, string> = {
  NATURAL_PERSON: 'NP',
  BUSINESS: 'BIZ',
  RESEARCH: 'RES',
  PUBLIC_INTEREST: 'NGO',
  LEGAL_SERVICE: 'LAW',
  OTHER_ORG: 'OTH',
};

/** Where a request stands. */
export enum RequestStatus {
  OPEN = 'OPEN',
  AWAITING_CORRECTION = 'AWAITING_CORRECTION',
  THIRD_PARTY = 'THIRD_PARTY',
  CONCLUDED = 'CONCLUDED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  valuesConfig: {
    OPEN: { description: '办理中: the clock runs' },
    AWAITING_CORRECTION: { description: '待补正: a correction notice was sent; the clock stops until the applicant answers' },
    THIRD_PARTY: { description: '征求第三方意见: the clock stops (at most 15 working days)' },
    CONCLUDED: { description: '已办结' },
    WITHDRAWN: { description: '申请人撤回' },
  },
});

/** The result rows of table 3 (三、本年度办理结果). */
export enum RequestOutcome {
  GRANTED = 'GRANTED',
  PARTLY_GRANTED = 'PARTLY_GRANTED',
  REFUSED = 'REFUSED',
  UNABLE_TO_PROVIDE = 'UNABLE_TO_PROVIDE',
  NOT_PROCESSED = 'NOT_PROCESSED',
  OTHER = 'OTHER',
}
registerEnumType(RequestOutcome, {
  name: 'RequestOutcome',
  valuesConfig: {
    GRANTED: { description: '（一）予以公开' },
    PARTLY_GRANTED: { description: '（二）部分公开' },
    REFUSED: { description: '（三）不予公开: with one of its 8 reasons' },
    UNABLE_TO_PROVIDE: { description: '（四）无法提供: with one of its 3 reasons' },
    NOT_PROCESSED: { description: '（五）不予处理: with one of its 5 reasons' },
    OTHER: { description: '（六）其他处理: with one of its 3 reasons' },
  },
});

/** The reason rows under 不予公开, 无法提供, 不予处理 and 其他处理. */
export enum OutcomeReason {
  SECRET = 'SECRET',
  LAW = 'LAW',
  SAFETY = 'SAFETY',
  THIRD_PARTY = 'THIRD_PARTY',
  INTERNAL = 'INTERNAL',
  PROCESS = 'PROCESS',
  CASE_FILE = 'CASE_FILE',
  INQUIRY = 'INQUIRY',
  NOT_HELD = 'NOT_HELD',
  NEEDS_CREATION = 'NEEDS_CREATION',
  UNCLEAR = 'UNCLEAR',
  PETITION = 'PETITION',
  REPEAT = 'REPEAT',
  PUBLICATION = 'PUBLICATION',
  MASS_REPEAT = 'MASS_REPEAT',
  CONFIRM = 'CONFIRM',
  NO_CORRECTION = 'NO_CORRECTION',
  NO_FEE = 'NO_FEE',
  OTHER = 'OTHER',
}

/** Each reason with its outcome, its table-3 row key and its label. */
export const REASONS: Record<OutcomeReason, { outcome: RequestOutcome; row: string; label: string }> = {
  SECRET: { outcome: RequestOutcome.REFUSED, row: 'refused.secret', label: '属于国家秘密' },
  LAW: { outcome: RequestOutcome.REFUSED, row: 'refused.law', label: '其他法律行政法规禁止公开' },
  SAFETY: { outcome: RequestOutcome.REFUSED, row: 'refused.safety', label: '危及“三安全一稳定”' },
  THIRD_PARTY: { outcome: RequestOutcome.REFUSED, row: 'refused.thirdParty', label: '保护第三方合法权益' },
  INTERNAL: { outcome: RequestOutcome.REFUSED, row: 'refused.internal', label: '属于三类内部事务信息' },
  PROCESS: { outcome: RequestOutcome.REFUSED, row: 'refused.process', label: '属于四类过程性信息' },
  CASE_FILE: { outcome: RequestOutcome.REFUSED, row: 'refused.caseFile', label: '属于行政执法案卷' },
  INQUIRY: { outcome: RequestOutcome.REFUSED, row: 'refused.inquiry', label: '属于行政查询事项' },
  NOT_HELD: { outcome: RequestOutcome.UNABLE_TO_PROVIDE, row: 'unable.notHeld', label: '本机关不掌握相关政府信息' },
  NEEDS_CREATION: { outcome: RequestOutcome.UNABLE_TO_PROVIDE, row: 'unable.needsCreation', label: '没有现成信息需要另行制作' },
  UNCLEAR: { outcome: RequestOutcome.UNABLE_TO_PROVIDE, row: 'unable.unclear', label: '补正后申请内容仍不明确' },
  PETITION: { outcome: RequestOutcome.NOT_PROCESSED, row: 'notProcessed.petition', label: '信访举报投诉类申请' },
  REPEAT: { outcome: RequestOutcome.NOT_PROCESSED, row: 'notProcessed.repeat', label: '重复申请' },
  PUBLICATION: { outcome: RequestOutcome.NOT_PROCESSED, row: 'notProcessed.publication', label: '要求提供公开出版物' },
  MASS_REPEAT: { outcome: RequestOutcome.NOT_PROCESSED, row: 'notProcessed.massRepeat', label: '无正当理由大量反复申请' },
  CONFIRM: { outcome: RequestOutcome.NOT_PROCESSED, row: 'notProcessed.confirm', label: '要求行政机关确认或重新出具已获取信息' },
  NO_CORRECTION: { outcome: RequestOutcome.OTHER, row: 'other.noCorrection', label: '申请人无正当理由逾期不补正' },
  NO_FEE: { outcome: RequestOutcome.OTHER, row: 'other.noFee', label: '申请人逾期未按收费通知要求缴纳费用' },
  OTHER: { outcome: RequestOutcome.OTHER, row: 'other.other', label: '其他' },
};
registerEnumType(OutcomeReason, {
  name: 'OutcomeReason',
  description: 'The reason row of an outcome that needs one (不予公开, 无法提供, 不予处理, 其他处理).',
  valuesConfig: Object.fromEntries(Object.entries(REASONS).map(([k, r]) => [k, { description: `${r.outcome}: ${r.label}` }])),
});

/** Table-3 row key of an outcome without reasons. */
export const OUTCOME_ROW: Partial<Record<RequestOutcome, string>> = { GRANTED: 'granted', PARTLY_GRANTED: 'partly' };

/** What happened to a request, one dated event each. */
export enum RequestEventKind {
  RECEIVED = 'RECEIVED',
  CORRECTION_REQUESTED = 'CORRECTION_REQUESTED',
  CORRECTION_ANSWERED = 'CORRECTION_ANSWERED',
  EXTENDED = 'EXTENDED',
  CONSULTATION_STARTED = 'CONSULTATION_STARTED',
  CONSULTATION_ENDED = 'CONSULTATION_ENDED',
  CONCLUDED = 'CONCLUDED',
  WITHDRAWN = 'WITHDRAWN',
  RECONSIDERATION = 'RECONSIDERATION',
  LITIGATION = 'LITIGATION',
  FEE_RECORDED = 'FEE_RECORDED',
}
registerEnumType(RequestEventKind, { name: 'RequestEventKind' });

/** Documents issued to the applicant. */
export enum RequestDocumentKind {
  REPLY = 'REPLY',
  EXTENSION_NOTICE = 'EXTENSION_NOTICE',
  CORRECTION_NOTICE = 'CORRECTION_NOTICE',
  NOTICE = 'NOTICE',
}
registerEnumType(RequestDocumentKind, {
  name: 'RequestDocumentKind',
  valuesConfig: {
    REPLY: { description: '政府信息公开申请答复书' },
    EXTENSION_NOTICE: { description: '延期答复告知书' },
    CORRECTION_NOTICE: { description: '补正告知书' },
    NOTICE: { description: '告知书 (e.g. not this body’s information, not processed, other handling)' },
  },
});

/** Result of a reconsideration or lawsuit (table 4 columns). */
export enum AppealResult {
  UPHELD = 'UPHELD',
  CORRECTED = 'CORRECTED',
  OTHER = 'OTHER',
  PENDING = 'PENDING',
}
registerEnumType(AppealResult, {
  name: 'AppealResult',
  valuesConfig: {
    UPHELD: { description: '结果维持' },
    CORRECTED: { description: '结果纠正' },
    OTHER: { description: '其他结果' },
    PENDING: { description: '尚未审结' },
  },
});
