import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, msg, NotFoundError, ValidationError } from '../../common/errors';
import { enforce } from '../../common/refusal';
import { decodeIntId } from '../../common/global-id';
import { assertVersion, inTransaction } from '../../common/transaction';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { AuditService } from '../audit';
import { notifyStatisticsChange } from './statistics.notifications';
import { OrgUnit } from '../organisation';
import { AnnualStatistics, StatisticsStatus, StatisticsSubmission } from './annual-statistics.entity';
import { Figures, submissionProblems } from './statistics.checks';
import {
  acceptStatisticsSchema,
  ReviewAnnualStatisticsInput,
  returnStatisticsSchema,
  SubmitAnnualStatisticsInput,
  submitStatisticsSchema,
} from './statistics.inputs';
import { isStatisticsStaff } from './statistics.policy';
import { readOneStatisticsActionFacts } from './statistics-actions';
import { canReviewStatistics, canSubmitStatistics } from './statistics-actions.policy';
import { snapshot } from './statistics.queries';
import { StatisticsTemplateService } from './statistics-template.service';
import { StatisticsTemplate } from './statistics-template.entity';

/**
 * The review workflow of a revision: a draft or returned revision is submitted, then accepted
 * (frozen) or returned. A correction of accepted figures starts with a save (AnnualStatisticsSave)
 * and goes through the same steps; accepting it supersedes the revision it corrects.
 */
export class AnnualStatisticsWorkflow {
  private readonly audit: AuditService;
  constructor(private readonly ctx: ServiceContext) {
    this.audit = new AuditService(ctx);
  }

  /** Last year's accepted figures of the unit, for CARRY_OVER rules. */
  private async previousAccepted(em: EntityManager, unitId: number, year: number): Promise<Figures | null> {
    const prev = await em.findOne(AnnualStatistics, { unit: unitId, year: year - 1, status: StatisticsStatus.ACCEPTED });
    return prev?.figures ?? null;
  }

  /**
   * Submits a draft for review after every check passes. The row lock serialises concurrent
   * submits and the (unit, key) unique constraint backs it: the same key submits at most once,
   * and repeats return the submitted row without writing anything.
   */
  async submit(raw: SubmitAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(submitStatisticsSchema, raw);
    const id = decodeIntId(input.id, 'AnnualStatistics', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const row = await em.findOne(AnnualStatistics, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const unit = row ? await em.findOneOrFail(OrgUnit, { id: row.unit.id }) : null;
      if (!row || !unit || !isStatisticsStaff(this.ctx.auth, unit.path)) throw new NotFoundError('Annual statistics');
      const refusal = canSubmitStatistics(this.ctx.auth, await readOneStatisticsActionFacts(em, row.id));
      if (refusal?.code === 'FORBIDDEN') enforce(refusal);
      const done = await em.findOne(StatisticsSubmission, { unitId: unit.id, idempotencyKey: input.idempotencyKey });
      if (done) {
        if (done.statisticsId !== row.id) throw new ConflictError(msg('statistics.save.idempotencyKeyReused'));
        return row;
      }
      enforce(refusal);
      assertVersion(row.version, input.expectedVersion, 'The statistics');
      const template = await em.findOneOrFail(StatisticsTemplate, { id: row.template.id });
      const def = await new StatisticsTemplateService({ em }).definitionFor(template, row.year);
      const problems = submissionProblems(def, row.figures, await this.previousAccepted(em, unit.id, row.year), template.code);
      if (problems.length) throw new ValidationError(problems);
      const before = snapshot(row);
      em.create(StatisticsSubmission, { statisticsId: row.id, unitId: unit.id, idempotencyKey: input.idempotencyKey, submittedById: this.ctx.auth.userId });
      row.status = StatisticsStatus.SUBMITTED;
      row.warnings = [];
      row.submittedAt = new Date();
      row.submittedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: 'statistics.submitAnnualStatistics',
        targetType: 'AnnualStatistics',
        targetId: input.id,
        scopePath: unit.path,
        before,
        after: snapshot(row),
      });
      await notifyStatisticsChange(em, row, unit, 'submitted', this.ctx.auth.userId);
      return row;
    });
  }

  /** Accepts submitted figures (OFFICE_ADMIN over the unit's parent); they are frozen from then on. */
  async accept(raw: ReviewAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(acceptStatisticsSchema, raw);
    return this.review(input.id, input.expectedVersion, input.comment ?? null, true);
  }

  /** Returns submitted figures to the unit with a comment (OFFICE_ADMIN over the unit's parent). */
  async returnForRevision(raw: ReviewAnnualStatisticsInput): Promise<AnnualStatistics> {
    const input = parseInput(returnStatisticsSchema, raw);
    return this.review(input.id, input.expectedVersion, input.comment, false);
  }

  private async review(globalId: string, expectedVersion: number | null | undefined, comment: string | null, accept: boolean): Promise<AnnualStatistics> {
    const id = decodeIntId(globalId, 'AnnualStatistics', 'input.id');
    return inTransaction(this.ctx.em, async (em) => {
      const row = await em.findOne(AnnualStatistics, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      const unit = row ? await em.findOneOrFail(OrgUnit, { id: row.unit.id }) : null;
      if (!row || !unit || !isStatisticsStaff(this.ctx.auth, unit.path)) throw new NotFoundError('Annual statistics');
      enforce(canReviewStatistics(this.ctx.auth, await readOneStatisticsActionFacts(em, row.id)));
      assertVersion(row.version, expectedVersion, 'The statistics');
      const before = snapshot(row);
      if (accept) {
        // The accepted revision a correction replaces is kept, marked SUPERSEDED; flushed first so the
        // one-accepted-per-year index never sees two.
        await em.nativeUpdate(AnnualStatistics, { unit: unit.id, year: row.year, status: StatisticsStatus.ACCEPTED }, { status: StatisticsStatus.SUPERSEDED });
        row.status = StatisticsStatus.ACCEPTED;
        row.acceptedAt = new Date();
      } else {
        row.status = StatisticsStatus.RETURNED;
      }
      row.reviewComment = comment;
      row.reviewedAt = new Date();
      row.reviewedById = this.ctx.auth.userId;
      await em.flush();
      this.audit.record(em, {
        action: accept ? 'statistics.acceptAnnualStatistics' : 'statistics.returnAnnualStatistics',
        targetType: 'AnnualStatistics',
        targetId: globalId,
        scopePath: unit.path,
        before,
        after: snapshot(row),
      });
      await notifyStatisticsChange(em, row, unit, accept ? 'accepted' : 'returned', this.ctx.auth.userId);
      return row;
    });
  }
}
