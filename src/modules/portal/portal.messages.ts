/**
 * User-facing messages of the portal module (contact directory, feeds, report index), in one place
 * so that they move into the message catalogue in one step.
 */
export const portalMessages = {
  unit: '机构',
  onlyAdminMayEditContact: (unitName: string) => `只有${unitName}及其上级的机构管理员（OFFICE_ADMIN）可以修改联系方式`,
  contactVersion: '联系方式',
  postcode: '应为 6 位数字邮政编码',
  website: '应为以 http:// 或 https:// 开头的网址',
  email: '应为电子邮箱地址',
  phoneNumber: '应为电话号码（数字、空格、括号或连字符）',
  tooManyPhones: '电话号码最多 20 个',
  textTooLong: (max: number) => `最多 ${max} 个字符`,
  yearRange: '应为 2000 至 2100 之间的年份',
  notAUnit: '不是已有的机构',
};
