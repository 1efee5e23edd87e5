import { Migration } from '@mikro-orm/migrations';

/** Index for the public catalogue page (`disclosureItems` of a subtree and category, anonymous). */
export class Migration20261123000700_public_page extends Migration {
  async up(): Promise<void> {
    // Live rows per owner unit with what the page filters and sorts on: the first phase of the
    // page query (which rows, in which order, how many) is an index-only scan per unit of the
    // subtree; only the 50 rows of the page are then read from the heap.
    this.addSql(`
      create index disclosure_item_public_owner_idx on disclosure_item (owner_unit_id)
        include (pub_category_id, published_at, id) where is_public`);
  }
}
