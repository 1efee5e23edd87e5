import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { CatalogueSeeder } from './catalogue.seeder';
import { ContactSeeder } from './contact.seeder';
import { OrganisationSeeder } from './organisation.seeder';
import { LiaisonSeeder } from './liaison.seeder';
import type { SeedContext } from './seed-context';
import { StatisticsSeeder } from './statistics.seeder';
import { InspectionSeeder } from './inspection.seeder';

/** Loads the demo world, module by module. Add each module's seeder here, in dependency order. */
export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    return this.call(em, [OrganisationSeeder, CatalogueSeeder, LiaisonSeeder, StatisticsSeeder, ContactSeeder, InspectionSeeder], context);
  }
}
