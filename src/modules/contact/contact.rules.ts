import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import { ContactCase } from './contact-case.entity';
import { canHandleCase } from './contact.policy';

/** Does the caller handle the case (the policy's yes/no over the loaded units)? */
export async function viewerHandles(c: ContactCase, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const units = organisationLoaders(ctx).unitById;
  const [unit, handling] = await Promise.all([units.load(c.unit.id), units.load(c.handlingUnit.id)]);
  if (!unit || !handling) return false;
  return canHandleCase(ctx.auth, { restricted: c.restricted, unitPath: unit.path, handlingUnitPath: handling.path, ownerId: c.owner?.id ?? null });
}

/**
 * graphql-shield rules of the contact module, deny by default. Which cases a caller sees is decided
 * in SQL by the services (contact.policy.ts); here the reporter's personal data is redacted for
 * everyone but those handling the case. Mutations check scope in the services.
 */
export const contactRules = {
  Query: {
    contactCases: isAuthenticated,
    contactCase: isAuthenticated,
    contactConsultations: isAuthenticated,
    contactFigures: isAuthenticated,
    publicContactCase: allow,
  },
  Mutation: {
    logConsultation: isAuthenticated,
    recordConsultationCounts: isAuthenticated,
    openContactCase: isAuthenticated,
    escalateContactCase: isAuthenticated,
    closeContactCase: isAuthenticated,
    recordContactFollowUp: isAuthenticated,
    submitPublicContact: allow,
    fillStatisticsFromContact: hasAnyRole(Role.LIAISON, Role.OFFICE_ADMIN),
  },
  ContactCase: {
    '*': allow,
    reporter: redactUnless<ContactCase>(
      'ContactCase.reporter',
      'Visible only to those handling the case (owner; OFFICE_ADMIN or LIAISON over the handling unit; INSPECTOR for staff conduct)',
      viewerHandles,
    ),
  },
  ContactCaseStep: allow,
  ContactConsultation: allow,
  ContactCaseConnection: allow,
  ContactCaseEdge: allow,
  ContactConsultationConnection: allow,
  ContactConsultationEdge: allow,
  ContactReporter: allow,
  ContactFigures: allow,
  ConsultationCountsResult: allow,
  PublicContactReceipt: allow,
  PublicContactCase: allow,
  ContactStatisticsFill: allow,
  // Only reachable through overview.contactCases, which counts what the caller may see.
  ContactCaseCounts: allow,
};
