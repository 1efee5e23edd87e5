import type { ServiceContext } from '../../common/context';
import { ProblemList } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { checkPageArgs, type Connection, decodeOffsetCursor, encodeOffsetCursor, toConnection } from '../../common/relay';
import { runSql } from '../../db/sql';
import { OrgUnit } from '../organisation';
import { AnnualReport, AnnualReportPublication, type ReportView, ReportStatus } from '../statistics';
import { portalMessages as m } from './portal.messages';
import { publishedReportsSql, type ReportIndexFilter } from './portal.queries';

/** One row of the index: a current publication. */
export interface PublishedReportRow {
  id: number;
  report_id: number;
  unit_id: number;
  unit_code: string;
  unit_name: string;
  year: number;
  revision: number;
  published_at: Date;
  total_count: string;
}

/** Arguments of the report list, as GraphQL and the JSON index take them. */
export interface ReportIndexArgs {
  unitId?: string | null;
  includeSubunits?: boolean | null;
  year?: number | null;
  first?: number | null;
  after?: string | null;
}

/** Where a published report's pages are, relative to the server. */
export function reportUrls(unitCode: string, year: number): { html: string; markdown: string } {
  const base = `/reports/${encodeURIComponent(unitCode)}/${year}`;
  return { html: `${base}.html`, markdown: `${base}.md` };
}

/** The public archive of annual reports: current publications only, the same for every caller. */
export class ReportIndexService {
  constructor(private readonly ctx: ServiceContext) {}

  /** Checks the filters (every bad one named) and decodes them. */
  private filter(args: ReportIndexArgs): ReportIndexFilter {
    const problems = new ProblemList();
    if (args.year != null && (args.year < 2000 || args.year > 2100)) problems.add('year', m.yearRange);
    problems.throwIfAny();
    return { unitId: args.unitId ? decodeIntId(args.unitId, 'OrgUnit', 'unitId') : null, includeSubunits: args.includeSubunits, year: args.year };
  }

  /** Index rows (no bodies), for the JSON index. */
  async rows(filter: ReportIndexFilter, limit: number, offset = 0): Promise<PublishedReportRow[]> {
    return runSql<PublishedReportRow>(this.ctx.em, publishedReportsSql(filter, limit, offset));
  }

  /** A page of published reports, each as the public reads it (the frozen publication). */
  async list(args: ReportIndexArgs): Promise<Connection<ReportView>> {
    const { first } = checkPageArgs({ first: args.first }, 0);
    const offset = decodeOffsetCursor(args.after);
    const filter = this.filter(args);
    const rows = await this.rows(filter, first + 1, offset);
    const page = rows.slice(0, first);
    const em = this.ctx.em;
    const [publications, reports, units] = await Promise.all([
      em.find(AnnualReportPublication, { id: { $in: page.map((r) => r.id) } }),
      em.find(AnnualReport, { id: { $in: page.map((r) => r.report_id) } }),
      em.find(OrgUnit, { id: { $in: page.map((r) => r.unit_id) } }),
    ]);
    const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    const [pubs, reps, us] = [byId(publications), byId(reports), byId(units)];
    const views: ReportView[] = page.map((r) => {
      const publication = pubs.get(r.id)!;
      return {
        report: reps.get(r.report_id)!,
        unit: us.get(r.unit_id)!,
        publication,
        working: false,
        status: ReportStatus.PUBLISHED,
        sections: publication.sections,
        statisticsId: publication.statisticsId ?? null,
        markdown: publication.markdown,
        html: publication.html,
      };
    });
    const total = rows.length ? Number(rows[0].total_count) : 0;
    return toConnection(views, total, rows.length > first, offset > 0, (_v, i) => encodeOffsetCursor(offset + i + 1));
  }
}
