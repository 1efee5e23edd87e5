import DataLoader from 'dataloader';
import { ReadModelLoader, readModels } from '../../db/read-model';
import { runSql } from '../../db/sql';
import { Context, perRequest } from '../../common/context';
import { unitIdsOfPath } from './org-path';
import { unitsByIdSql, unitsByParentSql } from './organisation.queries';
import { OrgUnit } from './org-unit.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

/** Per-request batch loaders of the organisation module: one SQL statement per batch. */
export class OrganisationLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  /** Units by id, as read models (src/db/read-model.ts): these loaders serve reads only. */
  private readonly units = new ReadModelLoader(this.ctx, OrgUnit, (ids) => runSql(this.ctx.em, unitsByIdSql(ids)));

  readonly unitById = this.units.loader;

  /**
   * A unit by id: the unit itself when this request has read it already, else a batched load.
   * Returning plain values lets graphql-js complete a row without allocating promises.
   */
  unit(id: number): OrgUnit | Promise<OrgUnit | null> {
    return this.units.get(id);
  }

  /** Primes unitById with raw org_unit rows read by another statement (nulls are skipped). */
  primeRows(rows: unknown[]): void {
    this.units.primeRows(rows);
  }

  readonly childrenByParent = new DataLoader<number, OrgUnit[]>(async (ids) => {
    const rows = await runSql(this.ctx.em, unitsByParentSql(ids));
    const units = readModels(this.ctx.em, OrgUnit, rows);
    return ids.map((id) => units.filter((r) => r.parent?.id === id));
  });

  readonly userById = new DataLoader<number, User | null>(async (ids) => {
    const rows = await this.ctx.em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly activeAssignmentsByUser = new DataLoader<number, RoleAssignment[]>(async (ids) => {
    const rows = await this.ctx.em.find(RoleAssignment, { user: { $in: [...ids] }, revokedAt: null }, { orderBy: { id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.user.id === id));
  });

  /** Loads a unit's ancestors, root first, from its materialised path. */
  async ancestorsOf(unit: OrgUnit): Promise<OrgUnit[]> {
    const ids = unitIdsOfPath(unit.path).filter((id) => id !== unit.id);
    const rows = await this.unitById.loadMany(ids);
    return rows.filter((r): r is OrgUnit => r instanceof OrgUnit);
  }
}

/** The request's organisation loaders. */
export function organisationLoaders(ctx: Context): OrganisationLoaders {
  return perRequest(ctx, OrganisationLoaders, () => new OrganisationLoaders(ctx));
}
