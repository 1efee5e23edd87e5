import { sql, type Sql } from '../../db/sql';

/**
 * Full-text search over disclosure items (aliases as in disclosure-item.queries.ts: items `i`,
 * owner unit `u`). Staff in scope search the working copy, everyone else the published snapshot,
 * as the item list reads them. `tsquery` is tsquery input text from `parseSearchTerm`.
 */

/**
 * Whether an item matches: its words (GIN indexes over `search_vector` and, for published items,
 * `pub_search_vector`), or, for codes and numbers, the old substring match over title and body
 * (trigram indexes). Either part may be absent, not both. `viaIndex` false words the published
 * part so that the planner cannot serve it from the GIN index (for a date-ordered scan).
 */
export function itemSearchMatchSql(inScope: Sql, tsquery: string | null, substringPattern: string | null, viaIndex = true): Sql {
  const working: Sql[] = [];
  const published: Sql[] = [];
  if (tsquery) {
    working.push(sql`i.search_vector @@ ${tsquery}::tsquery`);
    // Hidden from the GIN index (see itemSearchRecentPageSql): checked on each row a date-ordered scan reaches.
    published.push(viaIndex ? sql`i.pub_search_vector @@ ${tsquery}::tsquery` : sql`coalesce(i.pub_search_vector @@ ${tsquery}::tsquery, false)`);
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

/**
 * How many published items match, counting no further than `cap + 1` (public callers: `where`
 * must hold no staff scope): the GIN index finds the matches and the scan stops at the cap, so a
 * word in 50,000 items costs about as much as one in 1,000. The fence (`offset 0`) keeps the index
 * scan to the words: otherwise the planner, which underestimates how many items several words of
 * one query match, ANDs the GIN bitmap with a bitmap of every published item from a partial index
 * (583,000 entries at 1,000,000 items, most of the statement's time).
 */
export function itemSearchCountSql(where: Sql, tsquery: string, cap: number): Sql {
  return sql`select count(*)::int as n from (
           select 1 from (select * from disclosure_item where pub_search_vector @@ ${tsquery}::tsquery offset 0) i
             join org_unit u on u.id = i.owner_unit_id
            where ${where} limit ${cap + 1}) m`;
}

/**
 * A page of a search with many published matches, as `(id, ord)` rows for itemPageSql: the newest
 * `ranked` matches ranked by ts_rank (newer first among equals), then every older match by date.
 * `where` must hold the match as `itemSearchMatchSql(…, viaIndex = false)`, so the newest matches
 * come from the date index (disclosure_item_recent_idx) walked newest first and
 * stopped after `ranked` matches: the rows read depend on how common the words are (about
 * ranked ÷ the share of items that match), not on how many items match. Through the GIN index the
 * planner, which takes the words of one query as independent and so underestimates matches by
 * orders of magnitude, would read and sort every match.
 */
export function itemSearchRecentPageSql(where: Sql, tsquery: string, ranked: number, limit: number, offset: number): Sql {
  return sql`select q.id, row_number() over () as ord from (
           (select c.id from (select i.id, i.published_at, ts_rank(i.pub_search_vector, ${tsquery}::tsquery) as rank
                                from disclosure_item i join org_unit u on u.id = i.owner_unit_id
                               where ${where}
                               order by i.published_at desc nulls last, i.id desc limit ${ranked}) c
             order by c.rank desc, c.published_at desc nulls last, c.id desc)
           union all
           (select i.id from disclosure_item i join org_unit u on u.id = i.owner_unit_id
             where ${where}
             order by i.published_at desc nulls last, i.id desc offset ${ranked})
           limit ${limit} offset ${offset}) q`;
}
