/**
 * Chinese texts of the task lists (myTasks) and of the notifications added with them; spread into
 * zh-CN.ts under `tasks`. `{{name}}` is a parameter.
 */
export const tasksZhCN = {
  detail: {
    overdue: '逾期未公开',
    maintenanceDue: '长期公开内容定期检查维护',
    periodicDue: '定期公开内容到期更新',
    resubmitAfterDisclose: '暂不公开申请已裁定予以公开，请重新提交审核',
    reviewLegal: '待法规审核',
    reviewSecrecy: '待保密审查',
    publish: '已通过审核，待发布',
    ruling: '暂不公开申请待裁定',
    rulingWithReason: '暂不公开申请待裁定：{{reason}}',
    statisticsAcceptance: '已报送，待验收',
    reportPublication: '年度报告已通过审核，待发布',
    inspectionScoring: '检查评估待评分',
    inspectionResponse: '检查评估已提交，待反馈整改说明',
    requestDue: '依申请公开答复期限：{{date}}',
    requestOverdue: '依申请公开已超过答复期限（{{date}}）',
  },
  title: {
    statisticsNotSubmitted: '{{unit}}{{year}}年度政务公开统计数据尚未报送',
    statisticsAcceptance: '{{unit}}{{year}}年度政务公开统计数据待验收',
    reportPublication: '{{unit}}{{year}}年政府信息公开工作年度报告待发布',
    inspection: '{{scheme}}：{{unit}}',
    request: '依申请公开{{tracking}}：{{description}}',
  },
  notifications: {
    appointmentEnding: {
      title: '联络员任期即将届满：{{person}}（{{unit}}）',
      body: '{{person}}在{{unit}}的任期将于{{date}}届满，请及时续任或另行任命。',
    },
  },
} as const;
