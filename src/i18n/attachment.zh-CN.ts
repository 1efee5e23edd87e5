/** Attachments (src/modules/attachment): Chinese. */
export const attachmentZhCN = {
  loginRequired: '上传附件需要登录',
  staffOnly: '只有工作人员可以上传附件',
  tooLargeMb: '文件超过大小上限（{{mb}} MB）',
  tooLargeBytes: '文件超过大小上限（{{bytes}} 字节）',
  unsupportedType: '不支持的文件类型：只接受 PDF、Word、Excel、PowerPoint（含旧版 .doc/.xls/.ppt）、JPEG、PNG、GIF 和 WebP 文件（按文件内容判断，不看文件名）',
  emptyFile: '文件为空',
  nameRequired: '请用 ?name= 给出文件名',
  exactlyOneOwner: '须给出 itemId 或 reportId 之一',
  notYourUpload: '不是你上传的文件，或已不存在',
  alreadyAttached: '该文件已附加到其他对象',
  mayNotAttachItem: '只有该事项所属机构的联络员或发布人可以管理“{{title}}”的附件',
  mayNotAttachReport: '只有{{unit}}的联络员、发布人或机构管理员可以管理其年度报告的附件',
  titleTooLong: '最多 {{max}} 个字符',
} as const;
