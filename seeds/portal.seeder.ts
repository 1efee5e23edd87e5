import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { UnitContact } from '../src/modules/portal';
import type { SeedContext } from './seed-context';
import { UNIT_CONTACTS } from './portal.data';

/** Units' contact directories (seeds/portal.data.ts says which come from the reference documents). */
export class PortalSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    for (const [code, data] of Object.entries(UNIT_CONTACTS)) {
      const unit = context.units!.get(code);
      if (!unit) throw new Error(`portal seed: no unit ${code}`);
      em.create(UnitContact, { unitId: unit.id, ...data });
    }
  }
}
