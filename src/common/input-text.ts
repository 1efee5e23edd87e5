/** Keys that reach an object's prototype machinery when assigned; never accepted in input. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const BAD_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Why a client's string cannot be accepted, or null: a NUL character (PostgreSQL text cannot
 * hold one), a lone UTF-16 surrogate (no UTF-8 encoding), or, for an object key, a prototype key.
 */
export function findBadText(s: string, isKey = false): string | null {
  const m = BAD_TEXT.exec(s);
  if (m) return m[0] === '\u0000' ? 'contains a NUL character' : 'contains a lone UTF-16 surrogate';
  if (isKey && PROTOTYPE_KEYS.has(s)) return `must not be "${s}"`;
  return null;
}
