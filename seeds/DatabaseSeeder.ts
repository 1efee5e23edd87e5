import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { CatalogueSeeder } from './catalogue.seeder';
import { ContactSeeder } from './contact.seeder';
import { OrganisationSeeder } from './organisation.seeder';
import { PortalSeeder } from './portal.seeder';
import { LiaisonSeeder } from './liaison.seeder';
import type { SeedContext } from './seed-context';
import { StatisticsSeeder } from './statistics.seeder';
import { InspectionSeeder } from './inspection.seeder';
import { RequestsSeeder } from './requests.seeder';

/** Loads the demo world, module by module. Add each module's seeder here, in dependency order. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    // Each seeder runs on the caller's EntityManager, not on a fork as Seeder.call would: a fork
    // has no transaction, so its flush took a second pooled connection outside the caller's
    // transaction (the demo world was not loaded atomically, and a one-connection pool waited forever).
    for (const seeder of [
      OrganisationSeeder,
      CatalogueSeeder,
      LiaisonSeeder,
      StatisticsSeeder,
      ContactSeeder,
      RequestsSeeder,
      InspectionSeeder,
      PortalSeeder,
    ]) {
      await new seeder().run(em, context);
      await em.flush();
    }
  }
}
