/** The same nested keys as `T`, with any string at the leaves: how en.ts is held to zh-CN.ts's shape. */
export type LabelsOf<T> = { [K in keyof T]: T[K] extends string ? string : LabelsOf<T[K]> };
