import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { ForbiddenError, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import { runSql, runSqlOne, sql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit, OrgUnitKind } from '../organisation';
import { SchemeStatus } from './inspection.enums';
import {
  ActivateInspectionSchemeInput,
  CreateInspectionSchemeInput,
  createSchemeSchema,
  InspectionSchemesArgs,
  stepSchema,
  UpdateInspectionSchemeInput,
  updateSchemeSchema,
} from './inspection.inputs';
import { canSeeScheme, finalisedResultsSql, visibleSchemesFilter } from './inspection.policy';
import { indicatorTotalsSql, schemeRankingSql } from './inspection.queries';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';
import { DEFAULT_GRADE_BANDS, roundScore } from './scoring';

type IndicatorData = ReturnType<typeof createSchemeSchema.parse>['indicators'][number];

function schemeSnapshot(s: InspectionScheme, indicators?: IndicatorData[]) {
  return { year: s.year, name: s.name, totalScore: s.totalScore, gradeBands: s.gradeBands, status: s.status, indicators };
}

/** Inspection schemes (DESIGN.md §5): drafts, their indicators, activation, and the ranking under a scheme. */
export class InspectionSchemeService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** Schemes the caller may see: active ones, and drafts of units where it is OFFICE_ADMIN or INSPECTOR. */
  async schemes(args: InspectionSchemesArgs): Promise<Connection<InspectionScheme>> {
    const where: Record<string, unknown>[] = [visibleSchemesFilter(this.ctx.auth)];
    if (args.year != null) where.push({ year: args.year });
    if (args.status) where.push({ status: args.status });
    if (args.issuerUnitId) where.push({ issuerUnit: decodeIntId(args.issuerUnitId, 'OrgUnit', 'issuerUnitId') });
    return paginate<InspectionScheme>(this.ctx.em, InspectionScheme, { $and: where } as never, args, { id: 'desc' });
  }

  /** One indicator if its scheme is visible (for node(id:)). */
  async findIndicator(id: number): Promise<InspectionIndicator | null> {
    return this.ctx.em.findOne(InspectionIndicator, { id, scheme: visibleSchemesFilter(this.ctx.auth) });
  }

  /** One scheme if visible. */
  async findScheme(id: number): Promise<InspectionScheme | null> {
    return this.ctx.em.findOne(InspectionScheme, { $and: [{ id }, visibleSchemesFilter(this.ctx.auth)] });
  }

  /**
   * Ranking among the units inspected under a scheme: the latest finalised inspection of each,
   * ordered by total, standard competition ranking (1, 1, 3) by RANK(). One statement.
   */
  async ranking(schemeGlobalId: string): Promise<RankingRow[]> {
    const scheme = await this.findScheme(decodeIntId(schemeGlobalId, 'InspectionScheme', 'schemeId'));
    if (!scheme) throw new NotFoundError('Inspection scheme');
    const issuer = await this.ctx.em.findOneOrFail(OrgUnit, { id: scheme.issuerUnit.id });
    return runSql<RankingRow>(this.ctx.em, schemeRankingSql(scheme.id, finalisedResultsSql(this.ctx.auth, sql`r.path`, issuer.path)));
  }

  // ---- writes -----------------------------------------------------------------------------

  private async issuerFor(globalId: string, field: string, em: EntityManager = this.ctx.em): Promise<OrgUnit> {
    const unit = await em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
    if (!unit) throw new NotFoundError('Org unit');
    if (unit.kind === OrgUnitKind.ADMINISTRATION) {
      if (!this.ctx.auth.isCentralAdmin) throw new ForbiddenError('Only CENTRAL_ADMIN issues the national inspection scheme');
    } else if (unit.kind === OrgUnitKind.DISTRICT) {
      if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path))
        throw new ForbiddenError(`Only an OFFICE_ADMIN of ${unit.name} issues its inspection schemes`);
    } else {
      throw ValidationError.field(field, 'must be the administration or a district: only they issue inspection schemes');
    }
    return unit;
  }

  private createIndicators(em: EntityManager, scheme: InspectionScheme, indicators: IndicatorData[]): void {
    indicators.forEach((i, n) =>
      em.create(InspectionIndicator, {
        scheme,
        code: i.code,
        name: i.name,
        dimension: i.dimension,
        maxScore: roundScore(i.maxScore),
        guidance: i.guidance ?? '',
        method: i.method,
        metric: i.metric ?? null,
        rule: i.rule ?? null,
        sortOrder: n + 1,
      }),
    );
  }

  /** Creates a draft scheme with its indicators. */
  async createScheme(raw: CreateInspectionSchemeInput): Promise<InspectionScheme> {
    const input = parseInput(createSchemeSchema, raw);
    const issuer = await this.issuerFor(input.issuerUnitId, 'input.issuerUnitId');
    return inTransaction(this.ctx.em, async (em) => {
      const scheme = em.create(InspectionScheme, {
        issuerUnit: issuer.id,
        year: input.year,
        name: input.name,
        totalScore: roundScore(input.totalScore ?? 100),
        gradeBands: input.gradeBands ?? DEFAULT_GRADE_BANDS,
        createdById: this.ctx.auth.userId,
      });
      await em.flush();
      this.createIndicators(em, scheme, input.indicators);
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.createInspectionScheme',
        targetType: 'InspectionScheme',
        targetId: toGlobalId('InspectionScheme', scheme.id),
        scopePath: issuer.path,
        after: schemeSnapshot(scheme, input.indicators),
      });
      return scheme;
    });
  }

  private async schemeForWrite(em: EntityManager, globalId: string, field: string): Promise<{ scheme: InspectionScheme; issuer: OrgUnit }> {
    const scheme = await em.findOne(InspectionScheme, { id: decodeIntId(globalId, 'InspectionScheme', field) });
    const issuer = scheme && (await em.findOne(OrgUnit, { id: scheme.issuerUnit.id }));
    if (!scheme || !issuer || !canSeeScheme(this.ctx.auth, scheme.status, issuer.path)) {
      throw new NotFoundError('Inspection scheme');
    }
    await this.issuerFor(toGlobalId('OrgUnit', issuer.id), field, em);
    if (scheme.status === SchemeStatus.ACTIVE) throw ValidationError.field(field, 'is an active scheme: its indicators and scores are frozen');
    return { scheme, issuer };
  }

  /** Changes a draft scheme; indicators, when given, replace all of them. */
  async updateScheme(raw: UpdateInspectionSchemeInput): Promise<InspectionScheme> {
    const input = parseInput(updateSchemeSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { scheme, issuer } = await this.schemeForWrite(em, input.id, 'input.id');
      assertVersion(scheme.version, input.expectedVersion, 'The scheme');
      const before = schemeSnapshot(scheme);
      if (input.name != null) scheme.name = input.name;
      if (input.totalScore != null) scheme.totalScore = roundScore(input.totalScore);
      if (input.gradeBands != null) scheme.gradeBands = input.gradeBands;
      if (input.indicators != null) {
        await em.nativeDelete(InspectionIndicator, { scheme: scheme.id });
        this.createIndicators(em, scheme, input.indicators);
        scheme.updatedAt = new Date();
      }
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.updateInspectionScheme',
        targetType: 'InspectionScheme',
        targetId: input.id,
        scopePath: issuer.path,
        before,
        after: schemeSnapshot(scheme, input.indicators ?? undefined),
      });
      return scheme;
    });
  }

  /** Activates a draft scheme once its indicators' maxima add up to its total; it is frozen from then on. */
  async activateScheme(raw: ActivateInspectionSchemeInput): Promise<InspectionScheme> {
    const input = parseInput(stepSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { scheme, issuer } = await this.schemeForWrite(em, input.id, 'input.id');
      assertVersion(scheme.version, input.expectedVersion, 'The scheme');
      const sum = (await runSqlOne<{ n: number; total: number | null }>(em, indicatorTotalsSql(scheme.id)))!;
      const total = roundScore(sum.total ?? 0);
      const problems = new ProblemList();
      problems.check(sum.n > 0, 'input.id', 'has no indicators');
      problems.check(
        sum.n === 0 || total === scheme.totalScore,
        'input.id',
        `the indicators' maximum scores add up to ${total}, not the scheme's total ${scheme.totalScore}`,
      );
      problems.throwIfAny();
      scheme.status = SchemeStatus.ACTIVE;
      scheme.activatedAt = new Date();
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.activateInspectionScheme',
        targetType: 'InspectionScheme',
        targetId: input.id,
        scopePath: issuer.path,
        before: { status: SchemeStatus.DRAFT },
        after: { status: SchemeStatus.ACTIVE, totalScore: scheme.totalScore },
      });
      return scheme;
    });
  }
}

/** One row of a scheme's ranking. */
export interface RankingRow {
  inspection_id: number;
  unit_id: number;
  path: string;
  total: number;
  grade: string;
  rank: number;
}
