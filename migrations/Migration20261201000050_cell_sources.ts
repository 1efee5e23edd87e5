import { Migration } from '@mikro-orm/migrations';

/**
 * Where each statistics cell's value came from (typed by a person, computed from its parts,
 * filled from the requests register or from the catalogue): cell key → CellSource.
 * Absent keys are typed. Shared by computed totals and register-filled drafts.
 */
export class Migration20261201000050_cell_sources extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table annual_statistics add column cell_sources jsonb not null default '{}'::jsonb`);
  }
}
