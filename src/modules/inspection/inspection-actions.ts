import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import type { Principal } from '../../auth/principal';
import { perRequest, type Context } from '../../common/context';
import type { Refusal } from '../../common/refusal';
import { runSql } from '../../db/sql';
import type { InspectionStatus } from './inspection.enums';
import { inspectionActionFactsSql } from './inspection.queries';
import {
  canCorrectInspection,
  canFinalizeInspection,
  canRespondToInspection,
  canScoreInspection,
  canSubmitInspection,
  type InspectionActionFacts,
} from './inspection-actions.policy';

interface FactsRow {
  id: number;
  status: InspectionStatus;
  scheme_id: number;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  issuer_path: string;
  issuer_name: string;
  manual_indicators: number;
  unscored: string[];
  corrected: boolean;
}

/** The action facts of inspections, by id (one statement). */
export async function readInspectionActionFacts(em: EntityManager, ids: readonly number[]): Promise<Map<number, InspectionActionFacts>> {
  const rows = await runSql<FactsRow>(em, inspectionActionFactsSql(ids));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        status: r.status,
        schemeId: r.scheme_id,
        unitId: r.unit_id,
        unitPath: r.unit_path,
        unitName: r.unit_name,
        issuerPath: r.issuer_path,
        issuerName: r.issuer_name,
        manualIndicators: r.manual_indicators,
        unscored: r.unscored,
        corrected: r.corrected,
      },
    ]),
  );
}

/** The action facts of one inspection, or null when there is none. */
export async function readOneInspectionActionFacts(em: EntityManager, id: number): Promise<InspectionActionFacts | null> {
  return (await readInspectionActionFacts(em, [id])).get(id) ?? null;
}

/** What the caller may do with an inspection now (Inspection.viewerCan): each the absence of the mutation's refusal. */
export interface InspectionViewerCan {
  score: boolean;
  submit: boolean;
  respond: boolean;
  finalize: boolean;
  correct: boolean;
}

const ok = (r: Refusal) => r === null;

export function inspectionViewerCan(auth: Principal, f: InspectionActionFacts): InspectionViewerCan {
  return {
    score: ok(canScoreInspection(auth, f)),
    submit: ok(canSubmitInspection(auth, f)),
    respond: ok(canRespondToInspection(auth, f)),
    finalize: ok(canFinalizeInspection(auth, f)),
    correct: ok(canCorrectInspection(auth, f)),
  };
}

export const NO_INSPECTION_ACTIONS: InspectionViewerCan = { score: false, submit: false, respond: false, finalize: false, correct: false };

/** Per-request loader of inspection action facts: a page of inspections costs one statement. */
export function inspectionActionFactsLoader(ctx: Context): DataLoader<number, InspectionActionFacts | null> {
  return perRequest(
    ctx,
    inspectionActionFactsLoader,
    () =>
      new DataLoader<number, InspectionActionFacts | null>(async (ids) => {
        const facts = await readInspectionActionFacts(ctx.em, ids);
        return ids.map((id) => facts.get(id) ?? null);
      }),
  );
}
