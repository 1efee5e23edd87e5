import { Migration } from '@mikro-orm/migrations';

/** A statistics revision's figures are stored without compression. */
export class Migration20261123001000_statistics_storage extends Migration {
  async up(): Promise<void> {
    // Every draft save rewrites the whole table of figures (about 7 kB as jsonb). Compressing it
    // with pglz (this PostgreSQL has no lz4) cost 0.15 ms of PostgreSQL CPU per save, a quarter of
    // the save's write, and reading last year's figures decompressed them again. Uncompressed,
    // out-of-line storage takes about four times the space: some 7 kB per revision.
    this.addSql(`alter table annual_statistics alter column figures set storage external`);
  }
}
