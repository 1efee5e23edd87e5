/** Search terms of operation S, in rotation: common and rare words, two-word queries, a number. */
export const SEARCH_TERMS = ['知识产权 保护', '举报电话', '行政复议', '通关 指南', '稽查条例', '罚没物品 拍卖', '12360', '保税 仓库 审批'];
