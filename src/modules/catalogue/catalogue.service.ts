import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { Role } from '../../auth/roles';
import { ForbiddenError, NotFoundError, ProblemList } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { runSql } from '../../db/sql';
import { AuditService } from '../audit';
import { OrgUnit, OrgUnitKind } from '../organisation';
import { CatalogueCategory } from './catalogue-category.entity';
import { catalogueTreeSql } from './catalogue.queries';
import { CreateCatalogueCategoryInput, createCategorySchema, UpdateCatalogueCategoryInput, updateCategorySchema } from './catalogue.inputs';

/** Snapshot of a category for audit records. */
function categorySnapshot(c: CatalogueCategory) {
  return {
    code: c.code,
    name: c.name,
    description: c.description,
    parentId: c.parent?.id ?? null,
    ownerUnitId: c.ownerUnit?.id ?? null,
    mandatory: c.mandatory,
    defaultMode: c.defaultMode,
    allowedLevels: c.allowedLevels,
    reviewCycleMonths: c.reviewCycleMonths,
  };
}

/** One category of a unit's catalogue tree with its published item counts. */
export interface CatalogueTreeRow {
  category: CatalogueCategory;
  publishedCount: number;
  totalPublishedCount: number;
}

/** Path of the administration (the tree's root): audit scope of centre-owned data (categories, the holiday calendar). */
export async function rootPath(em: EntityManager): Promise<string> {
  const root = await em.findOne(OrgUnit, { parent: null });
  return root?.path ?? '/';
}

/** The catalogue's categories. */
export class CatalogueService {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Standard categories plus local ones (of one district, or of all). Public. */
  async categories(districtGlobalId?: string | null): Promise<CatalogueCategory[]> {
    const where: Record<string, unknown> = {};
    if (districtGlobalId) {
      const districtId = decodeIntId(districtGlobalId, 'OrgUnit', 'districtId');
      where.$or = [{ ownerUnit: null }, { ownerUnit: districtId }];
    }
    return this.ctx.em.find(CatalogueCategory, where, { orderBy: { sortOrder: 'asc', id: 'asc' } });
  }

  /** A category by global id, or NOT_FOUND (categories are public). */
  async get(globalId: string, field = 'id'): Promise<CatalogueCategory> {
    const c = await this.ctx.em.findOne(CatalogueCategory, { id: decodeIntId(globalId, 'CatalogueCategory', field) });
    if (!c) throw new NotFoundError('Catalogue category');
    return c;
  }

