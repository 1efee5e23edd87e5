import { sql, type Sql } from '../../db/sql';
import { DisclosureItemSort } from './catalogue.enums';

/**
 * The item list's sort orders as keysets (aliases as in disclosure-item.queries.ts: items `i`):
 * each order is one sort key and the id, both in the same direction, so "the rows after this one"
 * is one row comparison that an index on (key, id) answers as a range scan however deep the page.
 * A null publication time sorts last in both directions, as `nulls last` did: the key is
 * coalesced to ∓infinity (the indexes of Migration20261201001110_item_keyset are on the same
 * expressions). The search's relevance order is not a keyset (item-search.queries.ts) and pages by offset.
 */

export type KeysetSort = Exclude<DisclosureItemSort, DisclosureItemSort.RELEVANCE>;

interface SortKey {
  /** The key expression the order and the row comparison use. */
  key: Sql;
  /** The key as cursor text: ISO 8601 UTC with microseconds, or a date; null for a missing publication time. */
  text: Sql;
  /** The cursor value standing for a null key (the coalesce sentinel). */
  nullAs: string | null;
  /** PostgreSQL type of the cursor's key value. */
  cast: Sql;
  descending: boolean;
}

const PUBLISHED_TEXT = sql`to_char(i.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SORT_KEYS: Record<KeysetSort, SortKey> = {
  [DisclosureItemSort.PUBLISHED_DESC]: {
    key: sql`coalesce(i.published_at, '-infinity'::timestamptz)`,
    text: PUBLISHED_TEXT,
    nullAs: '-infinity',
    cast: sql`timestamptz`,
    descending: true,
  },
  [DisclosureItemSort.PUBLISHED_ASC]: {
    key: sql`coalesce(i.published_at, 'infinity'::timestamptz)`,
    text: PUBLISHED_TEXT,
    nullAs: 'infinity',
    cast: sql`timestamptz`,
    descending: false,
  },
  [DisclosureItemSort.DEADLINE_ASC]: {
    key: sql`i.publish_deadline`,
    text: sql`to_char(i.publish_deadline, 'YYYY-MM-DD')`,
    nullAs: null,
    cast: sql`date`,
    descending: false,
  },
};

/** ORDER BY of a keyset sort: the key, then the id, in one direction. */
export function itemKeysetOrderSql(sort: KeysetSort): Sql {
  const k = SORT_KEYS[sort];
  return k.descending ? sql`${k.key} desc, i.id desc` : sql`${k.key} asc, i.id asc`;
}

/** The sort key of a row as the text a cursor carries (see `SortKey.text`). */
export function itemKeysetTextSql(sort: KeysetSort): Sql {
  return SORT_KEYS[sort].text;
}

/** The rows after a cursor's (key, id): one row comparison over the indexed expressions. */
export function itemKeysetAfterSql(sort: KeysetSort, key: string | null, id: number): Sql {
  const k = SORT_KEYS[sort];
  const value = sql`${key ?? k.nullAs}::${k.cast}`;
  return k.descending ? sql`(${k.key}, i.id) < (${value}, ${id}::int)` : sql`(${k.key}, i.id) > (${value}, ${id}::int)`;
}
