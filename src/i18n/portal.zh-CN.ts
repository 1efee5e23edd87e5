/** The public portal (src/modules/portal): contact directory, feeds, report index; Chinese. */
export const portalZhCN = {
  onlyAdminMayEditContact: '只有{{unit}}及其上级的机构管理员（OFFICE_ADMIN）可以修改联系方式',
  contactVersion: '联系方式',
  postcode: '应为 6 位数字邮政编码',
  website: '应为以 http:// 或 https:// 开头的网址',
  email: '应为电子邮箱地址',
  phoneNumber: '应为电话号码（数字、空格、括号或连字符）',
  tooManyPhones: '电话号码最多 {{max}} 个',
  textTooLong: '最多 {{max}} 个字符',
  yearRange: '应为 2000 至 2100 之间的年份',
  feed: {
    title: '{{unit}}：政务公开',
    categoryTitle: '{{unit}} · {{category}}：政务公开',
    description: '{{unit}}及所属单位最新公开的政务公开事项',
    categoryDescription: '{{unit}}“{{category}}”类最新公开的政务公开事项',
    legalBasis: '依据：{{basis}}',
  },
} as const;
