import { Migration } from '@mikro-orm/migrations';

/**
 * Full-text search over disclosure items: the working copy's and the published snapshot's words
 * (segmented by jieba in the application, see catalogue/search/segmenter.ts) as weighted tsvectors
 * with GIN indexes. Rows written before this migration get their vectors on their next write
 * (the demo world is seeded after it).
 */
export class Migration20261201000700_item_search extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table disclosure_item add column search_vector tsvector, add column pub_search_vector tsvector`);
    this.addSql(`create index disclosure_item_search_vector on disclosure_item using gin (search_vector)`);
    this.addSql(`create index disclosure_item_pub_search_vector on disclosure_item using gin (pub_search_vector)`);
  }
}
