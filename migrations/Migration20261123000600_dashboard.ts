import { Migration } from '@mikro-orm/migrations';

/** Indexes for the dashboard (`overview`). */
export class Migration20261123000600_dashboard extends Migration {
  async up(): Promise<void> {
    // Covers every column the overview's item counters read, so a subtree's items are counted by an
    // index-only scan per unit instead of visiting the heap rows (wide: titles, bodies, snapshots).
    this.addSql(`
      create index disclosure_item_dashboard_idx on disclosure_item (owner_unit_id)
        include (status, level, mode, is_public, publish_deadline, next_maintenance_date, next_due_date, withholding_status, published_at)`);
  }
}
