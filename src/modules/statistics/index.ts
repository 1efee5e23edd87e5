import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { AnnualReport } from './annual-report.entity';
import { AnnualReportPublication } from './annual-report-publication.entity';
import { AnnualReportReview } from './annual-report-review.entity';
import { AnnualStatistics, StatisticsSubmission } from './annual-statistics.entity';
import {
  AnnualReportPublicationResolver,
  AnnualReportResolver,
  AnnualStatisticsResolver,
  RollupChildResolver,
  StatisticsRollupResolver,
  StatisticsTemplateResolver,
} from './statistics.resolver';
import { AnnualReportActionsResolver, AnnualStatisticsActionsResolver } from './statistics-actions.resolver';
import { reportRoutes } from './statistics.routes';
import { statisticsRules } from './statistics.rules';
import { StatisticsService } from './statistics.service';
import { statisticsNotSubmitted } from './statistics.tasks';
import { reportPublicationPending, statisticsAcceptancePending } from './statistics-role-tasks';
import { StatisticsTemplate } from './statistics-template.entity';

export { StatisticsService, REPORTING_KINDS, type AcceptedYear, type UnitStatisticsState } from './statistics.service';
export { StatisticsTemplateService } from './statistics-template.service';
export { AnnualStatisticsSave } from './annual-statistics.save';
export { AnnualStatisticsWorkflow } from './annual-statistics.workflow';
export { RollupService } from './rollup.service';
export { ReportService, renderReport, type ReportView } from './report.service';
export { AnnualReportPublication } from './annual-report-publication.entity';
export { AnnualReportReview } from './annual-report-review.entity';
export { REPORT_STYLE_CSP_SOURCE } from './report.render';
export { AnnualStatistics, StatisticsScope, StatisticsStatus } from './annual-statistics.entity';
export { AnnualReport, ReportStatus } from './annual-report.entity';
export { StatisticsTemplate } from './statistics-template.entity';

/** The statistics module: templates as data, yearly statistics and their workflow, roll-ups, annual reports. */
export const statisticsModule: ModuleDefinition = {
  name: 'statistics',
  entities: [StatisticsTemplate, AnnualStatistics, StatisticsSubmission, AnnualReport, AnnualReportReview, AnnualReportPublication],
  resolvers: [
    StatisticsTemplateResolver,
    AnnualStatisticsResolver,
    StatisticsRollupResolver,
    RollupChildResolver,
    AnnualReportResolver,
    AnnualReportPublicationResolver,
    AnnualStatisticsActionsResolver,
    AnnualReportActionsResolver,
  ],
  rules: statisticsRules,
  nodes: {
    StatisticsTemplate: (ctx, id) => ctx.em.findOne(StatisticsTemplate, { id: decodeIntId(id, 'StatisticsTemplate') }),
    AnnualStatistics: (ctx, id) => new StatisticsService(ctx).findVisible(decodeIntId(id, 'AnnualStatistics')),
  },
  // A dashboard aggregate: a replica may serve it (src/graphql/replica-routing.ts).
  replicaReads: ['statisticsRollup'],
  taskProviders: [statisticsNotSubmitted, statisticsAcceptancePending, reportPublicationPending],
  routes: reportRoutes,
};
export { StatisticsState } from './statistics.types';
export { rebuildStatisticsAggregates } from './statistics-aggregates';
export { AnnualReportType } from './statistics.types';
export { toReportType } from './statistics.resolver';
export { isStatisticsStaff, mayWriteReport } from './statistics.policy';
