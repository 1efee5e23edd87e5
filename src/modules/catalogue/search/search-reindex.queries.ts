import { sql, type Sql } from '../../../db/sql';

/**
 * The statements of `npm run reindex-search` (reindex.ts): its progress row in search_reindex, and
 * one batch of items read and written back by id.
 */

/** The progress of the reindex of `target`, if one was started. */
export function reindexProgressSql(target: string): Sql {
  return sql`select last_id, scanned::int, updated::int, started_at, finished_at from search_reindex where target = ${target}`;
}

/** Starts (or restarts) the reindex of `target` from the first id. */
export function reindexStartSql(target: string): Sql {
  return sql`insert into search_reindex (target) values (${target})
    on conflict (target) do update set last_id = 0, scanned = 0, updated = 0, started_at = now(), finished_at = null`;
}

/** Records a committed batch (in the batch's transaction, so progress and vectors commit together). */
export function reindexAdvanceSql(target: string, lastId: number, scanned: number, updated: number): Sql {
  return sql`update search_reindex set last_id = ${lastId}, scanned = scanned + ${scanned}, updated = updated + ${updated} where target = ${target}`;
}

/** Marks the reindex of `target` finished. */
export function reindexFinishSql(target: string): Sql {
  return sql`update search_reindex set finished_at = now() where target = ${target}`;
}

/** A batch's transaction waits at most 5 s for a row lock a writer holds, then fails (the run resumes before it). */
export function reindexLockTimeoutSql(): Sql {
  return sql`set local lock_timeout = '5s'`;
}

/**
 * The next batch of items after `afterId` with the texts their vectors are made of, and the row
 * version (`xmin`) the write-back checks. No row lock: writers are not held up by the read.
 */
export function itemTextBatchSql(afterId: number, limit: number): Sql {
  return sql`select id, xmin::text as xmin, title, body, legal_basis, pub_title, pub_body, pub_legal_basis
    from disclosure_item where id > ${afterId} order by id limit ${limit}`;
}

/**
 * Writes the recomputed vectors back, only to rows that are still the version that was read (a
 * write in between already segmented its own texts) and whose vectors differ (an unchanged
 * dictionary rewrites nothing). Returns the ids written.
 */
export function itemVectorsWriteSql(ids: number[], xmins: string[], working: (string | null)[], published: (string | null)[]): Sql {
  return sql`update disclosure_item i set search_vector = v.sv::tsvector, pub_search_vector = v.pv::tsvector
      from unnest(${ids}::int[], ${xmins}::text[], ${working}::text[], ${published}::text[]) as v(id, xmin, sv, pv)
     where i.id = v.id and i.xmin = v.xmin::xid
       and (i.search_vector is distinct from v.sv::tsvector or i.pub_search_vector is distinct from v.pv::tsvector)
    returning i.id`;
}
