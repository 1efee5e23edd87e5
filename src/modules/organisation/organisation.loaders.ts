import DataLoader from 'dataloader';
import { Context, perRequest } from '../../graphql/context';
import { OrgUnit } from './org-unit.entity';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';

/** Per-request batch loaders of the organisation module: one SQL statement per batch. */
export class OrganisationLoaders {
  constructor(private readonly ctx: Pick<Context, 'em'>) {}

  readonly unitById = new DataLoader<number, OrgUnit | null>(async (ids) => {
    const rows = await this.ctx.em.find(OrgUnit, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly childrenByParent = new DataLoader<number, OrgUnit[]>(async (ids) => {
    const rows = await this.ctx.em.find(OrgUnit, { parent: { $in: [...ids] } }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
    return ids.map((id) => rows.filter((r) => r.parent?.id === id));
  });

  readonly userById = new DataLoader<number, User | null>(async (ids) => {
    const rows = await this.ctx.em.find(User, { id: { $in: [...ids] } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });

  readonly activeAssignmentsByUser = new DataLoader<number, RoleAssignment[]>(async (ids) => {
    const rows = await this.ctx.em.find(
      RoleAssignment,
      { user: { $in: [...ids] }, revokedAt: null },
      { orderBy: { id: 'asc' } },
    );
    return ids.map((id) => rows.filter((r) => r.user.id === id));
  });

  /** Loads a unit's ancestors, root first, from its materialised path. */
  async ancestorsOf(unit: OrgUnit): Promise<OrgUnit[]> {
    const ids = unit.path.split('/').filter(Boolean).map(Number).filter((id) => id !== unit.id);
    const rows = await this.unitById.loadMany(ids);
    return rows.filter((r): r is OrgUnit => r instanceof OrgUnit);
  }
}

/** The request's organisation loaders. */
export function organisationLoaders(ctx: Context): OrganisationLoaders {
  return perRequest(ctx, OrganisationLoaders, () => new OrganisationLoaders(ctx));
}
