import { msg, ValidationError } from '../../common/errors';
import { DisclosureItemSort } from './catalogue.enums';
import type { KeysetSort } from './item-keyset.queries';

/**
 * Keyset cursors of the item list: the sort the page was read in, the last row's sort key (as
 * text, see item-keyset.queries.ts) and its id, as base64url JSON. Opaque to clients; checked in
 * full on the way back, so a forged, truncated or foreign cursor (another list's, or this list's
 * in another sort order) is BAD_USER_INPUT on `after`, never an SQL error.
 */

const SORT_CODES: Record<KeysetSort, string> = {
  [DisclosureItemSort.PUBLISHED_DESC]: 'pd',
  [DisclosureItemSort.PUBLISHED_ASC]: 'pa',
  [DisclosureItemSort.DEADLINE_ASC]: 'da',
};
const TAG = 'di';
const MAX_ID = 2_147_483_647;

/** A position in a keyset sort: the row's key text (null: no publication time) and id. */
export interface ItemKeyset {
  key: string | null;
  id: number;
}

export function encodeItemCursor(sort: KeysetSort, at: ItemKeyset): string {
  return Buffer.from(JSON.stringify([TAG, SORT_CODES[sort], at.key, at.id])).toString('base64url');
}

/** The position an `after` cursor of `sort` points at; BAD_USER_INPUT naming `after` on anything else. */
export function decodeItemCursor(sort: KeysetSort, cursor: string): ItemKeyset {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 4 || decoded[0] !== TAG) throw ValidationError.field('after', msg('keyset.invalidCursor'));
  const [, code, key, id] = decoded as unknown[];
  if (code !== SORT_CODES[sort]) throw ValidationError.field('after', msg('keyset.foreignCursor'));
  const keyOk = sort === DisclosureItemSort.DEADLINE_ASC ? typeof key === 'string' && isDate(key) : key === null || (typeof key === 'string' && isInstant(key));
  if (!keyOk || typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > MAX_ID) throw ValidationError.field('after', msg('keyset.invalidCursor'));
  return { key: key as string | null, id };
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{6}Z$/;

/** A real calendar date between years 1 and 9999 (what PostgreSQL's date takes without complaint). */
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** An instant as the cursor writes it: `YYYY-MM-DDTHH:MM:SS.ffffffZ`. */
function isInstant(s: string): boolean {
  const m = INSTANT.exec(s);
  return !!m && isDate(m[1]);
}
