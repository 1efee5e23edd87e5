import type { EntityManager } from '@mikro-orm/postgresql';
import type { AttachmentConfig } from '../../config/env';
import { runSql } from '../../db/sql';
import { deleteStalePendingSql, referencedHashesSql } from './attachment.queries';
import { storageFor, type StoredFile } from './attachment.storage';

/** What one cleanup run removed. */
export interface CleanupReport {
  pendingRowsRemoved: number;
  filesRemoved: number;
  filesKept: number;
}

/** Files younger than this are never removed: an upload may have stored one and not yet written its row. */
export const FILE_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes uploads never attached within `pendingHours`, then every stored file no attachment row
 * references and older than the grace period. Safe to run at any time and from several instances.
 *
 * Scheduling hook: this is the body of the periodic job. `npm run attachments:cleanup` runs it
 * once (cron); once the durable job queue (graphile-worker) is in, register it there as a daily
 * task: `task: (_payload, helpers) => cleanupAttachments(em, config.attachments)`.
 */
export async function cleanupAttachments(em: EntityManager, config: AttachmentConfig, now = new Date(), graceMs = FILE_GRACE_MS): Promise<CleanupReport> {
  const stale = await runSql(em, deleteStalePendingSql(new Date(now.getTime() - config.pendingHours * 3600_000)));
  const storage = storageFor(config);
  let filesRemoved = 0;
  let filesKept = 0;
  let batch: StoredFile[] = [];
  const sweep = async () => {
    const old = batch.filter((f) => now.getTime() - f.modifiedAt.getTime() >= graceMs);
    filesKept += batch.length - old.length;
    batch = [];
    if (!old.length) return;
    const referenced = new Set((await runSql<{ sha256: string }>(em, referencedHashesSql(old.map((f) => f.sha256)))).map((r) => r.sha256));
    for (const f of old) {
      if (referenced.has(f.sha256)) filesKept++;
      else {
        await storage.remove(f.sha256);
        filesRemoved++;
      }
    }
  };
  for await (const f of storage.list()) {
    batch.push(f);
    if (batch.length >= 500) await sweep();
  }
  await sweep();
  return { pendingRowsRemoved: stale.length, filesRemoved, filesKept };
}
