import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../graphql/context';
import { organisationLoaders } from '../organisation';
import type { AnnualStatistics } from './annual-statistics.entity';

/** Staff of the statistics' unit or of its superiors. */
async function isStaffOfUnit(s: AnnualStatistics, ctx: Context): Promise<boolean> {
  const unit = await organisationLoaders(ctx).unitById.load(s.unit.id);
  return !!unit && ctx.auth.isStaffOf(unit.path);
}

const staffOnly = (field: string) =>
  redactUnless<AnnualStatistics>(`AnnualStatistics.${field}`, 'Visible only to staff of the unit and of its superiors', isStaffOfUnit);

/** graphql-shield rules of the statistics module; rows are scoped by the services. */
export const statisticsRules = {
  Query: {
    statisticsTemplates: allow,
    annualStatistics: allow,
    statisticsRollup: isAuthenticated,
    annualReport: allow,
  },
  Mutation: {
    saveAnnualStatistics: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    submitAnnualStatistics: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    acceptAnnualStatistics: hasAnyRole(Role.OFFICE_ADMIN),
    returnAnnualStatistics: hasAnyRole(Role.OFFICE_ADMIN),
    saveAnnualReportSections: hasAnyRole(Role.LIAISON, Role.OFFICE_PUBLISHER, Role.OFFICE_ADMIN),
    publishAnnualReport: hasAnyRole(Role.OFFICE_PUBLISHER, Role.OFFICE_ADMIN),
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
  AnnualReport: allow,
  ReportSections: allow,
};
