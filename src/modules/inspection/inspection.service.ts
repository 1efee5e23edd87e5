import type { EntityManager } from '@mikro-orm/postgresql';
import { msg, NotFoundError, ProblemList, ValidationError } from '../../common/errors';
import { enforce, type Refusal } from '../../common/refusal';
import type { Principal } from '../../auth/principal';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import { Connection, paginate } from '../../common/relay';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import { runSqlOne } from '../../db/sql';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { notifyInspectionChange } from './inspection.notifications';
import { isInSubtree, OrgUnit, subtreePattern } from '../organisation';
import { computeAutomaticFigures } from './automatic-indicators';
import { Inspection, InspectionScore } from './inspection.entity';
import { AutomaticMetric, IndicatorMethod, InspectionStatus, SchemeStatus } from './inspection.enums';
import {
  InspectionsArgs,
  InspectionStepInput,
  OpenInspectionInput,
  openInspectionSchema,
  RespondToInspectionInput,
  respondSchema,
  ScoreIndicatorInput,
  scoreIndicatorSchema,
  stepSchema,
} from './inspection.inputs';
import { visibleInspectionsFilter, visibleSchemesFilter } from './inspection.policy';
import { readOneInspectionActionFacts } from './inspection-actions';
import {
  canCorrectInspection,
  canFinalizeInspection,
  canRespondToInspection,
  canScoreInspection,
  canSubmitInspection,
  independenceRefusal,
  inspectorRefusal,
  type InspectionActionFacts,
} from './inspection-actions.policy';
import { latestFinalisedSql, scoreTotalSql } from './inspection.queries';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';
import { applyScoringRule, computeInspectionTotal, gradeFor, roundScore } from './scoring';

function inspectionSnapshot(i: Inspection) {
  return { status: i.status, total: i.total ?? null, grade: i.grade ?? null, response: i.response ?? null, version: i.version };
}

/** Inspections of units under an active scheme and their workflow (DESIGN.md §5): open, score, submit, respond, finalise. */
export class InspectionService {
  private readonly audit: AuditService;

  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  // ---- reads ------------------------------------------------------------------------------

