/**
 * In-memory evaluation of the filters policies emit, so unit tests can check that a policy's
 * yes/no and its list filter agree row by row without a database.
 */

const REGEXP_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/** PostgreSQL LIKE (default escape `\`): `%` any run, `_` any character, `\x` the character x. */
export function like(value: string, pattern: string): boolean {
  const re = pattern.replace(/\\(.)|(%)|(_)|([^\\%_]+)/g, (_, esc: string, pct: string, und: string, lit: string) =>
    esc ? esc.replace(REGEXP_SPECIAL, '\\$&') : pct ? '.*' : und ? '.' : lit.replace(REGEXP_SPECIAL, '\\$&'),
  );
  return new RegExp(`^${re}$`, 's').test(value);
}

/** Does the nested `row` meet a MikroORM filter made of $and, $or, $like, $in, $lte, $gte and equalities? */
export function matchesFilter(filter: unknown, row: unknown): boolean {
  if (filter === null || typeof filter !== 'object') return (row ?? null) === filter;
  return Object.entries(filter as Record<string, unknown>).every(([key, cond]) => {
    switch (key) {
      case '$or':
        return (cond as unknown[]).some((c) => matchesFilter(c, row));
      case '$and':
        return (cond as unknown[]).every((c) => matchesFilter(c, row));
      case '$like':
        return typeof row === 'string' && like(row, cond as string);
      case '$in':
        return (cond as unknown[]).includes(row);
      case '$lte':
        return row != null && (row as string) <= (cond as string);
      case '$gte':
        return row != null && (row as string) >= (cond as string);
      default:
        return matchesFilter(cond, (row as Record<string, unknown> | null)?.[key]);
    }
  });
}
