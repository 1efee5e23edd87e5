import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql } from '../../db/sql';
import { subtreePattern } from '../organisation';
import { inspectionsByStatusSql, subtreeResultsSql } from './inspection.queries';

/** Inspections of a subtree and year by status. */
export interface InspectionStatusCount {
  status: 'OPEN' | 'SUBMITTED' | 'FINALIZED';
  count: number;
}

/** A finalised result of a unit in the subtree under a scheme issued by the subtree's root or above. */
export interface InspectionResultSummary {
  inspectionId: number;
  schemeId: number;
  schemeName: string;
  unitId: number;
  unitName: string;
  unitPath: string;
  /** The inspected unit's org_unit row (to_jsonb), to prime the unit loader without another statement. */
  unitRow: Record<string, unknown>;
  /** Path of the scheme's issuing unit, for the results visibility rule (canSeeFinalisedResult). */
  issuerPath: string;
  total: number;
  grade: string;
  /** Standard competition rank (1, 1, 3) among every unit inspected under the scheme. */
  rank: number;
  /** Units ranked under the scheme. */
  rankedUnits: number;
}

/** What `overview` shows of inspections for a subtree and year. */
export interface InspectionSummary {
  byStatus: InspectionStatusCount[];
  results: InspectionResultSummary[];
}

/**
 * Inspections of the subtree rooted at `unitPath` in `year` (by the scheme's year): counts by status,
 * and the latest finalised results under schemes issued by the root or its ancestors, with their
 * rank among all units inspected under the same scheme. Two SQL statements whatever the tree size;
 * the caller applies visibility (DESIGN.md §2) with canSeeFinalisedResult (inspection.policy.ts).
 */
export async function inspectionSummary(em: EntityManager, unitPath: string, year: number): Promise<InspectionSummary> {
  const subtree = subtreePattern(unitPath);
  const byStatus = await runSql<InspectionStatusCount>(em, inspectionsByStatusSql(subtree, year));
  const rows = await runSql<{
    inspection_id: number;
    scheme_id: number;
    scheme_name: string;
    unit_id: number;
    unit_name: string;
    unit_path: string;
    unit_row: Record<string, unknown>;
    issuer_path: string;
    total: number;
    grade: string;
    rank: number;
    ranked_units: number;
  }>(em, subtreeResultsSql(unitPath, subtree, year));
  return {
    byStatus,
    results: rows.map((r) => ({
      inspectionId: r.inspection_id,
      schemeId: r.scheme_id,
      schemeName: r.scheme_name,
      unitId: r.unit_id,
      unitName: r.unit_name,
      unitPath: r.unit_path,
      unitRow: r.unit_row,
      issuerPath: r.issuer_path,
      total: r.total,
      grade: r.grade,
      rank: r.rank,
      rankedUnits: r.ranked_units,
    })),
  };
}
