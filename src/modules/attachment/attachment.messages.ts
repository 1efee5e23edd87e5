/** User-facing messages of the attachment module, in one place so that they move into the message catalogue in one step. */
export const attachmentMessages = {
  attachment: '附件',
  upload: '上传的文件',
  item: '公开事项',
  report: '年度报告',
  loginRequired: '上传附件需要登录',
  staffOnly: '只有工作人员可以上传附件',
  tooLarge: (maxBytes: number) => `文件超过大小上限（${Math.floor(maxBytes / 1024 / 1024) || maxBytes + ' 字节'}${maxBytes >= 1024 * 1024 ? ' MB' : ''}）`,
  unsupportedType: '不支持的文件类型：只接受 PDF、Word、Excel、PowerPoint（含旧版 .doc/.xls/.ppt）、JPEG、PNG、GIF 和 WebP 文件（按文件内容判断，不看文件名）',
  emptyFile: '文件为空',
  nameRequired: '请用 ?name= 给出文件名',
  exactlyOneOwner: '须给出 itemId 或 reportId 之一',
  notYourUpload: '不是你上传的文件，或已不存在',
  alreadyAttached: '该文件已附加到其他对象',
  mayNotAttachItem: (title: string) => `只有该事项所属机构的联络员或发布人可以管理“${title}”的附件`,
  mayNotAttachReport: (unitName: string) => `只有${unitName}的联络员、发布人或机构管理员可以管理其年度报告的附件`,
  titleTooLong: '最多 200 个字符',
};