  /** Inspections the caller may see, newest first, filtered in SQL. */
  async inspections(args: InspectionsArgs): Promise<Connection<Inspection>> {
    const where: Record<string, unknown>[] = [visibleInspectionsFilter(this.ctx.auth)];
    if (args.schemeId) where.push({ scheme: decodeIntId(args.schemeId, 'InspectionScheme', 'schemeId') });
    if (args.year != null) where.push({ scheme: { year: args.year } });
    if (args.status) where.push({ status: args.status });
    if (args.unitId) {
      const unit = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(args.unitId, 'OrgUnit', 'unitId') });
      if (!unit) throw new NotFoundError('Org unit');
      where.push({ unit: { path: { $like: subtreePattern(unit.path) } } });
    }
    return paginate<Inspection>(this.ctx.em, Inspection, { $and: where } as never, args, { id: 'desc' });
  }

  /** One inspection if visible. */
  async findVisible(id: number): Promise<Inspection | null> {
    return this.ctx.em.findOne(Inspection, { $and: [{ id }, visibleInspectionsFilter(this.ctx.auth)] });
  }

  // ---- workflow ---------------------------------------------------------------------------

  /** Opens an inspection of a unit under an active scheme (INSPECTOR over the unit); AUTOMATIC indicators are filled in. */
  async open(raw: OpenInspectionInput): Promise<Inspection> {
    const input = parseInput(openInspectionSchema, raw);
    const schemeId = decodeIntId(input.schemeId, 'InspectionScheme', 'input.schemeId');
    const unitId = decodeIntId(input.unitId, 'OrgUnit', 'input.unitId');
    const correctsId = input.correctsId ? decodeIntId(input.correctsId, 'Inspection', 'input.correctsId') : null;
    return inTransaction(this.ctx.em, async (em) => {
      const scheme = await em.findOne(InspectionScheme, { $and: [{ id: schemeId }, visibleSchemesFilter(this.ctx.auth)] });
      if (!scheme) throw new NotFoundError('Inspection scheme');
      const unit = await em.findOne(OrgUnit, { id: unitId });
      if (!unit) throw new NotFoundError('Org unit');
      const unitRef = { unitPath: unit.path, unitName: unit.name };
      enforce(inspectorRefusal(this.ctx.auth, unitRef));
      const issuer = await em.findOneOrFail(OrgUnit, { id: scheme.issuerUnit.id });
      const problems = new ProblemList();
      problems.check(scheme.status === SchemeStatus.ACTIVE, 'input.schemeId', msg('inspection.open.schemeNotActive'));
      problems.check(
        isInSubtree(unit.path, issuer.path) && unit.id !== issuer.id,
        'input.unitId',
        msg('inspection.open.unitNotBelowIssuer', { issuer: issuer.name }),
      );
      problems.throwIfAny();
      enforce(independenceRefusal(this.ctx.auth, unitRef));
      if (correctsId) {
        // A correction: the inspection it names must be of this unit under this scheme, and correctable (the rule Inspection.viewerCan.correct shows).
        const corrected = await readOneInspectionActionFacts(em, correctsId);
        if (!corrected || corrected.schemeId !== scheme.id || corrected.unitId !== unit.id) {
          problems.add('input.correctsId', msg('inspection.open.correctsIdInvalid'));
        } else {
          enforce(canCorrectInspection(this.ctx.auth, corrected));
        }
      } else {
        const latest = await runSqlOne<{ id: number }>(em, latestFinalisedSql(scheme.id, unit.id));
        if (latest) {
          problems.add('input.correctsId', msg('inspection.open.alreadyFinalised', { unit: unit.name, id: toGlobalId('Inspection', latest.id) }));
        }
      }
      if (correctsId) problems.check(!!input.correctionReason, 'input.correctionReason', msg('inspection.open.correctionReasonRequired'));
      else problems.check(!input.correctionReason, 'input.correctionReason', msg('inspection.open.correctionReasonOnlyForCorrections'));
      problems.throwIfAny();

      const inspection = em.create(Inspection, {
        scheme,
        unit: unit.id,
        inspectorId: this.ctx.auth.userId,
        correctsId,
        correctionReason: correctsId ? input.correctionReason : null,
      });
      await em.flush();
      const indicators = await em.find(InspectionIndicator, { scheme: scheme.id }, { orderBy: { sortOrder: 'asc', id: 'asc' } });
      const automatic = await this.automaticScores(em, unit, scheme.year, indicators);
      for (const ind of indicators) {
        em.create(InspectionScore, { inspection, indicator: ind, ...(automatic.get(ind.id) ?? {}) });
      }
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.openInspection',
        targetType: 'Inspection',
        targetId: toGlobalId('Inspection', inspection.id),
        scopePath: unit.path,
        after: { ...inspectionSnapshot(inspection), scheme: toGlobalId('InspectionScheme', scheme.id), unit: toGlobalId('OrgUnit', unit.id), correctsId },
      });
      await notifyInspectionChange(em, inspection, unit, scheme, issuer, 'opened', this.ctx.auth.userId);
      return inspection;
    });
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

  /**
   * Loads an inspection for a change: NOT_FOUND when unseen; then the action's rule
   * (inspection-actions.policy.ts, what Inspection.viewerCan shows) on the inspection's facts, and
   * the version.
   */
  private async inspectionForWrite(
    em: EntityManager,
    globalId: string,
    field: string,
    expectedVersion: number,
    rule: (auth: Principal, f: InspectionActionFacts) => Refusal,
  ) {
    const inspection = await em.findOne(Inspection, { $and: [{ id: decodeIntId(globalId, 'Inspection', field) }, visibleInspectionsFilter(this.ctx.auth)] });
    if (!inspection) throw new NotFoundError('Inspection');
    const facts = (await readOneInspectionActionFacts(em, inspection.id))!;
    // A finalised inspection is refused as such before its version is compared.
    if (facts.status === InspectionStatus.FINALIZED) enforce(rule(this.ctx.auth, facts));
    assertVersion(inspection.version, expectedVersion, 'The inspection');
    enforce(rule(this.ctx.auth, facts));
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
      const { inspection, unit } = await this.inspectionForWrite(em, input.inspectionId, 'input.inspectionId', input.expectedVersion, canScoreInspection);
      const row = await em.findOne(InspectionScore, { inspection: inspection.id, indicator: indicatorId }, { populate: ['indicator'] });
      if (!row) throw ValidationError.field('input.indicatorId', msg('inspection.score.indicatorNotOfScheme'));
      const indicator = row.indicator.getEntity();
      if (indicator.method === IndicatorMethod.AUTOMATIC) {
        throw ValidationError.field('input.indicatorId', msg('inspection.score.automaticIndicator', { code: indicator.code, name: indicator.name }));
      }
      if (input.score > indicator.maxScore)
        throw ValidationError.field('input.score', msg('inspection.score.tooHigh', { max: indicator.maxScore, code: indicator.code, name: indicator.name }));
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
        action: 'inspection.scoreIndicator',
        targetType: 'Inspection',
        targetId: input.inspectionId,
        scopePath: unit.path,
        before: { indicator: indicator.code, ...before },
        after: { indicator: indicator.code, score: row.score, comment: row.comment, evidence: row.evidence },
      });
      return inspection;
    });
  }

  /** Submits an open inspection once every MANUAL indicator is scored; AUTOMATIC ones are recomputed. */
  async submit(raw: InspectionStepInput): Promise<Inspection> {
    const input = parseInput(stepSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit, scheme, issuer } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion, canSubmitInspection);
      const before = inspectionSnapshot(inspection);
      const rows = await em.find(InspectionScore, { inspection: inspection.id }, { populate: ['indicator'] });
      const automatic = await this.automaticScores(
        em,
        unit,
        scheme.year,
        rows.map((r) => r.indicator.getEntity()),
      );
      for (const r of rows) Object.assign(r, automatic.get(r.indicator.id) ?? {});
      inspection.total = computeInspectionTotal(rows.map((r) => r.score));
      inspection.grade = gradeFor(inspection.total, scheme.gradeBands);
      inspection.status = InspectionStatus.SUBMITTED;
      inspection.submittedAt = new Date();
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.submitInspection',
        targetType: 'Inspection',
        targetId: input.id,
        scopePath: unit.path,
        before,
        after: inspectionSnapshot(inspection),
      });
      await notifyInspectionChange(em, inspection, unit, scheme, issuer, 'submitted', this.ctx.auth.userId);
      return inspection;
    });
  }

  /** The inspected unit's response (OFFICE_ADMIN over the unit), before finalisation. */
  async respond(raw: RespondToInspectionInput): Promise<Inspection> {
    const input = parseInput(respondSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion, canRespondToInspection);
      const before = inspectionSnapshot(inspection);
      inspection.response = input.response;
      inspection.respondedAt = new Date();
      inspection.respondedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.respondToInspection',
        targetType: 'Inspection',
        targetId: input.id,
        scopePath: unit.path,
        before,
        after: inspectionSnapshot(inspection),
      });
      return inspection;
    });
  }

  /** Finalises a submitted inspection (OFFICE_ADMIN or INSPECTOR of the scheme's issuing unit); frozen from then on. */
  async finalize(raw: InspectionStepInput): Promise<Inspection> {
    const input = parseInput(stepSchema, raw);
    return inTransaction(this.ctx.em, async (em) => {
      const { inspection, unit, scheme, issuer } = await this.inspectionForWrite(em, input.id, 'input.id', input.expectedVersion, canFinalizeInspection);
      const before = inspectionSnapshot(inspection);
      const sum = (await runSqlOne<{ total: number | null }>(em, scoreTotalSql(inspection.id)))!;
      inspection.total = roundScore(sum.total ?? 0);
      inspection.grade = gradeFor(inspection.total, scheme.gradeBands);
      inspection.status = InspectionStatus.FINALIZED;
      inspection.finalizedAt = new Date();
      inspection.finalizedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: 'inspection.finalizeInspection',
        targetType: 'Inspection',
        targetId: input.id,
        scopePath: unit.path,
        before,
        after: inspectionSnapshot(inspection),
      });
      await notifyInspectionChange(em, inspection, unit, scheme, issuer, 'finalized', this.ctx.auth.userId);
      return inspection;
    });
  }
}
