import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, runSqlOne } from '../../../db/sql';
import { inTransaction } from '../../../common/transaction';
import { publishedSearchVector, workingSearchVector } from './item-vectors';
import {
  itemTextBatchSql,
  itemVectorsWriteSql,
  reindexLockTimeoutSql,
  reindexAdvanceSql,
  reindexFinishSql,
  reindexProgressSql,
  reindexStartSql,
} from './search-reindex.queries';

/** The progress row's key for disclosure items. */
export const ITEM_REINDEX_TARGET = 'disclosure_item';

export interface ReindexOptions {
  /** Items per batch (one short transaction each). */
  batchSize?: number;
  /** Start from the first id even if an earlier run stopped halfway. */
  restart?: boolean;
  /** Stop after this many batches (the next run resumes); for tests and for spreading the work. */
  maxBatches?: number;
  /** Called after each committed batch. */
  onBatch?: (p: ReindexProgress) => void;
}

export interface ReindexProgress {
  lastId: number;
  scanned: number;
  updated: number;
  finished: boolean;
}

interface TextRow {
  id: number;
  xmin: string;
  title: string;
  body: string;
  legal_basis: string | null;
  pub_title: string | null;
  pub_body: string | null;
  pub_legal_basis: string | null;
}

/**
 * Recomputes the search vectors of every disclosure item, for when the segmenter's dictionary or
 * weighting changes (new rows and edits get theirs from the entity's write hook). It walks the
 * items by id in batches: read the texts without locking, segment them in this process, write the
 * vectors back in a short transaction that also records the batch's last id in search_reindex. A
 * row changed since it was read is left alone (its writer segmented it), rows whose vectors are
 * already right are not rewritten. So it runs while the server serves, holds row locks for one
 * batch's UPDATE only, and an interrupted run resumes after the last committed batch; a finished
 * run starts over.
 */
export async function reindexItemSearch(em: EntityManager, opts: ReindexOptions = {}): Promise<ReindexProgress> {
  const batchSize = opts.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new Error(`batch size must be an integer from 1 to 10000, not ${batchSize}`);
  const target = ITEM_REINDEX_TARGET;
  const row = await runSqlOne<{ last_id: number; scanned: number; updated: number; finished_at: Date | null }>(em, reindexProgressSql(target));
  let progress: ReindexProgress;
  if (!row || row.finished_at || opts.restart) {
    await runSql(em, reindexStartSql(target));
    progress = { lastId: 0, scanned: 0, updated: 0, finished: false };
  } else {
    progress = { lastId: row.last_id, scanned: row.scanned, updated: row.updated, finished: false };
  }
  for (let batches = 0; opts.maxBatches == null || batches < opts.maxBatches; batches++) {
    const rows = await runSql<TextRow>(em, itemTextBatchSql(progress.lastId, batchSize));
    if (!rows.length) {
      await runSql(em, reindexFinishSql(target));
      progress.finished = true;
      break;
    }
    const lastId = rows[rows.length - 1].id;
    const written = await inTransaction(em, async (tem) => {
      // Never queue long behind a writer's lock: fail the batch instead (the run resumes before it).
      await runSql(tem, reindexLockTimeoutSql());
      const ids = await runSql<{ id: number }>(
        tem,
        itemVectorsWriteSql(
          rows.map((r) => r.id),
          rows.map((r) => r.xmin),
          rows.map((r) => workingSearchVector(r.title, r.body, r.legal_basis)),
          rows.map((r) => publishedSearchVector(r.pub_title, r.pub_body, r.pub_legal_basis)),
        ),
      );
      await runSql(tem, reindexAdvanceSql(target, lastId, rows.length, ids.length));
      return ids.length;
    });
    progress = { lastId, scanned: progress.scanned + rows.length, updated: progress.updated + written, finished: false };
    opts.onBatch?.(progress);
  }
  return progress;
}
