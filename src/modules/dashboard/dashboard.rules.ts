import { hasAnyRole, allow } from '../../auth/rules';
import { DASHBOARD_ROLES } from './dashboard.policy';

/**
 * graphql-shield rules of the dashboard. The root field is gated coarsely on the dashboard roles;
 * OverviewService checks them over the requested unit (NOT_FOUND outside). The section types are
 * aggregates reachable only through `overview`.
 */
export const dashboardRules = {
  Query: {
    overview: hasAnyRole(...DASHBOARD_ROLES),
  },
  Overview: allow,
  OverviewItems: allow,
  OverviewStatusCount: allow,
  OverviewLevelCount: allow,
  OverviewStatusLevelCount: allow,
  OverviewStatistics: allow,
  OverviewStatisticsStateCount: allow,
  OverviewChild: allow,
  OverviewChange: allow,
  // Results the caller may not read are left out by OverviewQueries.inspections (inspection module's rule).
  OverviewInspections: allow,
  OverviewInspectionStatusCount: allow,
  OverviewInspectionResult: allow,
};
