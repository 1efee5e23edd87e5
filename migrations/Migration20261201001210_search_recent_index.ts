import { Migration } from '@mikro-orm/migrations';

/**
 * Items newest first: a public search with many matches walks this index and checks each row's
 * words until it has the newest matches it ranks (item-search.queries.ts, itemSearchRecentPageSql),
 * instead of reading and sorting every match the GIN index finds. Not partial on is_public: the
 * planner would AND a bitmap of every published item from it with the GIN index's matches.
 */
export class Migration20261201001210_search_recent_index extends Migration {
  async up(): Promise<void> {
    this.addSql(`create index disclosure_item_recent_idx on disclosure_item (published_at desc nulls last, id desc)`);
  }
}
