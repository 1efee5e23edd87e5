import { Role } from '../../auth/roles';
import { allow, hasAnyRole, isAuthenticated, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { organisationLoaders } from '../organisation';
import { LiaisonAppointment, LiaisonKind } from './liaison-appointment.entity';
import { canReadAppointmentContacts, canReadAppointmentNotes } from './liaison.policy';

async function unitPathOf(a: LiaisonAppointment, ctx: Context): Promise<string | null> {
  return (await organisationLoaders(ctx).unitById.load(a.unit.id))?.path ?? null;
}

/** Staff (any role) over the appointment's unit. */
async function isStaffOfUnit(a: LiaisonAppointment, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const path = await unitPathOf(a, ctx);
  return !!path && canReadAppointmentNotes(ctx.auth, path);
}

/** Contacts of a staff user: staff in scope; of an outside person (no user account): OFFICE_ADMINs in scope only. */
async function canReadContacts(a: LiaisonAppointment, ctx: Context): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const path = await unitPathOf(a, ctx);
  return !!path && canReadAppointmentContacts(ctx.auth, a, path);
}

const CONTACT_REASON = 'Visible to staff over the unit (to its OFFICE_ADMINs for persons without a staff account)';

/** graphql-shield rules of the liaison module; rows are limited in SQL by LiaisonAppointmentService. */
export const liaisonRules = {
  Query: {
    liaisonOfficers: allow,
    liaisonCoverage: isAuthenticated,
    myTasks: isAuthenticated,
  },
  Mutation: {
    appointLiaison: hasAnyRole(Role.OFFICE_ADMIN),
    endLiaisonAppointment: hasAnyRole(Role.OFFICE_ADMIN),
  },
  LiaisonAppointment: {
    '*': allow,
    // A department liaison's office phone is the public contact of the department (公开电话).
    officePhone: redactUnless<LiaisonAppointment>(
      'LiaisonAppointment.officePhone',
      `Public for DEPARTMENT liaisons; otherwise ${CONTACT_REASON.toLowerCase()}`,
      (a, ctx) => a.kind === LiaisonKind.DEPARTMENT || canReadContacts(a, ctx),
    ),
    mobile: redactUnless<LiaisonAppointment>('LiaisonAppointment.mobile', CONTACT_REASON, canReadContacts),
    email: redactUnless<LiaisonAppointment>('LiaisonAppointment.email', CONTACT_REASON, canReadContacts),
    notes: redactUnless<LiaisonAppointment>('LiaisonAppointment.notes', 'Visible to staff over the unit', isStaffOfUnit),
  },
  LiaisonAppointmentConnection: allow,
  LiaisonAppointmentEdge: allow,
  // Only returned by liaisonCoverage, which checks scope.
  LiaisonCoverage: allow,
  // Only returned by myTasks, which keeps the caller's own units.
  LiaisonTask: allow,
  TaskConnection: allow,
  TaskEdge: allow,
};
