import { Migration } from '@mikro-orm/migrations';

/**
 * Progress of `npm run reindex-search` (src/modules/catalogue/search/reindex.ts): one row per
 * reindexed table, the last id whose batch committed, so an interrupted run resumes where it
 * stopped. Read and written by SQL only.
 */
export class Migration20261201001200_search_reindex extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table search_reindex (
        target text primary key,
        last_id int not null default 0,
        scanned bigint not null default 0,
        updated bigint not null default 0,
        started_at timestamptz not null default now(),
        finished_at timestamptz)`);
  }
}
