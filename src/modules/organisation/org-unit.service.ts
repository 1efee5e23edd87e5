import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { changingPrincipals } from '../../auth/principal-cache';
import { Role } from '../../auth/roles';
import { ForbiddenError, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { escapeLike } from '../../common/sql';
import { parseInput } from '../../common/zod';
import { runSql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { childPathOf, isInSubtree, subtreePattern } from './org-path';
import { defaultReportingRole, KIND_RANK, OrgUnit } from './org-unit.entity';
import { moveSubtreeSql, nextUnitIdSql, unitsByIdSql } from './organisation.queries';
import { readModel } from '../../db/read-model';
import { ALLOWED_PARENTS, canCreateChildUnit, canUpdateUnit } from './organisation.policy';
import { CreateOrgUnitInput, createOrgUnitSchema, MoveOrgUnitInput, OrgUnitsArgs, UpdateOrgUnitInput, updateOrgUnitSchema } from './organisation.inputs';

/** Snapshot of a unit for audit records. */
export function unitSnapshot(u: OrgUnit) {
  return {
    code: u.code,
    name: u.name,
    kind: u.kind,
    parentId: u.parent?.id ?? null,
    path: u.path,
    active: u.active,
    reportingRole: u.reportingRole,
    sortOrder: u.sortOrder,
    version: u.version,
  };
}

/** Allocates the next org unit id, so the materialised path can be written with the row. */
export async function nextOrgUnitId(em: EntityManager): Promise<number> {
  const [row] = await runSql<{ id: number }>(em, nextUnitIdSql());
  return row.id;
}

/**
 * One org unit as a read model (src/db/read-model.ts), for reads that only look at it: a managed
 * entity through em.findOne cost a dashboard more Node time than its statement.
 */
export async function readOrgUnit(em: EntityManager, id: number): Promise<OrgUnit | null> {
  const [row] = await runSql(em, unitsByIdSql([id]));
  return row ? readModel(em, OrgUnit, row) : null;
}

/** The organisation tree: reads are public, changes need OFFICE_ADMIN over the units touched. */
export class OrgUnitService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** A unit by global id, or NOT_FOUND. */
  async get(globalId: string, field = 'id'): Promise<OrgUnit> {
    const id = decodeIntId(globalId, 'OrgUnit', field);
    const unit = await this.ctx.em.findOne(OrgUnit, { id });
    if (!unit) throw new NotFoundError('Org unit');
    return unit;
  }

  /** A unit by its code, or null. */
  async findByCode(code: string): Promise<OrgUnit | null> {
    return this.ctx.em.findOne(OrgUnit, { code });
  }

  /** Lists units (public), filtered in SQL, paginated by id. */
  async list(args: OrgUnitsArgs): Promise<Connection<OrgUnit>> {
    const where: Record<string, unknown>[] = [];
    if (args.subtreeOf) {
      const root = await this.get(args.subtreeOf, 'subtreeOf');
      where.push({ path: { $like: subtreePattern(root.path) } });
    }
    if (args.parentId) where.push({ parent: decodeIntId(args.parentId, 'OrgUnit', 'parentId') });
    if (args.kinds?.length) where.push({ kind: { $in: args.kinds } });
    if (args.search?.trim()) {
      const term = `%${escapeLike(args.search.trim())}%`;
      where.push({ $or: [{ name: { $like: term } }, { code: { $ilike: term } }] });
    }
    if (!args.includeInactive) where.push({ active: true });
    return paginate<OrgUnit>(this.ctx.em, OrgUnit, { $and: where }, args, { id: 'asc' });
  }

  /** Refuses unless the caller is OFFICE_ADMIN over `unit` (its subtree when `wholeSubtree`). */
  assertAdminOver(unit: OrgUnit, action: string): void {
    if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) {
      throw new ForbiddenError(`Only an OFFICE_ADMIN over ${unit.name} may ${action}`);
    }
  }

  /** Creates a unit under a parent the caller administers. */
  async create(raw: CreateOrgUnitInput): Promise<OrgUnit> {
    const input = parseInput(createOrgUnitSchema, raw);
    const parent = await this.get(input.parentId, 'input.parentId');
    enforce(canCreateChildUnit(this.ctx.auth, parent));
    const problems = new ProblemList();
    problems.check(ALLOWED_PARENTS[input.kind].includes(parent.kind), 'input.kind', `a ${input.kind} cannot sit under a ${parent.kind}`);
    if (await this.findByCode(input.code)) problems.add('input.code', 'is already used by another unit');
    problems.throwIfAny();
    return inTransaction(this.ctx.em, async (em) => {
      const id = await nextOrgUnitId(em);
      const unit = em.create(OrgUnit, {
        id,
        code: input.code,
        name: input.name,
        kind: input.kind,
        parent: parent.id,
        path: childPathOf(parent.path, id),
        depth: parent.depth + 1,
        sortOrder: input.sortOrder ?? 0,
        reportingRole: input.reportingRole ?? defaultReportingRole(input.kind),
      });
      await em.flush();
      this.audit.record(em, {
        action: 'organisation.createOrgUnit',
        targetType: 'OrgUnit',
        targetId: toGlobalId('OrgUnit', id),
        scopePath: unit.path,
        after: unitSnapshot(unit),
      });
      return unit;
    });
  }

  /** Renames or recodes a unit, with an optimistic-lock version check. */
  async update(raw: UpdateOrgUnitInput): Promise<OrgUnit> {
    const input = parseInput(updateOrgUnitSchema, raw);
    const id = decodeIntId(input.id, 'OrgUnit', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const unit = await em.findOne(OrgUnit, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!unit) throw new NotFoundError('Org unit');
      enforce(canUpdateUnit(this.ctx.auth, unit));
      assertVersion(unit.version, input.expectedVersion, 'The unit');
      if (input.code && input.code !== unit.code && (await em.findOne(OrgUnit, { code: input.code }))) {
        throw ValidationError.field('input.code', 'is already used by another unit');
      }
      const before = unitSnapshot(unit);
      if (input.code) unit.code = input.code;
      if (input.name) unit.name = input.name;
      if (input.sortOrder != null) unit.sortOrder = input.sortOrder;
      if (input.reportingRole) unit.reportingRole = input.reportingRole;
      await em.flush();
      this.audit.record(em, {
        action: 'organisation.updateOrgUnit',
        targetType: 'OrgUnit',
        targetId: input.id,
        scopePath: unit.path,
        before,
        after: unitSnapshot(unit),
      });
      return unit;
    });
  }

  /** Moves a unit (with its subtree) under a new parent; paths are rewritten in one statement. */
  async move(input: MoveOrgUnitInput): Promise<OrgUnit> {
    const id = decodeIntId(input.id, 'OrgUnit', 'input.id');
    const newParentId = decodeIntId(input.newParentId, 'OrgUnit', 'input.newParentId');
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const unit = await em.findOne(OrgUnit, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        const parent = await em.findOne(OrgUnit, { id: newParentId });
        if (!unit) throw new NotFoundError('Org unit');
        if (!parent) throw ValidationError.field('input.newParentId', 'is not an existing unit');
        this.assertAdminOver(unit, 'move it');
        this.assertAdminOver(parent, 'move units under it');
        assertVersion(unit.version, input.expectedVersion, 'The unit');
        const problems = new ProblemList();
        problems.check(unit.parent != null, 'input.id', 'the root cannot be moved');
        problems.check(!isInSubtree(parent.path, unit.path), 'input.newParentId', 'is the unit itself or one of its descendants');
        problems.check(parent.active, 'input.newParentId', 'is deactivated');
        problems.check(ALLOWED_PARENTS[unit.kind].includes(parent.kind), 'input.newParentId', `a ${unit.kind} cannot sit under a ${parent.kind}`);
        problems.throwIfAny();
        const before = unitSnapshot(unit);
        const oldPath = unit.path;
        const newPath = childPathOf(parent.path, unit.id);
        const depthDelta = parent.depth + 1 - unit.depth;
        await runSql(em, moveSubtreeSql({ unitId: unit.id, parentId: parent.id, oldPath, newPath, depthDelta }));
        await em.refresh(unit);
        this.audit.record(em, {
          action: 'organisation.moveOrgUnit',
          targetType: 'OrgUnit',
          targetId: input.id,
          scopePath: unit.path,
          before,
          after: unitSnapshot(unit),
        });
        return unit;
      }),
    );
  }

  /** Deactivates a unit that has no active sub-units. */
  async deactivate(globalId: string, expectedVersion?: number | null): Promise<OrgUnit> {
    const id = decodeIntId(globalId, 'OrgUnit');
    return changingPrincipals(this.ctx.em, () =>
      inTransaction(this.ctx.em, async (em) => {
        const unit = await em.findOne(OrgUnit, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
        if (!unit) throw new NotFoundError('Org unit');
        this.assertAdminOver(unit, 'deactivate it');
        assertVersion(unit.version, expectedVersion, 'The unit');
        const problems = new ProblemList();
        problems.check(unit.parent != null, 'id', 'the root cannot be deactivated');
        problems.check(unit.active, 'id', 'is already deactivated');
        const activeChildren = await em.count(OrgUnit, { path: { $like: subtreePattern(unit.path) }, id: { $ne: unit.id }, active: true });
        problems.check(activeChildren === 0, 'id', `has ${activeChildren} active sub-units; deactivate or move them first`);
        problems.throwIfAny();
        const before = unitSnapshot(unit);
        unit.active = false;
        await em.flush();
        this.audit.record(em, {
          action: 'organisation.deactivateOrgUnit',
          targetType: 'OrgUnit',
          targetId: globalId,
          scopePath: unit.path,
          before,
          after: unitSnapshot(unit),
        });
        return unit;
      }),
    );
  }
}

export { KIND_RANK };
