import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes of the item list's keyset orders (src/modules/catalogue/item-keyset.queries.ts): each
 * order is (key, id) in one direction, so the page after a cursor is a range scan of one of these
 * that reads about a page of entries, however deep the page. The publication time is coalesced to
 * ∓infinity, as the orders are, so unpublished rows (staff lists) sort last in either direction.
 *
 * The public catalogue (anonymous, newest first) has its own partial index carrying what its
 * filters read (owner unit, published category), so its page is an index-only scan in order.
 */
export class Migration20261201001110_item_keyset extends Migration {
  async up(): Promise<void> {
    this.addSql(`create index disclosure_item_public_keyset_idx on disclosure_item ((coalesce(published_at, '-infinity'::timestamptz)) desc, id desc)
                 include (owner_unit_id, pub_category_id, published_at) where is_public`);
    this.addSql(`create index disclosure_item_published_desc_keyset_idx on disclosure_item ((coalesce(published_at, '-infinity'::timestamptz)) desc, id desc)`);
    this.addSql(`create index disclosure_item_published_asc_keyset_idx on disclosure_item ((coalesce(published_at, 'infinity'::timestamptz)), id)`);
    this.addSql(`create index disclosure_item_deadline_keyset_idx on disclosure_item (publish_deadline, id)`);
  }
}
