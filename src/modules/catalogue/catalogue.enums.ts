import { registerEnumType } from 'type-graphql';

/** 公开机制: how an item is kept public. */
export enum DisclosureMode {
  STANDING = 'STANDING',
  PERIODIC = 'PERIODIC',
  AD_HOC = 'AD_HOC',
  WITHHELD = 'WITHHELD',
}
registerEnumType(DisclosureMode, {
  name: 'DisclosureMode',
  valuesConfig: {
    STANDING: { description: '长期公开: stable content, maintained on the category’s review cycle' },
    PERIODIC: { description: '定期公开: published on a cadence' },
    AD_HOC: { description: '随时公开: one-off or urgent' },
    WITHHELD: { description: '暂不宜公开: filed with the superior unit, which rules' },
  },
});

/** Cadence of PERIODIC items. */
export enum Cadence {
  MONTHLY = 'MONTHLY',
  QUARTERLY = 'QUARTERLY',
  HALF_YEARLY = 'HALF_YEARLY',
  YEARLY = 'YEARLY',
}
registerEnumType(Cadence, { name: 'Cadence', description: 'How often a PERIODIC item is due again.' });

/** Months per cadence period. */
export const CADENCE_MONTHS: Record<Cadence, number> = { MONTHLY: 1, QUARTERLY: 3, HALF_YEARLY: 6, YEARLY: 12 };

/** 公开形式: where an item is shown. */
export enum DisclosureChannel {
  NOTICE_BOARD = 'NOTICE_BOARD',
  PORTAL = 'PORTAL',
  HANDBOOK = 'HANDBOOK',
  TOUCH_SCREEN = 'TOUCH_SCREEN',
  HOTLINE = 'HOTLINE',
  PRESS = 'PRESS',
  SERVICE_COUNTER = 'SERVICE_COUNTER',
  NEW_MEDIA = 'NEW_MEDIA',
}
registerEnumType(DisclosureChannel, {
  name: 'DisclosureChannel',
  valuesConfig: {
    NOTICE_BOARD: { description: '公告栏' },
    PORTAL: { description: '门户网站' },
    HANDBOOK: { description: '关务公开手册' },
    TOUCH_SCREEN: { description: '触摸屏' },
    HOTLINE: { description: '热线电话' },
    PRESS: { description: '新闻媒体' },
    SERVICE_COUNTER: { description: '服务中心窗口 / 咨询台' },
    NEW_MEDIA: { description: '新媒体' },
  },
});

/** Workflow state of an item's working copy. */
export enum ItemStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
  RETIRED = 'RETIRED',
}
registerEnumType(ItemStatus, {
  name: 'ItemStatus',
  valuesConfig: {
    DRAFT: { description: '草稿' },
    IN_REVIEW: { description: '审核中 (法规处审核 and 保密审查)' },
    RETURNED: { description: '退回修改' },
    APPROVED: { description: '审核通过, awaiting publication' },
    PUBLISHED: { description: '已公开' },
    RETIRED: { description: '已撤下' },
  },
});

/** The two reviews every item needs before publication. */
export enum ReviewKind {
  LEGAL = 'LEGAL',
  SECRECY = 'SECRECY',
}
registerEnumType(ReviewKind, {
  name: 'ReviewKind',
  valuesConfig: { LEGAL: { description: '法规处审核' }, SECRECY: { description: '保密审查' } },
});

/** A reviewer's decision. */
export enum ReviewDecision {
  PASS = 'PASS',
  RETURN = 'RETURN',
}
registerEnumType(ReviewDecision, { name: 'ReviewDecision' });

/** State of a withholding request (暂不宜公开报备). */
export enum WithholdingStatus {
  PENDING = 'PENDING',
  DISCLOSE = 'DISCLOSE',
  WITHHOLD = 'WITHHOLD',
}
registerEnumType(WithholdingStatus, {
  name: 'WithholdingStatus',
  valuesConfig: {
    PENDING: { description: 'Filed with the superior unit, not yet ruled: neither public nor forgotten' },
    DISCLOSE: { description: 'Ruled: to be disclosed' },
    WITHHOLD: { description: 'Ruled: withheld' },
  },
});

/** The superior unit's ruling. */
export enum WithholdingRuling {
  DISCLOSE = 'DISCLOSE',
  WITHHOLD = 'WITHHOLD',
}
registerEnumType(WithholdingRuling, { name: 'WithholdingRuling' });

/** Sort orders of disclosureItems. */
export enum DisclosureItemSort {
  PUBLISHED_DESC = 'PUBLISHED_DESC',
  PUBLISHED_ASC = 'PUBLISHED_ASC',
  DEADLINE_ASC = 'DEADLINE_ASC',
  RELEVANCE = 'RELEVANCE',
}
registerEnumType(DisclosureItemSort, {
  name: 'DisclosureItemSort',
  valuesConfig: {
    DEADLINE_ASC: { description: 'Staff only (the deadline is a staff field): lists only items of units where you are staff, earliest deadline first.' },
    RELEVANCE: { description: 'With search only (and its default): best match first (title above body above legal basis), newer first among equals.' },
  },
});
