/**
 * Notifications and their e-mails (src/modules/notifications). A notification is stored as its kind
 * and parameters and rendered in the reader's locale when read (`kinds.<KIND>.title|body`); e-mails
 * in the recipient's chosen locale. `$t(...)` nests another key.
 */
export const notificationsZhCN = {
  kinds: {
    ITEM_SUBMITTED: { title: '待审核：{{title}}', body: '{{unit}}提交了公开事项“{{title}}”（第{{round}}轮），请进行法规审核和保密审查。' },
    ITEM_RETURNED: { title: '已退回：{{title}}', body: '公开事项“{{title}}”在审核中被退回，请根据审核意见修改后重新提交。' },
    ITEM_APPROVED: { title: '待发布：{{title}}', body: '公开事项“{{title}}”已通过法规审核和保密审查，可以发布。' },
    ITEM_PUBLISHED: { title: '已公开：{{title}}', body: '公开事项“{{title}}”已发布。' },
    WITHHOLDING_REQUESTED: { title: '待裁定：{{title}}', body: '{{unit}}申请对“{{title}}”暂不予公开，请作出裁定。' },
    WITHHOLDING_RULED: { title: '暂不公开申请已裁定：{{title}}', body: '对“{{title}}”的暂不公开申请已裁定：$t(notifications.rulings.{{ruling}})。' },
    STATISTICS_SUBMITTED: { title: '待验收：{{unit}}{{year}}年度统计数据', body: '{{unit}}已报送{{year}}年度政务公开统计数据，请验收。' },
    STATISTICS_ACCEPTED: { title: '已验收：{{unit}}{{year}}年度统计数据', body: '{{unit}}{{year}}年度政务公开统计数据已通过验收。' },
    STATISTICS_RETURNED: { title: '已退回：{{unit}}{{year}}年度统计数据', body: '{{unit}}{{year}}年度政务公开统计数据被退回，请修改后重新报送。' },
    INSPECTION_OPENED: { title: '检查评估已开始：{{unit}}', body: '“{{scheme}}”对{{unit}}的检查评估已开始。' },
    INSPECTION_SUBMITTED: {
      title: '检查评估待确认：{{unit}}',
      body: '“{{scheme}}”对{{unit}}的检查评估已提交（得分{{total}}），请被检查单位反馈整改说明，由发布单位确认定稿。',
    },
    INSPECTION_FINALIZED: { title: '检查评估已定稿：{{unit}}', body: '“{{scheme}}”对{{unit}}的检查评估已定稿，得分{{total}}，等级{{grade}}。' },
    REMINDER_ITEM_DUE_SOON: { title: '即将到期：{{title}}', body: '公开事项“{{title}}”应于{{date}}前公开，还剩不到5个工作日。' },
    REMINDER_ITEM_OVERDUE: { title: '已逾期：{{title}}', body: '公开事项“{{title}}”应于{{date}}前公开，现已逾期。' },
    REMINDER_MAINTENANCE_DUE: { title: '到期维护：{{title}}', body: '公开事项“{{title}}”应于{{date}}前核查维护，请核查内容是否仍然有效。' },
    REMINDER_STATISTICS_NOT_SUBMITTED: {
      title: '统计数据未报送：{{unit}}{{year}}年度',
      body: '{{unit}}{{year}}年度政务公开统计数据应于{{date}}前报送，尚未报送。',
    },
  },
  rulings: { WITHHOLD: '暂不公开', DISCLOSE: '予以公开，请重新提交审核' },
  email: {
    subject: '【政务公开】{{title}}',
    greeting: '{{name}}：',
    footer: '此邮件由政务公开管理系统自动发送。如不希望接收邮件通知，请在系统中关闭邮件通知。',
  },
  tooManyIds: '一次最多标记 {{max}} 条通知',
  notYours: '不是您的通知',
  notRunning: '本服务器未运行实时通知',
} as const;
