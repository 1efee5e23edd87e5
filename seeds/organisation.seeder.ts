import type { EntityManager } from '@mikro-orm/core';
import { Seeder } from '@mikro-orm/seeder';
import { hashPassword } from '../src/auth/password';
import { OrgUnit, RoleAssignment, User } from '../src/modules/organisation';
import type { SeedContext } from './seed-context';
import { DEMO_TREE, DEMO_USERS, DemoUnit } from './demo-world';
import { runSql, sql } from '../src/db/sql';
import type { EntityManager as SqlEntityManager } from '@mikro-orm/postgresql';

/** The demo organisation tree and, outside production, the demo users. */
export class OrganisationSeeder extends Seeder {
  async run(em: EntityManager, context: SeedContext): Promise<void> {
    let nextId = 1;
    const byCode = new Map<string, OrgUnit>();
    // One flush per level: a parent row must exist before its children reference it.
    let level: { node: DemoUnit; parent: OrgUnit | null; sortOrder: number }[] = [{ node: DEMO_TREE, parent: null, sortOrder: 0 }];
    while (level.length) {
      const next: typeof level = [];
      for (const { node, parent, sortOrder } of level) {
        const id = nextId++;
        const unit = em.create(OrgUnit, {
          id,
          code: node.code,
          name: node.name,
          kind: node.kind,
          parent,
          path: `${parent?.path ?? '/'}${id}/`,
          depth: parent ? parent.depth + 1 : 0,
          sortOrder,
        });
        byCode.set(node.code, unit);
        node.children?.forEach((child, i) => next.push({ node: child, parent: unit, sortOrder: i }));
      }
      await em.flush();
      level = next;
    }
    await runSql(em as SqlEntityManager, sql`select setval('org_unit_id_seq', (select max(id) from org_unit))`);
    context.units = byCode;

    if (!context.withDemoUsers) return;
    // One hash for every demo user: they share DEMO_PASSWORD, and seeding stays fast.
    const passwordHash = await hashPassword(context.demoPassword);
    for (const demo of DEMO_USERS) {
      const user = em.create(User, {
        username: demo.username,
        displayName: demo.displayName,
        email: demo.email,
        phone: demo.phone,
        unit: byCode.get(demo.unit)!.id,
        passwordHash,
      });
      for (const g of demo.grants) {
        em.create(RoleAssignment, { user, role: g.role, unit: byCode.get(g.unit)!.id, cascade: g.cascade ?? true });
      }
    }
    await em.flush();
  }
}
