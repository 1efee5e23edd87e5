import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import type { ReviewKind } from '../catalogue';
import { StatisticsStatus, type AnnualStatistics } from './annual-statistics.entity';

/**
 * Who may see and do what in the statistics module. Each rule is written once here: the shield
 * rules, the services and the save statement (through `reportingGrantsJson`) all take it from here.
 */

/** Roles that may fill in and submit a unit's statistics. */
export const REPORTING_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_ADMIN];
/** The role that accepts or returns a unit's statistics, held over the unit's parent. */
export const STATISTICS_REVIEWER_ROLE = Role.OFFICE_ADMIN;
/** Roles that may write and submit a unit's report sections. */
export const REPORT_WRITER_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_PUBLISHER, Role.OFFICE_ADMIN];
/** Roles that may publish a unit's report. */
export const REPORT_PUBLISHER_ROLES: readonly Role[] = [Role.OFFICE_PUBLISHER, Role.OFFICE_ADMIN];
/** The catalogue's two reviews of a report: 法规处审核 and 保密审查. */
export const REPORT_REVIEWER_ROLE: Record<ReviewKind, Role> = { LEGAL: Role.LEGAL_REVIEWER, SECRECY: Role.SECRECY_REVIEWER };

/**
 * Staff of the unit and of its superiors: they read every revision of its statistics (drafts,
 * returned ones, warnings, review comments), its roll-up, and its report's working copy, reviews
 * and superseded publications. Everyone else reads what is published.
 */
export function isStatisticsStaff(auth: Principal, unitPath: string): boolean {
  return auth.isStaffOf(unitPath);
}

/**
 * The revisions of a unit's statistics for a year the caller may read, as a condition on
 * annual_statistics rows (null: none). Staff (`isStatisticsStaff`) read all; others read the
 * accepted figures once the year's report is published (`isPublished` is asked only then).
 */
export async function visibleRevisionsFilter(
  auth: Principal,
  unitPath: string,
  isPublished: () => Promise<boolean>,
): Promise<{ status?: StatisticsStatus } | null> {
  if (isStatisticsStaff(auth, unitPath)) return {};
  if (!(await isPublished())) return null;
  return { status: StatisticsStatus.ACCEPTED };
}

/** `visibleRevisionsFilter` as a yes/no for one revision. */
export async function mayReadRevision(
  auth: Principal,
  unitPath: string,
  revision: Pick<AnnualStatistics, 'status'>,
  isPublished: () => Promise<boolean>,
): Promise<boolean> {
  if (isStatisticsStaff(auth, unitPath)) return true;
  if (revision.status !== StatisticsStatus.ACCEPTED) return false;
  return isPublished();
}

/** May the caller fill in and submit the statistics of the unit at `unitPath`? */
export function mayReportFor(auth: Principal, unitPath: string): boolean {
  return auth.hasRoleOver(REPORTING_ROLES, unitPath);
}

const grantsJson = new WeakMap<Principal, string>();
/**
 * `mayReportFor` as the save statement checks it against the unit's path in SQL: the caller's
 * reporting grants as JSON (made once per principal; the cache lives as long as the principal).
 */
export function reportingGrantsJson(auth: Principal): string {
  let json = grantsJson.get(auth);
  if (json === undefined) grantsJson.set(auth, (json = JSON.stringify(auth.grantsFor(REPORTING_ROLES).map((g) => ({ path: g.unitPath, cascade: g.cascade })))));
  return json;
}

/** May the caller accept or return statistics of a unit whose parent is at `parentPath` (null: the root, CENTRAL_ADMIN only)? */
export function mayReviewStatistics(auth: Principal, parentPath: string | null): boolean {
  return parentPath !== null ? auth.hasRoleOver(STATISTICS_REVIEWER_ROLE, parentPath) : auth.isCentralAdmin;
}

/** May the caller write and submit the report of the unit at `unitPath`? */
export function mayWriteReport(auth: Principal, unitPath: string): boolean {
  return auth.hasRoleOver(REPORT_WRITER_ROLES, unitPath);
}

/** May the caller publish the report of the unit at `unitPath`? */
export function mayPublishReport(auth: Principal, unitPath: string): boolean {
  return auth.hasRoleOver(REPORT_PUBLISHER_ROLES, unitPath);
}

/** The report reviews the caller may record for the unit at `unitPath`. */
export function reportReviewKindsOf(auth: Principal, unitPath: string): ReviewKind[] {
  return (Object.keys(REPORT_REVIEWER_ROLE) as ReviewKind[]).filter((k) => auth.hasRoleOver(REPORT_REVIEWER_ROLE[k], unitPath));
}
