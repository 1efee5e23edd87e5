import type { EntityManager } from '@mikro-orm/postgresql';

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
 * the caller applies visibility (DESIGN.md §2) with canSeeFinalisedResult (inspection.visibility.ts).
 */
export async function inspectionSummary(em: EntityManager, unitPath: string, year: number): Promise<InspectionSummary> {
  const conn = em.getConnection();
  const subtree = `${unitPath}%`;
  const byStatus = await conn.execute<InspectionStatusCount[]>(
    `select i.status, count(*)::int as count
       from inspection i join org_unit u on u.id = i.unit_id join inspection_scheme s on s.id = i.scheme_id
      where u.path like ? and s.year = ?
      group by i.status order by i.status`,
    [subtree, year],
  );
  const rows = await conn.execute<{
    inspection_id: number; scheme_id: number; scheme_name: string; unit_id: number; unit_name: string; unit_path: string;
    unit_row: Record<string, unknown>; issuer_path: string; total: number; grade: string; rank: number; ranked_units: number;
  }[]>(
    `select r.* from (
       select i.id as inspection_id, s.id as scheme_id, s.name as scheme_name, u.id as unit_id, u.name as unit_name, u.path as unit_path,
              to_jsonb(u) as unit_row, iu.path as issuer_path, i.total, i.grade,
              rank() over (partition by i.scheme_id order by i.total desc)::int as rank,
              count(*) over (partition by i.scheme_id)::int as ranked_units
         from inspection i
         join inspection_scheme s on s.id = i.scheme_id
         join org_unit iu on iu.id = s.issuer_unit_id
         join org_unit u on u.id = i.unit_id
        where s.year = ? and i.status = 'FINALIZED' and ? like iu.path || '%'
          and not exists (select 1 from inspection c where c.corrects_id = i.id and c.status = 'FINALIZED')) r
      where r.unit_path like ?
      order by r.scheme_id, r.rank, r.unit_path`,
    [year, unitPath, subtree],
  );
  return {
    byStatus,
    results: rows.map((r) => ({
      inspectionId: r.inspection_id, schemeId: r.scheme_id, schemeName: r.scheme_name, unitId: r.unit_id, unitName: r.unit_name,
      unitPath: r.unit_path, unitRow: r.unit_row, issuerPath: r.issuer_path, total: r.total, grade: r.grade, rank: r.rank, rankedUnits: r.ranked_units,
    })),
  };
}
