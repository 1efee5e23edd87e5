import { sql, type Sql } from '../../db/sql';

/**
 * Full-text search over disclosure items (aliases as in disclosure-item.queries.ts: items `i`,
 * owner unit `u`). Staff in scope search the working copy, everyone else the published snapshot,
 * as the item list reads them. `tsquery` is tsquery input text from `parseSearchTerm`.
 */

/**
 * Whether an item matches: its words (GIN indexes over `search_vector` and, for published items,
 * `pub_search_vector`), or, for codes and numbers, the old substring match over title and body
 * (trigram indexes). Either part may be absent, not both.
 */
export function itemSearchMatchSql(inScope: Sql, tsquery: string | null, substringPattern: string | null): Sql {
  const working: Sql[] = [];
  const published: Sql[] = [];
  if (tsquery) {
    working.push(sql`i.search_vector @@ ${tsquery}::tsquery`);
    published.push(sql`i.pub_search_vector @@ ${tsquery}::tsquery`);
  }
  if (substringPattern) {
    working.push(sql`(i.title || ' ' || i.body) ilike ${substringPattern}`);
    published.push(sql`(coalesce(i.pub_title, '') || ' ' || coalesce(i.pub_body, '')) ilike ${substringPattern}`);
  }
  const any = (parts: Sql[]) => (parts.length === 1 ? parts[0] : sql`(${parts[0]} or ${parts[1]})`);
  return sql`((${inScope} and ${any(working)}) or (i.is_public and ${any(published)}))`;
}

/**
 * Best match first: ts_rank over the vector the caller reads (a title word weighs 1.0, body 0.4,
 * legal basis 0.2), newer publications first among equals, then id. Substring-only matches rank 0.
 */
export function itemSearchOrderSql(inScope: Sql, tsquery: string | null): Sql {
  if (!tsquery) return sql`i.published_at desc nulls last, i.id desc`;
  return sql`(case when ${inScope} then ts_rank(i.search_vector, ${tsquery}::tsquery) else ts_rank(i.pub_search_vector, ${tsquery}::tsquery) end) desc nulls last,
          i.published_at desc nulls last, i.id desc`;
}
