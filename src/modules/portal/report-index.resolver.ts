import { Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import type { Context } from '../../common/context';
import { ConnectionType, PageArgs, type Connection } from '../../common/relay';
import { AnnualReportType, toReportType } from '../statistics';
import { ReportIndexService } from './report-index.service';

export const { Connection: AnnualReportConnection, Edge: AnnualReportEdge } = ConnectionType(AnnualReportType, 'AnnualReport');

@ArgsType()
export class AnnualReportsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only reports of this unit and (unless includeSubunits is false) its subtree.' })
  unitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With unitId: the whole subtree (default true) or the unit alone.' })
  includeSubunits?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Only reports of this year.' })
  year?: number | null;
}

@Resolver(() => AnnualReportType)
export class ReportIndexResolver {
  @Query(() => AnnualReportConnection, {
    description:
      'The public archive of annual reports: every current publication, newest year first, then in tree order. The same list as GET /reports/index.json.',
  })
  async annualReports(@Ctx() ctx: Context, @Args(() => AnnualReportsArgs) args: AnnualReportsArgs): Promise<Connection<AnnualReportType>> {
    const page = await new ReportIndexService(ctx).list(args);
    return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: toReportType(e.node) })), nodes: page.nodes.map(toReportType) };
  }
}
