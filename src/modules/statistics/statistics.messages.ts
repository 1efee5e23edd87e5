/** User-facing messages of the statistics module's reporting rules (plain Chinese, one place, for the message catalogue). */
export const messages = {
  contributorsNeedConsolidated: '只有汇总（CONSOLIDATED）报送才能列出所含下属单位',
  contributorUnknown: '不是已有的单位',
  contributorOutside: '不在本单位的下属范围内：汇总数据只能包含本单位下属单位的数据',
} as const;
