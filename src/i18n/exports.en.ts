import type { exportsZhCN } from './exports.zh-CN';
import type { LabelsOf } from './shape';

/** Exports in English: the same keys as exports.zh-CN.ts. */
export const exportsEn: LabelsOf<typeof exportsZhCN> = {
  loginRequired: 'Sign in to download exports',
  badYear: 'the year must be a whole number from 1990 to 2100',
  missingUnit: 'give the unit (unitId)',
  missingScheme: 'give the inspection scheme (schemeId)',
  notStaff: 'Only staff of {{unit}} and the offices above it may export its statistics',
  noTemplate: 'no statistics template applies to {{year}}',
  header: {
    unitCode: 'Unit code',
    unitName: 'Unit name',
    status: 'Status',
    revision: 'Revision',
    template: 'Template',
    key: 'Cell key',
    label: 'Indicator',
    unit: 'Unit of measure',
    own: 'Own',
    total: 'Subtree total',
    childTotal: 'Total',
    reporting: 'Reporting units',
    note: 'Note',
    rank: 'Rank',
    score: 'Score',
    grade: 'Grade',
  },
  cellWithUnit: '{{label}} ({{unit}})',
  sheet: { statistics: 'Statistics {{year}}', rollup: 'Subtree totals', children: 'Subordinate submissions', ranking: 'Inspection results' },
  state: { MISSING: 'Not submitted', DRAFT: 'Draft', SUBMITTED: 'Submitted', RETURNED: 'Returned', ACCEPTED: 'Accepted', SUPERSEDED: 'Superseded' },
};
