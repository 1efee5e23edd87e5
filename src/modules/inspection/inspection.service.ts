import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../../auth/roles';
import { pathScopeSql, unitScopeFilter } from '../../auth/scope';
import { ForbiddenError, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import { runSql, runSqlOne, sql } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { OrgUnit, OrgUnitKind } from '../organisation';
import { computeAutomaticFigures } from './automatic-indicators';
import { indicatorTotalsSql, latestFinalisedSql, schemeRankingSql, scoreTotalSql } from './inspection.queries';
import { Inspection, InspectionScore } from './inspection.entity';
import { AutomaticMetric, IndicatorMethod, InspectionStatus, SchemeStatus } from './inspection.enums';
import {
  ActivateInspectionSchemeInput, CreateInspectionSchemeInput, createSchemeSchema, InspectionSchemesArgs, InspectionsArgs, InspectionStepInput,
  OpenInspectionInput, openInspectionSchema, RespondToInspectionInput, respondSchema, ScoreIndicatorInput, scoreIndicatorSchema, stepSchema,
  UpdateInspectionSchemeInput, updateSchemeSchema,
} from './inspection.inputs';
import { canSeeInspectionDetails, canSeeInspectionResults, DETAIL_ROLES } from './inspection.visibility';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';
import { applyScoringRule, computeInspectionTotal, DEFAULT_GRADE_BANDS, gradeFor, roundScore } from './scoring';

export { DETAIL_ROLES } from './inspection.visibility';
/** Roles that manage a scheme of their unit and finalise inspections under it. */
export const ISSUER_ROLES: readonly Role[] = [Role.OFFICE_ADMIN, Role.INSPECTOR];

type IndicatorData = ReturnType<typeof createSchemeSchema.parse>['indicators'][number];

function schemeSnapshot(s: InspectionScheme, indicators?: IndicatorData[]) {
  return { year: s.year, name: s.name, totalScore: s.totalScore, gradeBands: s.gradeBands, status: s.status, indicators };
}

function inspectionSnapshot(i: Inspection) {
  return { status: i.status, total: i.total ?? null, grade: i.grade ?? null, response: i.response ?? null, version: i.version };
}

/** Paths of a unit's ancestors and itself, root first ('/1/4/5/' → '/1/', '/1/4/', '/1/4/5/'). */
function selfAndAncestorPaths(path: string): string[] {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, n) => `/${ids.slice(0, n + 1).join('/')}/`);
}

