import type { LabelsOf } from './shape';
import type { keysetZhCN } from './keyset.zh-CN';

/** Messages of keyset paging; spread into en.ts under `keyset`. */
export const keysetEn: LabelsOf<typeof keysetZhCN> = {
  invalidCursor: 'is not a valid cursor',
  foreignCursor: 'is a cursor of another sort order: page with the sort it was read in',
};
