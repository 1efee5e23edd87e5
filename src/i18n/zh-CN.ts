import { keysetZhCN } from './keyset.zh-CN';
import { tasksZhCN } from './tasks.zh-CN';

import { inspectionZhCN } from './inspection.zh-CN';
import { statisticsZhCN } from './statistics.zh-CN';
import { appointmentsZhCN } from './appointments.zh-CN';
import { contactZhCN } from './contact.zh-CN';
import { portalZhCN } from './portal.zh-CN';
import { exportsZhCN } from './exports.zh-CN';
import { attachmentZhCN } from './attachment.zh-CN';
import { requestsZhCN } from './requests.zh-CN';
import { moreEntitiesZhCN } from './entities.zh-CN';
import { transportZhCN } from './transport.zh-CN';
import { notificationsZhCN } from './notifications.zh-CN';

/**
 * The Chinese message catalogue (the default locale), nested by module. Keys are dotted paths
 * (`catalogue.publish.needsSecrecy`); `{{name}}` is a parameter. en.ts must have the same keys
 * (its type and test/i18n/catalogue.test.ts check it). See docs/STYLE.md "Messages".
 */
export const zhCN = {
  errors: {
    unauthenticated: '需要登录',
    forbidden: '无权执行此操作',
    notFound: '未找到{{what}}',
    invalidInput: '输入有误：{{problems}}',
    invalidToken: '令牌无效或已过期',
    passwordChangeRequired: '请先修改密码：管理员重置的一次性密码须在下次登录时修改',
  },
  entities: {
    ...moreEntitiesZhCN,
    User: '用户',
    OrgUnit: '机构',
    'Role assignment': '角色授权',
    DisclosureItem: '公开事项',
    'Disclosure item': '公开事项',
  },
  organisation: {
    grant: {
      notAdminOfUnit: '只有{{unit}}的政务公开办公室管理员可以在该机构授予角色',
      userOutsideScope: '该用户所属机构不在您的管理范围内',
      centralOnly: '只有海关总署管理员可以授予海关总署管理员角色',
      officeAdminBelowOnly: '政务公开办公室管理员角色只能授予您所管理机构的下级机构（{{unit}}不是您管理范围内的下级机构）',
      alreadyHeld: '该用户已在{{unit}}拥有{{role}}角色',
      notInScope: '您在{{unit}}的管理权限不足以授予此角色（级联授权需要您对整个下级范围有管理权限）',
    },
    revoke: {
      centralOnly: '只有海关总署管理员可以撤销海关总署管理员角色',
      notAdminOfUnit: '只有{{unit}}的政务公开办公室管理员可以撤销其{{role}}角色授权',
      alreadyRevoked: '已撤销',
    },
    password: {
      tooShort: '密码至少需要 {{min}} 个字符',
      tooCommon: '密码过于常见，请换一个',
      sameAsCurrent: '新密码不能与当前密码相同',
      wrongCurrent: '当前密码不正确',
      demoOnly: '演示密码只能用于演示用户',
      notAdminOfUser: '只有{{unit}}的政务公开办公室管理员可以重置其用户的密码',
      notYourself: '不能重置自己的密码：请使用修改密码',
    },
    unit: {
      notAdmin: '只有{{unit}}的政务公开办公室管理员可以执行此操作',
      inactive: '{{unit}}已停用',
      noChildKinds: '{{unit}}下不能再设下级机构',
    },
    login: { failed: '用户名或密码错误' },
    unitDeactivated: '已停用',
    userDeactivated: '已停用',
    notAUnit: '不是已有的机构',
    notAUser: '不是已有的用户',
  },
  common: { notEmpty: '不能为空', maxLength: '不能超过 {{max}} 个字符' },
  liaison: { notAdmin: '只有{{unit}}的政务公开办公室管理员可以任命其联络员' },
  requests: requestsZhCN,
  attachment: attachmentZhCN,
  exports: exportsZhCN,
  portal: portalZhCN,
  contact: contactZhCN,
  appointments: appointmentsZhCN,
  transport: transportZhCN,
  notifications: notificationsZhCN,
  catalogue: {
    reviewKindRequired: '您同时拥有两种审核角色：请指明本次记录的审核类型',
    actions: {
      notStaff: '只有{{unit}}的工作人员可以修改其公开事项',
      notAuthor: '只有{{unit}}的联络员或发布人员可以编辑、提交其公开事项',
      notOfficePublisher: '只有{{unit}}的关级发布人员可以发布或撤下其关级事项',
      notDivisionPublisher: '只有{{unit}}的关级发布人员或其处级发布人员可以发布或撤下其处级事项',
      notReviewer: { LEGAL: '只有{{unit}}的法规处审核人员可以进行法规处审核', SECRECY: '只有{{unit}}的保密审查人员可以进行保密审查' },
      withholdingPending: '该事项有待裁定的暂不宜公开申请：需要上级机构先作出裁定',
      withheld: '该事项已被裁定暂不公开',
      inReview: '该事项正在审核中：需要等待审核完成或被退回后才能修改',
      retiredNoEdit: '该事项已撤下，不能再修改',
      submitNeedsDraft: '只有草稿或退回修改的事项才能提交审核（当前状态：$t(enums.ItemStatus.{{status}})）',
      reviewNeedsInReview: '只有审核中的事项才能审核（当前状态：$t(enums.ItemStatus.{{status}})）',
      alreadyReviewed: { LEGAL: '本轮法规处审核已经完成', SECRECY: '本轮保密审查已经完成' },
      otherReviewSamePerson: '您已完成本轮的另一项审核：法规处审核和保密审查须由两个不同的人完成（双人把关）',
      authorMayNotReview: '您创建了该事项：作者不能审核自己的事项（双人把关）',
      submitterMayNotReview: '您提交了该事项：提交人不能审核该事项（双人把关）',
      writerMayNotReview: '您撰写了待审核内容的一部分：作者不能审核该事项（双人把关）',
      publishNeedsApproved: '只有审核通过的事项才能公开（当前状态：$t(enums.ItemStatus.{{status}})）',
      publishNeedsBothReviews: '需要法规处审核和保密审查通过后才能公开',
      publishNeedsLegal: '需要法规处审核通过后才能公开',
      publishNeedsSecrecy: '需要保密审查通过后才能公开',
      reviewerMayNotPublish: '您审核了本轮内容：审核人不能同时发布（双人把关），须由其他发布人员发布',
      passesFromOnePerson: '本轮两项审核由同一人通过：发布前需要第二位审核人（双人把关）',
      alreadyRetired: '该事项已撤下',
      neverPublished: '该事项从未公开（当前状态：$t(enums.ItemStatus.{{status}})），无需撤下',
      notWithholdingRequester: '只有{{unit}}的联络员、发布人员或政务公开办公室管理员可以申请暂不公开',
      retired: '该事项已撤下',
      withholdingAlreadyPending: '该事项已有待裁定的暂不宜公开申请',
      withheldAlready: '该事项已被裁定暂不公开',
      notWithholdingJudge: '只有{{unit}}上级机构的政务公开办公室管理员可以裁定其暂不宜公开申请',
      noPendingWithholding: '该事项没有待裁定的暂不宜公开申请',
    },
  },
  keyset: keysetZhCN,
  tasks: tasksZhCN,
  statistics: statisticsZhCN,
  inspection: inspectionZhCN,
} as const;
