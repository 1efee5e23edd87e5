import { LocalDateResolver } from 'graphql-scalars';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { ContactCaseCounts, contactCaseCounts } from '../contact';
import { LiaisonCoverage } from '../liaison';
import { OrgUnit, organisationLoaders } from '../organisation';
import { OverviewService } from './overview.service';
import { Overview, OverviewChange, OverviewChild, OverviewInspectionResult, OverviewInspections, OverviewItems, OverviewStatistics } from './overview.types';

@Resolver(() => Overview)
export class OverviewResolver {
  @Query(() => Overview, {
    description:
      'The dashboard of a unit’s subtree for a year: items by status and level, overdue and maintenance-due items, ' +
      'withholding requests pending, liaison coverage and gaps, statistics submission of every child, year-on-year change. ' +
      'OFFICE_ADMIN, OFFICE_PUBLISHER and INSPECTOR over the unit (CENTRAL_ADMIN everywhere); otherwise NOT_FOUND.',
  })
  overview(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('year', () => Int) year: number,
    @Arg('asOf', () => LocalDateResolver, { nullable: true, description: 'Day to judge overdue, maintenance due and liaison coverage on; default today.' })
    asOf?: string | null,
  ) {
    return new OverviewService(ctx).overview(unitId, year, asOf);
  }

  @FieldResolver(() => OrgUnit)
  unit(@Root() o: Overview): OrgUnit {
    return o.unit;
  }

  @FieldResolver(() => OverviewItems)
  items(@Root() o: Overview): Promise<OverviewItems> {
    return o.queries.items();
  }

  @FieldResolver(() => ContactCaseCounts, { description: 'Open, overdue (on asOf) and escalated contact cases of the subtree that you may see.' })
  contactCases(@Root() o: Overview, @Ctx() ctx: Context): Promise<ContactCaseCounts> {
    return contactCaseCounts(ctx.em, ctx.auth, o.unit.path, o.asOf);
  }

  @FieldResolver(() => LiaisonCoverage, { description: 'Liaison coverage and gaps of the subtree on asOf.' })
  liaison(@Root() o: Overview): Promise<LiaisonCoverage> {
    return o.queries.liaison();
  }

  @FieldResolver(() => OverviewStatistics)
  statistics(@Root() o: Overview): Promise<OverviewStatistics> {
    return o.queries.statistics();
  }

  @FieldResolver(() => [OverviewChild], { description: 'Every active direct child, in tree order, with its subtree’s figures.' })
  async children(@Root() o: Overview, @Ctx() ctx: Context): Promise<OverviewChild[]> {
    const children = await o.queries.children();
    // The children are loaded already: later unit look-ups (e.g. liaison gaps) need not fetch them again.
    const loader = organisationLoaders(ctx).unitById;
    children.forEach((c) => loader.prime(c.unit.id, c.unit));
    return children;
  }

  @FieldResolver(() => OverviewInspections)
  async inspections(@Root() o: Overview, @Ctx() ctx: Context): Promise<OverviewInspections> {
    const inspections = await o.queries.inspections();
    // The inspected units came with the results: resolving `unit` costs no further statement.
    organisationLoaders(ctx).primeRows(inspections.results.map((r) => r.unitRow));
    return inspections;
  }

  @FieldResolver(() => [OverviewChange], { description: 'Main figures of the year against the year before.' })
  yearOnYear(@Root() o: Overview): Promise<OverviewChange[]> {
    return o.queries.yearOnYear();
  }
}

@Resolver(() => OverviewChild)
export class OverviewChildResolver {
  @FieldResolver(() => OrgUnit)
  unit(@Root() c: OverviewChild): OrgUnit {
    return c.unit;
  }
}

@Resolver(() => OverviewInspectionResult)
export class OverviewInspectionResultResolver {
  @FieldResolver(() => ID, { description: 'The finalised inspection (node(id:) applies the inspection module’s visibility).' })
  inspectionId(@Root() r: OverviewInspectionResult): string {
    return toGlobalId('Inspection', r.inspectionDbId);
  }

  @FieldResolver(() => ID, { description: 'The inspection scheme.' })
  schemeId(@Root() r: OverviewInspectionResult): string {
    return toGlobalId('InspectionScheme', r.schemeDbId);
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The inspected unit.' })
  unit(@Root() r: OverviewInspectionResult, @Ctx() ctx: Context): Promise<OrgUnit | null> {
    return organisationLoaders(ctx).unitById.load(r.unitDbId);
  }
}
