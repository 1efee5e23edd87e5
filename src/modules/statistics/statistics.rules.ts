import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import { Role } from '../../auth/roles';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import type { AnnualStatistics } from './annual-statistics.entity';
import {
  isStatisticsStaff,
  REPORT_PUBLISHER_ROLES,
  REPORT_REVIEWER_ROLE,
  REPORT_WRITER_ROLES,
  REPORTING_ROLES,
  STATISTICS_REVIEWER_ROLE,
} from './statistics.policy';
import type { AnnualReportType } from './statistics.types';

/** Staff of the statistics' unit or of its superiors. */
async function isStaffOfUnit(s: AnnualStatistics, ctx: Context): Promise<boolean> {
  const unit = await organisationLoaders(ctx).unitById.load(s.unit.id);
  return !!unit && isStatisticsStaff(ctx.auth, unit.path);
}

const staffOnly = (field: string) =>
  redactUnless<AnnualStatistics>(`AnnualStatistics.${field}`, 'Visible only to staff of the unit and of its superiors', isStaffOfUnit);

/** Staff of the report's unit or of its superiors: review comments and superseded publications are theirs. */
const reportStaffOnly = (field: string) =>
  redactUnless<AnnualReportType>(`AnnualReport.${field}`, 'Visible only to staff of the unit and of its superiors', async (r, ctx) => {
    if (!ctx.auth.isAuthenticated) return false;
    const unit = await organisationLoaders(ctx).unitById.load(r.unitId);
    return !!unit && isStatisticsStaff(ctx.auth, unit.path);
  });

/** graphql-shield rules of the statistics module; rows are scoped by the services. */
export const statisticsRules = {
  Query: {
    statisticsTemplates: allow,
    annualStatistics: allow,
    statisticsRollup: isAuthenticated,
    annualReport: allow,
  },
  Mutation: {
    // Coarse gates on the policy's roles; the services check them over the unit.
    saveAnnualStatistics: hasAnyRole(...REPORTING_ROLES),
    submitAnnualStatistics: hasAnyRole(...REPORTING_ROLES),
    acceptAnnualStatistics: hasAnyRole(STATISTICS_REVIEWER_ROLE),
    returnAnnualStatistics: hasAnyRole(STATISTICS_REVIEWER_ROLE),
    saveAnnualReportSections: hasAnyRole(...REPORT_WRITER_ROLES),
    submitAnnualReport: hasAnyRole(...REPORT_WRITER_ROLES),
    reviewAnnualReport: hasAnyRole(...Object.values(REPORT_REVIEWER_ROLE)),
    publishAnnualReport: hasAnyRole(...REPORT_PUBLISHER_ROLES),
    // Templates are the centre's (DESIGN §2).
    createStatisticsTemplate: hasAnyRole(Role.CENTRAL_ADMIN),
    updateStatisticsTemplate: hasAnyRole(Role.CENTRAL_ADMIN),
    activateStatisticsTemplate: hasAnyRole(Role.CENTRAL_ADMIN),
  },
  // Templates are public reference data.
  StatisticsTemplate: allow,
  StatisticsCellDefinition: allow,
  StatisticsColumnDefinition: allow,
  StatisticsRowDefinition: allow,
  StatisticsTableDefinition: allow,
  StatisticsRuleDefinition: allow,
  ReportSectionDefinition: allow,
  // Rows reach callers only through services that apply the visibility rules.
  AnnualStatistics: {
    '*': allow,
    reviewComment: staffOnly('reviewComment'),
    warnings: staffOnly('warnings'),
    correctionReason: staffOnly('correctionReason'),
  },
  StatisticsCellValue: allow,
  StatisticsProblem: allow,
  StatisticsRollup: allow,
  RollupCell: allow,
  RollupChild: allow,
  RollupChildTotal: allow,
  AnnualReport: {
    '*': allow,
    reviews: reportStaffOnly('reviews'),
    revisions: reportStaffOnly('revisions'),
  },
  // Reached only through AnnualReport fields that apply the rules above.
  AnnualReportReview: allow,
  AnnualReportPublication: allow,
  ReportSections: allow,
  // Verdicts of the caller's own allowed actions (all false for non-staff).
  AnnualStatisticsViewerCan: allow,
  AnnualReportViewerCan: allow,
};