/** Schemes, inspections and their workflow (DESIGN.md §5). */
export class InspectionService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  // ---- visibility -------------------------------------------------------------------------

  /** May the caller read scores, comments and the response of an inspection of the unit at `unitPath`? */
  canSeeDetails(unitPath: string): boolean {
    return canSeeInspectionDetails(this.ctx.auth, unitPath);
  }

  /**
   * May the caller read finalised totals and grades under a scheme issued at `issuerPath`? Staff of
   * the issuing unit's subtree (the district for its departments, the centre for districts) and
   * of its superiors; never other districts.
   */
  canSeeResults(issuerPath: string): boolean {
    return canSeeInspectionResults(this.ctx.auth, issuerPath);
  }

  /** MikroORM filter of the inspections the caller may see: details in scope, or finalised results of related schemes. */
  private visibleInspections(): Record<string, unknown> {
    const resultScopes: Record<string, unknown>[] = [];
    const ancestorPaths = new Set<string>();
    for (const g of this.ctx.auth.grants) {
      if (g.cascade) resultScopes.push({ path: { $like: `${g.unitPath}%` } });
      for (const p of selfAndAncestorPaths(g.unitPath)) ancestorPaths.add(p);
    }
    if (ancestorPaths.size) resultScopes.push({ path: { $in: [...ancestorPaths] } });
    const or: Record<string, unknown>[] = [{ unit: unitScopeFilter(this.ctx.auth, DETAIL_ROLES) }];
    if (resultScopes.length) or.push({ status: InspectionStatus.FINALIZED, scheme: { issuerUnit: { $or: resultScopes } } });
    return { $or: or };
  }

  /** Schemes are for logged-in staff (the `inspectionSchemes` rule): anonymous callers see none, by any path. */
  private visibleSchemes(): Record<string, unknown> {
    if (!this.ctx.auth.isAuthenticated) return { id: { $in: [] } };
    return { $or: [{ status: SchemeStatus.ACTIVE }, { issuerUnit: unitScopeFilter(this.ctx.auth, ISSUER_ROLES) }] };
  }

  // ---- reads ------------------------------------------------------------------------------

  /** Schemes the caller may see: active ones, and drafts of units where it is OFFICE_ADMIN or INSPECTOR. */
  async schemes(args: InspectionSchemesArgs): Promise<Connection<InspectionScheme>> {
    const where: Record<string, unknown>[] = [this.visibleSchemes()];
    if (args.year != null) where.push({ year: args.year });
    if (args.status) where.push({ status: args.status });
    if (args.issuerUnitId) where.push({ issuerUnit: decodeIntId(args.issuerUnitId, 'OrgUnit', 'issuerUnitId') });
    return paginate<InspectionScheme>(this.ctx.em, InspectionScheme, { $and: where } as never, args, { id: 'desc' });
  }

  /** One indicator if its scheme is visible (for node(id:)). */
  async findIndicator(id: number): Promise<InspectionIndicator | null> {
    return this.ctx.em.findOne(InspectionIndicator, { id, scheme: this.visibleSchemes() });
  }

  /** One scheme if visible. */
  async findScheme(id: number): Promise<InspectionScheme | null> {
    return this.ctx.em.findOne(InspectionScheme, { $and: [{ id }, this.visibleSchemes()] });
  }

  /** Inspections the caller may see, newest first, filtered in SQL. */
  async inspections(args: InspectionsArgs): Promise<Connection<Inspection>> {
    const where: Record<string, unknown>[] = [this.visibleInspections()];
    if (args.schemeId) where.push({ scheme: decodeIntId(args.schemeId, 'InspectionScheme', 'schemeId') });
    if (args.year != null) where.push({ scheme: { year: args.year } });
    if (args.status) where.push({ status: args.status });
    if (args.unitId) {
      const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(args.unitId, 'OrgUnit', 'unitId') });
      if (!unit) throw new NotFoundError('Org unit');
      where.push({ unit: { path: { $like: `${unit.path}%` } } });
    }
    return paginate<Inspection>(this.ctx.em, Inspection, { $and: where } as never, args, { id: 'desc' });
  }

  /** One inspection if visible. */
  async findVisible(id: number): Promise<Inspection | null> {
    return this.ctx.em.findOne(Inspection, { $and: [{ id }, this.visibleInspections()] });
  }

  /**
   * Ranking among the units inspected under a scheme: the latest finalised inspection of each,
   * ordered by total, standard competition ranking (1, 1, 3) by RANK(). One statement.
   */
  async ranking(schemeGlobalId: string): Promise<RankingRow[]> {
    const scheme = await this.findScheme(decodeIntId(schemeGlobalId, 'InspectionScheme', 'schemeId'));
    if (!scheme) throw new NotFoundError('Inspection scheme');
    const issuer = await this.ctx.em.findOneOrFail(OrgUnit, { id: scheme.issuerUnit.id });
    const visible = this.canSeeResults(issuer.path) ? sql`true` : pathScopeSql(this.ctx.auth, DETAIL_ROLES, sql`r.path`);
    return runSql<RankingRow>(this.ctx.em, schemeRankingSql(scheme.id, visible));
  }

  // ---- schemes ----------------------------------------------------------------------------

  private async issuerFor(globalId: string, field: string, em: EntityManager = this.ctx.em): Promise<OrgUnit> {
    const unit = await em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', field) });
    if (!unit) throw new NotFoundError('Org unit');
    if (unit.kind === OrgUnitKind.ADMINISTRATION) {
      if (!this.ctx.auth.isCentralAdmin) throw new ForbiddenError('Only CENTRAL_ADMIN issues the national inspection scheme');
    } else if (unit.kind === OrgUnitKind.DISTRICT) {
      if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) throw new ForbiddenError(`Only an OFFICE_ADMIN of ${unit.name} issues its inspection schemes`);
    } else {
      throw ValidationError.field(field, 'must be the administration or a district: only they issue inspection schemes');
    }
    return unit;
  }

  private createIndicators(em: EntityManager, scheme: InspectionScheme, indicators: IndicatorData[]): void {
    indicators.forEach((i, n) =>
      em.create(InspectionIndicator, {
        scheme, code: i.code, name: i.name, dimension: i.dimension, maxScore: roundScore(i.maxScore), guidance: i.guidance ?? '',
        method: i.method, metric: i.metric ?? null, rule: i.rule ?? null, sortOrder: n + 1,
      }),
    );
  }

  /** Creates a draft scheme with its indicators. */
  async createScheme(raw: CreateInspectionSchemeInput): Promise<InspectionScheme> {
    const input = parseInput(createSchemeSchema, raw);
    const issuer = await this.issuerFor(input.issuerUnitId, 'input.issuerUnitId');
    return inTransaction(this.ctx.em, async (em) => {
      const scheme = em.create(InspectionScheme, {
        issuerUnit: issuer.id, year: input.year, name: input.name, totalScore: roundScore(input.totalScore ?? 100),
        gradeBands: input.gradeBands ?? DEFAULT_GRADE_BANDS, createdById: this.ctx.auth.userId,
      });
      await em.flush();
      this.createIndicators(em, scheme, input.indicators);
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.createInspectionScheme', targetType: 'InspectionScheme', targetId: toGlobalId('InspectionScheme', scheme.id),
        scopePath: issuer.path, after: schemeSnapshot(scheme, input.indicators),
      });
      return scheme;
    });
  }

  private async schemeForWrite(em: EntityManager, globalId: string, field: string): Promise<{ scheme: InspectionScheme; issuer: OrgUnit }> {
    const scheme = await em.findOne(InspectionScheme, { id: decodeIntId(globalId, 'InspectionScheme', field) });
    const issuer = scheme && (await em.findOne(OrgUnit, { id: scheme.issuerUnit.id }));
    if (!scheme || !issuer || (scheme.status === SchemeStatus.DRAFT && !this.ctx.auth.hasRoleOver(ISSUER_ROLES, issuer.path))) {
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
        action: 'inspection.updateInspectionScheme', targetType: 'InspectionScheme', targetId: input.id, scopePath: issuer.path,
        before, after: schemeSnapshot(scheme, input.indicators ?? undefined),
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
      problems.check(sum.n === 0 || total === scheme.totalScore, 'input.id',
        `the indicators' maximum scores add up to ${total}, not the scheme's total ${scheme.totalScore}`);
      problems.throwIfAny();
      scheme.status = SchemeStatus.ACTIVE;
      scheme.activatedAt = new Date();
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.activateInspectionScheme', targetType: 'InspectionScheme', targetId: input.id, scopePath: issuer.path,
        before: { status: SchemeStatus.DRAFT }, after: { status: SchemeStatus.ACTIVE, totalScore: scheme.totalScore },
      });
      return scheme;
    });
  }

  // ---- inspections ------------------------------------------------------------------------

  /** Opens an inspection of a unit under an active scheme (INSPECTOR over the unit); AUTOMATIC indicators are filled in. */
  async open(raw: OpenInspectionInput): Promise<Inspection> {
    const input = parseInput(openInspectionSchema, raw);
    const schemeId = decodeIntId(input.schemeId, 'InspectionScheme', 'input.schemeId');
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const correctsId = input.correctsId ? decodeIntId(input.correctsId, 'Inspection', 'input.correctsId') : null;
    return inTransaction(this.ctx.em, async (em) => {
      const scheme = await em.findOne(InspectionScheme, { $and: [{ id: schemeId }, this.visibleSchemes()] });
      if (!scheme) throw new NotFoundError('Inspection scheme');
      const unit = await em.findOne(OrgUnit, { id: unitId });
      if (!unit) throw new NotFoundError('Org unit');
      if (!this.ctx.auth.hasRoleOver(Role.INSPECTOR, unit.path)) throw new ForbiddenError(`Only an INSPECTOR over ${unit.name} may inspect it`);
      const issuer = await em.findOneOrFail(OrgUnit, { id: scheme.issuerUnit.id });
      const problems = new ProblemList();
      problems.check(scheme.status === SchemeStatus.ACTIVE, 'input.schemeId', 'is not active yet: activate the scheme first');
      problems.check(unit.path.startsWith(issuer.path) && unit.id !== issuer.id, 'input.unitId', `is not below ${issuer.name}, which issued the scheme`);
      problems.throwIfAny();
      this.assertIndependent(unit, correctsId ? 'correct' : 'open');
      const latest = await runSqlOne<{ id: number }>(em, latestFinalisedSql(scheme.id, unit.id));
      if (latest && correctsId !== latest.id) {
        problems.add('input.correctsId', `${unit.name} already has a finalised inspection under this scheme: a correction must name it (${toGlobalId('Inspection', latest.id)}) and give a reason`);
      } else if (!latest && correctsId) {
        problems.add('input.correctsId', 'must be the latest finalised inspection of the unit under this scheme');
      }
      if (correctsId) problems.check(!!input.correctionReason, 'input.correctionReason', 'is required when correcting a finalised inspection');
      else problems.check(!input.correctionReason, 'input.correctionReason', 'is only for corrections (with correctsId)');
      problems.throwIfAny();

      const inspection = em.create(Inspection, {
        scheme, unit: unit.id, inspectorId: this.ctx.auth.userId, correctsId, correctionReason: correctsId ? input.correctionReason : null,
      });
      await em.flush();
      const indicators = await em.find(InspectionIndicator, { scheme: scheme.id }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
      const automatic = await this.automaticScores(em, unit, scheme.year, indicators);
      for (const ind of indicators) {
        em.create(InspectionScore, { inspection, indicator: ind, ...(automatic.get(ind.id) ?? {}) });
      }
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.openInspection', targetType: 'Inspection', targetId: toGlobalId('Inspection', inspection.id), scopePath: unit.path,
        after: { ...inspectionSnapshot(inspection), scheme: toGlobalId('InspectionScheme', scheme.id), unit: toGlobalId('OrgUnit', unit.id), correctsId },
      });
      return inspection;
    });
  }

  /**
   * Nobody inspects its own unit: a caller holding any grant at the inspected unit or below it (a
   * member of that unit) may not open, correct, score or submit its inspection. The inspected unit is
   * always strictly below the scheme's issuer, so such a grant sits below the issuer too: a
   * district's INSPECTOR scores its divisions under the district's scheme, never its own district
   * under the national one.
   */
  private assertIndependent(unit: OrgUnit, action: string): void {
    const own = this.ctx.auth.grants.find((g) => g.unitPath.startsWith(unit.path));
    if (own) {
      throw new ForbiddenError(
        `You hold ${own.role} ${own.unitId === unit.id ? 'in' : 'below'} ${unit.name}: an inspector may not ${action} the inspection of its own unit (separation of duties)`,
      );
    }
  }

  /** Figures and scores of the AUTOMATIC indicators, by indicator id. */
  private async automaticScores(em: EntityManager, unit: OrgUnit, year: number, indicators: InspectionIndicator[]) {
    const auto = indicators.filter((i) => i.method === IndicatorMethod.AUTOMATIC && i.metric && i.rule);
    const out = new Map<number, Pick<InspectionScore, 'score' | 'figures' | 'scoredAt'>>();
    if (!auto.length) return out;
    const figures = await computeAutomaticFigures(this.ctx, em, unit, year, new Set(auto.map((i) => i.metric as AutomaticMetric)));
    for (const ind of auto) {
      const f = figures.get(ind.metric!)!;
      out.set(ind.id, { score: applyScoringRule(ind.rule!, f.rate, ind.maxScore), figures: f, scoredAt: new Date() });
    }
    return out;
  }

  /** Loads an inspection for a change: NOT_FOUND when unseen, refusals naming the problem when frozen. */
  private async inspectionForWrite(em: EntityManager, globalId: string, field: string, expectedVersion: number) {
    const inspection = await em.findOne(Inspection, { $and: [{ id: decodeIntId(globalId, 'Inspection', field) }, this.visibleInspections()] });
    if (!inspection) throw new NotFoundError('Inspection');
    if (inspection.status === InspectionStatus.FINALIZED) {
      throw ValidationError.field(field, 'is finalised and never changes: open a correction (a new inspection with correctsId and a reason)');
    }
    assertVersion(inspection.version, expectedVersion, 'The inspection');
    const unit = await em.findOneOrFail(OrgUnit, { id: inspection.unit.id });
    const scheme = await em.findOneOrFail(InspectionScheme, { id: inspection.scheme.id });
    const issuer = await em.findOneOrFail(OrgUnit, { id: scheme.issuerUnit.id });
    return { inspection, unit, scheme, issuer };
  }

  /** Scores one MANUAL indicator of an open inspection (INSPECTOR over the unit). */
  async score(raw: ScoreIndicatorInput): Promise<Inspection> {
    const input = parseInput(scoreIndicatorSchema, raw);
    const indicatorId = decodeIntId(input.indicatorId, 'InspectionIndicator', 'input.indicatorId');
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit } = await this.inspectionForWrite(em, input.inspectionId, 'input.inspectionId', input.expectedVersion);
      if (!this.ctx.auth.hasRoleOver(Role.INSPECTOR, unit.path)) throw new ForbiddenError(`Only an INSPECTOR over ${unit.name} may score its inspection`);
      this.assertIndependent(unit, 'score');
      if (inspection.status !== InspectionStatus.OPEN) throw ValidationError.field('input.inspectionId', 'is submitted: scores can no longer change');
      const row = await em.findOne(InspectionScore, { inspection: inspection.id, indicator: indicatorId }, { populate: ['indicator'] });
      if (!row) throw ValidationError.field('input.indicatorId', 'is not an indicator of this inspection’s scheme');
      const indicator = row.indicator.getEntity();
      if (indicator.method === IndicatorMethod.AUTOMATIC) {
        throw ValidationError.field('input.indicatorId', `${indicator.code} ${indicator.name} is AUTOMATIC: its score is computed from the data and cannot be set by hand`);
      }
      if (input.score > indicator.maxScore) throw ValidationError.field('input.score', `must be at most ${indicator.maxScore}, the maximum of ${indicator.code} ${indicator.name}`);
      const before = { score: row.score ?? null, comment: row.comment ?? null, evidence: row.evidence };
      row.score = roundScore(input.score);
      row.comment = input.comment ?? null;
      row.evidence = input.evidence ?? [];
      row.scoredById = this.ctx.auth.userId;
      row.scoredAt = new Date();
      // Touching the inspection bumps its version, so concurrent scorers notice each other.
      inspection.updatedAt = new Date();
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.scoreIndicator', targetType: 'Inspection', targetId: input.inspectionId, scopePath: unit.path,
        before: { indicator: indicator.code, ...before }, after: { indicator: indicator.code, score: row.score, comment: row.comment, evidence: row.evidence },
      });
      return inspection;
    });
  }

  /** Submits an open inspection once every MANUAL indicator is scored; AUTOMATIC ones are recomputed. */
  async submit(raw: InspectionStepInput): Promise<Inspection> {
    const input = parseInput(stepSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit, scheme } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion);
      if (!this.ctx.auth.hasRoleOver(Role.INSPECTOR, unit.path)) throw new ForbiddenError(`Only an INSPECTOR over ${unit.name} may submit its inspection`);
      this.assertIndependent(unit, 'submit');
      if (inspection.status !== InspectionStatus.OPEN) throw ValidationError.field('input.id', 'is already submitted');
      const before = inspectionSnapshot(inspection);
      const rows = await em.find(InspectionScore, { inspection: inspection.id }, { populate: ['indicator'] });
      const problems = new ProblemList();
      for (const r of rows) {
        const ind = r.indicator.getEntity();
        problems.check(ind.method === IndicatorMethod.AUTOMATIC || r.score != null, `scores.${ind.code}`, `${ind.name} is not scored yet`);
      }
      problems.throwIfAny();
      const automatic = await this.automaticScores(em, unit, scheme.year, rows.map((r) => r.indicator.getEntity()));
      for (const r of rows) Object.assign(r, automatic.get(r.indicator.id) ?? {});
      inspection.total = computeInspectionTotal(rows.map((r) => r.score));
      inspection.grade = gradeFor(inspection.total, scheme.gradeBands);
      inspection.status = InspectionStatus.SUBMITTED;
      inspection.submittedAt = new Date();
      await em.flush();
      this.audit.record(em, { action: 'inspection.submitInspection', targetType: 'Inspection', targetId: input.id, scopePath: unit.path, before, after: inspectionSnapshot(inspection) });
      return inspection;
    });
  }

  /** The inspected unit's response (OFFICE_ADMIN over the unit), before finalisation. */
  async respond(raw: RespondToInspectionInput): Promise<Inspection> {
    const input = parseInput(respondSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion);
      if (!this.ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) throw new ForbiddenError(`Only an OFFICE_ADMIN of ${unit.name} may respond to its inspection`);
      const before = inspectionSnapshot(inspection);
      inspection.response = input.response;
      inspection.respondedAt = new Date();
      inspection.respondedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, { action: 'inspection.respondToInspection', targetType: 'Inspection', targetId: input.id, scopePath: unit.path, before, after: inspectionSnapshot(inspection) });
      return inspection;
    });
  }

  /** Finalises a submitted inspection (OFFICE_ADMIN or INSPECTOR of the scheme's issuing unit); frozen from then on. */
  async finalize(raw: InspectionStepInput): Promise<Inspection> {
    const input = parseInput(stepSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit, scheme, issuer } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion);
      if (!this.ctx.auth.hasRoleOver(ISSUER_ROLES, issuer.path)) {
        throw new ForbiddenError(`Only an OFFICE_ADMIN or INSPECTOR of ${issuer.name}, which issued the scheme, may finalise`);
      }
      if (inspection.status !== InspectionStatus.SUBMITTED) throw ValidationError.field('input.id', 'must be submitted before it is finalised');
      const before = inspectionSnapshot(inspection);
      const sum = (await runSqlOne<{ total: number | null }>(em, scoreTotalSql(inspection.id)))!;
      inspection.total = roundScore(sum.total ?? 0);
      inspection.grade = gradeFor(inspection.total, scheme.gradeBands);
      inspection.status = InspectionStatus.FINALIZED;
      inspection.finalizedAt = new Date();
      inspection.finalizedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, { action: 'inspection.finalizeInspection', targetType: 'Inspection', targetId: input.id, scopePath: unit.path, before, after: inspectionSnapshot(inspection) });
      return inspection;
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
