/** The inspection module's messages (Chinese, the default): spread into zh-CN.ts as `inspection`. */
export const inspectionZhCN = {
  open: {
    schemeNotActive: '检查方案尚未启用：请先启用方案',
    unitNotBelowIssuer: '不在发布检查方案的{{issuer}}的下级范围内',
    correctsIdInvalid: '必须是该单位在本方案下最新定稿的检查评估',
    alreadyFinalised: '{{unit}}在本方案下已有定稿的检查评估：更正时须指明该检查评估（{{id}}）并说明理由',
    correctionReasonRequired: '更正已定稿的检查评估时必填',
    correctionReasonOnlyForCorrections: '仅在更正（指明 correctsId）时填写',
  },
  score: {
    indicatorNotOfScheme: '不是本次检查所用方案中的指标',
    automaticIndicator: '{{code}} {{name}}为自动计算指标（AUTOMATIC）：其得分由数据计算得出，不能手工评分',
    tooHigh: '不能超过 {{max}} 分（{{code}} {{name}}的满分）',
  },
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