  /**
   * Creates a category. Standard ones (no district) only by CENTRAL_ADMIN; a local one under a
   * standard category by an OFFICE_ADMIN over the district that will own it.
   */
  async createCategory(raw: CreateCatalogueCategoryInput): Promise<CatalogueCategory> {
    const input = parseInput(createCategorySchema, raw);
    const problems = new ProblemList();
    const em = this.ctx.em;
    const parent = input.parentId ? await em.findOne(CatalogueCategory, { id: decodeIntId(input.parentId, 'CatalogueCategory', 'input.parentId') }) : null;
    if (input.parentId && !parent) problems.add('input.parentId', 'is not an existing category');
    let district: OrgUnit | null = null;
    if (input.districtId) {
      district = await em.findOne(OrgUnit, { id: decodeIntId(input.districtId, 'OrgUnit', 'input.districtId') });
      if (!district) problems.add('input.districtId', 'is not an existing unit');
      else if (district.kind !== OrgUnitKind.DISTRICT) problems.add('input.districtId', 'must be a district (直属海关)');
    }
    problems.throwIfAny();
    if (!district) {
      if (!this.ctx.auth.isCentralAdmin) throw new ForbiddenError('Only a CENTRAL_ADMIN may create standard categories; name your district for a local one');
    } else {
      if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, district.path))
        throw new ForbiddenError(`Only an OFFICE_ADMIN over ${district.name} may add its local categories`);
      problems.check(!!parent, 'input.parentId', 'a local category needs a standard parent');
      problems.check(!parent || parent.standard, 'input.parentId', 'local categories go under a standard category');
    }
    if (await em.findOne(CatalogueCategory, { code: input.code })) problems.add('input.code', 'is already used by another category');
    problems.throwIfAny();
    return inTransaction(em, async (tem) => {
      const c = tem.create(CatalogueCategory, {
        code: input.code,
        name: input.name,
        description: input.description ?? '',
        parent: parent?.id ?? null,
        ownerUnit: district?.id ?? null,
        mandatory: input.mandatory ?? false,
        defaultMode: input.defaultMode ?? parent?.defaultMode ?? 'AD_HOC',
        allowedLevels: input.allowedLevels ?? parent?.allowedLevels ?? ['OFFICE', 'DIVISION'],
        reviewCycleMonths: input.reviewCycleMonths ?? parent?.reviewCycleMonths ?? 12,
        sortOrder: 1000,
      } as never) as CatalogueCategory;
      await tem.flush();
      this.audit.record(tem, {
        action: 'catalogue.createCategory',
        targetType: 'CatalogueCategory',
        targetId: toGlobalId('CatalogueCategory', c.id),
        scopePath: district?.path ?? (await rootPath(tem)),
        after: categorySnapshot(c),
      });
      return c;
    });
  }

  /** Changes a category: standard ones only by CENTRAL_ADMIN, local ones by the owning district's OFFICE_ADMIN. */
  async updateCategory(raw: UpdateCatalogueCategoryInput): Promise<CatalogueCategory> {
    const input = parseInput(updateCategorySchema, raw);
    const id = decodeIntId(input.id, 'CatalogueCategory', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const c = await em.findOne(CatalogueCategory, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!c) throw new NotFoundError('Catalogue category');
      const owner = c.ownerUnit ? await em.findOneOrFail(OrgUnit, { id: c.ownerUnit.id }) : null;
      if (!owner && !this.ctx.auth.isCentralAdmin) throw new ForbiddenError('Only a CENTRAL_ADMIN may change standard categories');
      if (owner && !this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, owner.path))
        throw new ForbiddenError(`Only an OFFICE_ADMIN over ${owner.name} may change its local categories`);
      assertVersion(c.version, input.expectedVersion, 'The category');
      const before = categorySnapshot(c);
      if (input.name != null) c.name = input.name;
      if (input.description != null) c.description = input.description;
      if (input.mandatory != null) c.mandatory = input.mandatory;
      if (input.defaultMode != null) c.defaultMode = input.defaultMode;
      if (input.allowedLevels != null) c.allowedLevels = input.allowedLevels;
      if (input.reviewCycleMonths != null) c.reviewCycleMonths = input.reviewCycleMonths;
      await em.flush();
      this.audit.record(em, {
        action: 'catalogue.updateCategory',
        targetType: 'CatalogueCategory',
        targetId: input.id,
        scopePath: owner?.path ?? (await rootPath(em)),
        before,
        after: categorySnapshot(c),
      });
      return c;
    });
  }

  /**
   * The categories a unit uses (standard plus its district's local ones), each with the count of
   * published items of the unit (and its subtree) in it: one SQL statement with GROUP BY.
   */
  async tree(unitGlobalId: string, includeSubunits = true): Promise<CatalogueTreeRow[]> {
    const unitId = decodeIntId(unitGlobalId, 'OrgUnit', 'unitId');
    const rows = await runSql(this.ctx.em, catalogueTreeSql(unitId, includeSubunits));
    if (!rows.length) {
      if (!(await this.ctx.em.findOne(OrgUnit, { id: unitId }))) throw new NotFoundError('Org unit');
    }
    const result = rows.map((row) => {
      const publishedCount = Number(row.published_count);
      delete row.published_count;
      return { category: this.ctx.em.map(CatalogueCategory, row), publishedCount, totalPublishedCount: publishedCount };
    });
    // Sub-category counts roll up to their ancestors (the tree is small: done here, not per row in SQL).
    const byId = new Map(result.map((r) => [r.category.id, r]));
    for (const r of result) {
      for (let p = r.category.parent?.id; p != null; p = byId.get(p)?.category.parent?.id) {
        const anc = byId.get(p);
        if (!anc) break;
        anc.totalPublishedCount += r.publishedCount;
      }
    }
    return result;
  }
}
