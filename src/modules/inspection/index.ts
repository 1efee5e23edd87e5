import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { Inspection, InspectionScore } from './inspection.entity';
import {
  InspectionIndicatorResolver,
  InspectionRankingEntryResolver,
  InspectionResolver,
  InspectionSchemeResolver,
  InspectionScoreResolver,
} from './inspection.resolver';
import { InspectionActionsResolver } from './inspection-actions.resolver';
import { inspectionRules } from './inspection.rules';
import { inspectionTaskProviders } from './inspection.tasks';
import { InspectionService } from './inspection.service';
import { InspectionSchemeService } from './inspection-scheme.service';
import { InspectionIndicator, InspectionScheme } from './inspection-scheme.entity';

export { InspectionService } from './inspection.service';
export { InspectionSchemeService } from './inspection-scheme.service';
export { Inspection, InspectionScore } from './inspection.entity';
export { InspectionScheme, InspectionIndicator } from './inspection-scheme.entity';
export * from './inspection.enums';
export { computeAutomaticFigures, measurementDate } from './automatic-indicators';
export { inspectionSummary } from './inspection.summary';
export type { InspectionSummary, InspectionStatusCount, InspectionResultSummary } from './inspection.summary';
export { DEFAULT_GRADE_BANDS } from './scoring';
export { DETAIL_ROLES, canSeeInspectionDetails, canSeeInspectionResults, canSeeFinalisedResult } from './inspection.policy';

/** Inspection scoring (检查评估): yearly schemes, inspections with manual and automatic scores, grades and ranking. */
export const inspectionModule: ModuleDefinition = {
  name: 'inspection',
  entities: [InspectionScheme, InspectionIndicator, Inspection, InspectionScore],
  resolvers: [
    InspectionSchemeResolver,
    InspectionIndicatorResolver,
    InspectionResolver,
    InspectionScoreResolver,
    InspectionRankingEntryResolver,
    InspectionActionsResolver,
  ],
  rules: inspectionRules,
  taskProviders: inspectionTaskProviders,
  nodes: {
    InspectionScheme: (ctx, id) => new InspectionSchemeService(ctx).findScheme(decodeIntId(id, 'InspectionScheme')),
    InspectionIndicator: (ctx, id) => new InspectionSchemeService(ctx).findIndicator(decodeIntId(id, 'InspectionIndicator')),
    Inspection: (ctx, id) => new InspectionService(ctx).findVisible(decodeIntId(id, 'Inspection')),
  },
};
