/** Names of further entities for NotFoundError (`entities.<name>`): Chinese. */
export const moreEntitiesZhCN = {
  DisclosureRequest: '政府信息公开申请',
  ContactCase: '咨询投诉案件',
  LiaisonAppointment: '联络员任命',
  Notification: '通知',
  Attachment: '附件',
  Upload: '上传的文件',
  AnnualReport: '年度报告',
  InspectionScheme: '考核方案',
  Node: '对象',
} as const;
