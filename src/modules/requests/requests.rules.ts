import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import { DisclosureRequest } from './request.entity';
import { canHandleRequests } from './requests.policy';

/** Does the caller handle the request's body (LIAISON or OFFICE_ADMIN over it)? */
export async function viewerHandles(r: DisclosureRequest, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const body = await organisationLoaders(ctx).unitById.load(r.bodyUnit.id);
  return !!body && canHandleRequests(ctx.auth, body.path);
}

const HANDLERS_ONLY = 'Personal information of the applicant: only the body’s LIAISONs and OFFICE_ADMINs handling requests (CENTRAL_ADMIN) may read it';

/**
 * graphql-shield rules of the requests module, deny by default. Which requests a caller sees is
 * decided in SQL by the services (requests.policy.ts); here the applicant's personal data, and the
 * documents that name the applicant, are redacted for everyone but the handlers. Mutations check
 * scope in the services.
 */
export const requestsRules = {
  Query: {
    disclosureRequests: isAuthenticated,
    disclosureRequest: isAuthenticated,
    requestStatistics: isAuthenticated,
    requestStatus: allow,
  },
  Mutation: {
    registerRequest: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    fileRequest: allow,
    requestCorrection: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    answerCorrection: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    startConsultation: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    endConsultation: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    extendRequest: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    concludeRequest: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    withdrawRequest: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    recordRequestAppeal: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    recordRequestFee: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    fillAnnualStatisticsFromRequests: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    correctFilledStatisticsCell: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
    setAcceptsRequests: hasAnyRole(Role.CENTRAL_ADMIN),
  },
  DisclosureRequest: {
    '*': allow,
    applicant: redactUnless<DisclosureRequest>('DisclosureRequest.applicant', HANDLERS_ONLY, viewerHandles),
    documents: redactUnless<DisclosureRequest>('DisclosureRequest.documents', HANDLERS_ONLY, viewerHandles),
  },
  DisclosureRequestConnection: allow,
  DisclosureRequestEdge: allow,
  RequestEvent: allow,
  RequestDocument: allow,
  RequestApplicant: allow,
  RequestReceipt: allow,
  PublicRequestStatus: allow,
  PublicRequestEvent: allow,
  PublicRequestDocument: allow,
  RequestStatistics: allow,
  RequestStatisticsFill: allow,
  // Only reachable through overview.requests, which counts what the caller may see.
  OverviewRequests: allow,
  RequestOutcomeCount: allow,
};
