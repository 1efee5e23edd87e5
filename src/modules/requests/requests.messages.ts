/**
 * User-facing messages of the requests module, in one place so they can move into the message
 * catalogue (i18n) as they are. Field names stay in the errors' `fields`; these are the texts.
 */
export const messages = {
  notFound: '政府信息公开申请',
  notABody: '不是受理政府信息公开申请的机关（直属海关或海关总署）',
  notStaff: (unit: string) => `只有${unit}的工作人员可以登记其政府信息公开申请`,
  notHandler: '只有申请所属机关的联络员（LIAISON）或政务公开办公室管理员（OFFICE_ADMIN）可以办理申请',
  extensionNeedsAdmin: '延期答复须经本机关政务公开办公室管理员（OFFICE_ADMIN）批准：请由管理员办理',
  future: '不得晚于今天',
  beforeReceipt: (receivedOn: string) => `不得早于收到申请之日（${receivedOn}）`,
  concluded: (on: string) => `该申请已于 ${on} 办结，不能再次办结或变更`,
  withdrawn: (on: string) => `申请人已于 ${on} 撤回申请，不能再办结或变更`,
  notOpen: (status: string) => `申请当前状态为 ${status}，不能进行此操作`,
  notAwaitingCorrection: '申请不在待补正状态',
  notInConsultation: '申请不在征求第三方意见状态',
  reasonRequired: (outcome: string) => `办理结果 ${outcome} 须注明理由（对应统计表的具体行）`,
  reasonNotAllowed: (outcome: string) => `办理结果 ${outcome} 不带理由`,
  reasonMismatch: (reason: string, outcome: string) => `理由 ${reason} 不属于办理结果 ${outcome}`,
  referredOnlyNotHeld: '只有“本机关不掌握相关政府信息”时才告知其他机关名称',
  noCorrectionNeedsLapse: (by: string | null) => (by ? `补正期限（${by}）尚未届满，不能以逾期不补正办结` : '未发出补正告知书，不能以逾期不补正办结'),
  correctionTooLate: (deadline: string) => `补正告知应在收到申请之日起 7 个工作日内发出（最迟 ${deadline}）`,
  answerByBeforeNotice: '补正期限不得早于补正告知发出之日',
  extensionTooLong: (left: number) => `延期不得超过 20 个工作日（尚可延长 ${left} 个工作日）`,
  extensionAfterDue: (due: string) => `延期告知应在答复期限（${due}）届满前发出`,
  alreadyFiled: (what: string) => `${what}已登记，请更新其结果`,
  notFiled: (what: string) => `尚未登记${what}`,
  empty: '不得为空',
  tooLong: (max: number) => `不得超过 ${max} 个字符`,
  applicantContactRequired: '网上申请须留下电话或电子邮件，以便送达答复',
};
