/** Messages of keyset paging (the item list's cursors); spread into zh-CN.ts under `keyset`. */
export const keysetZhCN = {
  invalidCursor: '不是有效的分页游标',
  foreignCursor: '是按另一种排序方式取得的分页游标：请使用取得该游标时的排序方式翻页',
} as const;
