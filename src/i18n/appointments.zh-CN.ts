/** Liaison appointments and coverage (src/modules/liaison), audit queries and the dashboard: Chinese. */
export const appointmentsZhCN = {
  userOutsideScope: '该用户所属机构不在您的管理范围内',
  outsideOnly: '只适用于外部人员（不给出 userId 时）',
  personNameRequired: '不是系统用户的人员必须填写姓名',
  outsideRequired: '外部人员必须填写',
  endBeforeStart: '不得早于 input.startDate',
  overlapping: '{{person}}在{{unit}}已有与 {{from}}–{{to}} 重叠的“$t(enums.LiaisonKind.{{kind}})”任命',
  notAdminEnd: '只有{{unit}}的政务公开办公室管理员可以结束其联络员任命',
  alreadyEnded: '已经结束',
  beforeStartDate: '不得早于开始日期 {{date}}',
  afterPlannedEnd: '不得晚于原定结束日期 {{date}}',
  notStaffCoverage: '只有{{unit}}及其上级的工作人员可以查看其联络员覆盖情况',
  notADate: '应为 YYYY-MM-DD 格式的日期',
  auditActorUnknown: '不是您可查看的用户的登录名（您自己或您所在机构的工作人员）',
  dashboardYearRange: '应为 1990 至 2100 之间的年份',
} as const;
