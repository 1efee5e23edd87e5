import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import type { Inspection } from './inspection.entity';
import { canSeeInspectionDetails } from './inspection.policy';

/** The inspector, the inspected unit's admins and its superiors. */
async function canSeeDetails(i: Inspection, ctx: Context): Promise<boolean> {
  const unit = await organisationLoaders(ctx).unitById.load(i.unit.id);
  return !!unit && canSeeInspectionDetails(ctx.auth, unit.path);
}

const detailsOnly = (field: string) =>
  redactUnless<Inspection>(`Inspection.${field}`, 'Visible only to the inspector, the inspected unit’s admins and its superiors', canSeeDetails);

/** graphql-shield rules of the inspection module; rows are scoped by the service in SQL. */
export const inspectionRules = {
  Query: {
    inspectionSchemes: isAuthenticated,
    inspections: isAuthenticated,
    inspectionRanking: isAuthenticated,
  },
  Mutation: {
    createInspectionScheme: hasAnyRole(Role.OFFICE_ADMIN),
    updateInspectionScheme: hasAnyRole(Role.OFFICE_ADMIN),
    activateInspectionScheme: hasAnyRole(Role.OFFICE_ADMIN),
    openInspection: hasAnyRole(Role.INSPECTOR),
    scoreIndicator: hasAnyRole(Role.INSPECTOR),
    submitInspection: hasAnyRole(Role.INSPECTOR),
    respondToInspection: hasAnyRole(Role.OFFICE_ADMIN),
    finalizeInspection: hasAnyRole(Role.OFFICE_ADMIN, Role.INSPECTOR),
  },
  InspectionScheme: allow,
  InspectionIndicator: allow,
  GradeBand: allow,
  ScoringRule: allow,
  AutomaticFigures: allow,
  InspectionScore: allow,
  InspectionRankingEntry: allow,
  // Verdicts of the caller's own allowed actions.
  InspectionViewerCan: allow,
  InspectionSchemeConnection: allow,
  InspectionSchemeEdge: allow,
  InspectionConnection: allow,
  InspectionEdge: allow,
  // Rows reach callers only through the service's SQL scope; details are redacted per row.
  Inspection: {
    '*': allow,
    scores: detailsOnly('scores'),
    response: detailsOnly('response'),
    respondedAt: detailsOnly('respondedAt'),
    correctionReason: detailsOnly('correctionReason'),
  },
};
