import { OrgUnitLiaisonActionsResolver } from './liaison-actions.resolver';
import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { LiaisonAppointment } from './liaison-appointment.entity';
import { LiaisonAppointmentService } from './liaison-appointment.service';
import { LiaisonAppointmentResolver, LiaisonCoverageResolver, LiaisonTaskResolver } from './liaison.resolver';
import { liaisonRules } from './liaison.rules';

export { LiaisonAppointment, LiaisonKind, OutsideOrganisationKind } from './liaison-appointment.entity';
export { LiaisonAppointmentService } from './liaison-appointment.service';
export { LiaisonCoverageService, COVERED_KINDS, rebuildLiaisonAggregates } from './liaison-coverage.service';
export { subtreePattern } from '../organisation';
export { LiaisonTaskService } from './liaison-task.service';
export { todayInChina, addDays } from '../../common/dates';

/** The liaison module: liaison officers (联络员), invited liaisons, volunteer supervisors, coverage and tasks. */
export const liaisonModule: ModuleDefinition = {
  name: 'liaison',
  entities: [LiaisonAppointment],
  resolvers: [LiaisonAppointmentResolver, LiaisonCoverageResolver, LiaisonTaskResolver, OrgUnitLiaisonActionsResolver],
  rules: liaisonRules,
  // A dashboard aggregate: a replica may serve it (src/graphql/replica-routing.ts).
  replicaReads: ['liaisonCoverage'],
  nodes: {
    LiaisonAppointment: (ctx, id) => new LiaisonAppointmentService(ctx).findVisible(decodeIntId(id, 'LiaisonAppointment')),
  },
};
export { LiaisonCoverage, LiaisonTask } from './liaison.types';
