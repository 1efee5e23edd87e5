import { msg } from '../../common/errors';
import { forbidden, precondition, type Refusal } from '../../common/refusal';
import type { FilterQuery } from '@mikro-orm/core';
import type { Principal } from '../../auth/principal';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { reachesPath, reachFilter, roleReach } from '../../auth/scope';
import { LiaisonAppointment, LiaisonKind } from './liaison-appointment.entity';

/**
 * Who may see liaison appointments and their contacts. Row visibility is one rule rendered twice:
 * `canSeeAppointment` (yes/no, for a row in hand) and `visibleAppointmentsFilter` (the list's SQL
 * filter): everyone sees the DEPARTMENT liaisons in force today (their names and office phones are
 * public); staff (any role) see every appointment of the units in their scope.
 */

type Where = FilterQuery<LiaisonAppointment>;

/** Rows in force on `date`: started on or before it, not ended before it (the filter twin of `LiaisonAppointment.activeOn`). */
export function activeOnFilter(date: string): Where {
  return { startDate: { $lte: date }, $or: [{ endDate: null }, { endDate: { $gte: date } }] };
}

/** May the caller see the appointment `a` of the unit at `unitPath`? */
export function canSeeAppointment(auth: Principal, a: Pick<LiaisonAppointment, 'kind' | 'activeOn'>, unitPath: string, today: string): boolean {
  return reachesPath(roleReach(auth, STAFF_ROLES), unitPath) || (a.kind === LiaisonKind.DEPARTMENT && a.activeOn(today));
}

/** MikroORM filter of the appointments the caller may see (`canSeeAppointment` in SQL). */
export function visibleAppointmentsFilter(auth: Principal, today: string): Where {
  const publicRows: Where = { $and: [{ kind: LiaisonKind.DEPARTMENT }, activeOnFilter(today)] };
  if (!auth.isAuthenticated) return publicRows;
  return { $or: [publicRows, { unit: reachFilter(roleReach(auth, STAFF_ROLES)) }] };
}

/** May the caller read the notes of an appointment of the unit at `unitPath`? Staff (any role) over the unit. */
export function canReadAppointmentNotes(auth: Principal, unitPath: string): boolean {
  return auth.isAuthenticated && auth.isStaffOf(unitPath);
}

/**
 * May the caller read the mobile, e-mail (and, for all but DEPARTMENT liaisons, office phone) of an
 * appointment of the unit at `unitPath`? Of a staff user: staff over the unit; of an outside person
 * (no user account): the unit's OFFICE_ADMINs only.
 */
export function canReadAppointmentContacts(auth: Principal, a: Pick<LiaisonAppointment, 'user'>, unitPath: string): boolean {
  if (!auth.isAuthenticated) return false;
  return a.user ? auth.isStaffOf(unitPath) : auth.hasRoleOver(Role.OFFICE_ADMIN, unitPath);
}

/**
 * May the caller appoint liaisons of the unit (OrgUnit.viewerCan.appointLiaison, appointLiaison)?
 * An OFFICE_ADMIN over it, and the unit active.
 */
export function canAppointLiaisonOver(auth: Principal, unit: { path: string; name: string; active: boolean }): Refusal {
  if (!auth.hasRoleOver(Role.OFFICE_ADMIN, unit.path)) return forbidden(msg('liaison.notAdmin', { unit: unit.name }));
  if (!unit.active) return precondition(msg('organisation.unit.inactive', { unit: unit.name }));
  return null;
}
