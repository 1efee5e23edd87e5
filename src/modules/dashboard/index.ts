import type { ModuleDefinition } from '../module';
import { dashboardRules } from './dashboard.rules';
import { OverviewCalendarResolver } from './overview-calendar.resolver';
import { OverviewChildResolver, OverviewInspectionResultResolver, OverviewResolver } from './overview.resolver';

export { OverviewService } from './overview.service';
export { DASHBOARD_ROLES, maySeeDashboard } from './dashboard.policy';
export { Overview, OverviewFigure } from './overview.types';

/** The dashboard (DESIGN.md §7): `overview(unitId, year)`, aggregates over a subtree in a constant number of SQL statements. */
export const dashboardModule: ModuleDefinition = {
  name: 'dashboard',
  entities: [],
  resolvers: [OverviewResolver, OverviewChildResolver, OverviewInspectionResultResolver, OverviewCalendarResolver],
  rules: dashboardRules,
  nodes: {},
  // Dashboard aggregates may lag the primary by the replicas' bound (a caller's own writes excepted).
  replicaReads: ['overview'],
};
