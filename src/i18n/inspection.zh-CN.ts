/** The inspection module's messages (Chinese, the default): spread into zh-CN.ts as `inspection`. */
export const inspectionZhCN = {
  actions: {
    notInspector: '只有{{unit}}的上级监察人员（INSPECTOR）可以检查评估该单位',
    ownUnit: '您在{{unit}}或其下级机构任职：检查人员不能检查评估本单位（职责分离）',
    notUnitAdmin: '只有{{unit}}的政务公开办公室管理员可以答复其检查评估',
    notIssuer: '只有发布检查方案的{{issuer}}的政务公开办公室管理员或监察人员可以定稿',
    finalized: '检查评估已定稿，不能再修改：如需更正，请发起更正检查并说明理由',
    submitted: '检查评估已提交，评分不能再修改',
    noManualIndicator: '该检查方案没有需要人工评分的指标',
    unscored: '需要先为以下人工评分指标评分才能提交：{{indicators}}',
    finalizeNeedsSubmitted: '需要检查人员提交后才能定稿（当前状态：$t(enums.InspectionStatus.{{status}})）',
    correctNeedsFinalized: '需要检查评估定稿后才能更正（当前状态：$t(enums.InspectionStatus.{{status}})）',
    alreadyCorrected: '该检查评估已被更正：需要更正的是最新定稿的那一次',
  },
} as const;
