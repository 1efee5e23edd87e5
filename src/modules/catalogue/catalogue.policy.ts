import type { Principal } from '../../auth/principal';
import { Role, STAFF_ROLES } from '../../auth/roles';
import { pathScopeSql, roleReach, type PathReach } from '../../auth/scope';
import { sql, type Sql } from '../../db/sql';
import { parentPathOf, PublishingLevel } from '../organisation';
import { ReviewKind } from './catalogue.enums';

/**
 * Who may see and do what with disclosure items, over the owner unit's materialised path. Where a
 * rule is needed both as a yes/no (shield rules, field resolvers, services, task providers) and as
 * an SQL filter (the item list), both renderings below come from the same roles.
 *
 * - Staff of the owner unit (any role over it) read every item and its working copy, status,
 *   deadlines and revisions; everyone else reads published items, as published.
 * - Review records (comments included) are read by the reviewers and by whoever drafts and fixes
 *   the item (a returned item's author needs the comment, in `reviews` as in `myTasks`).
 * - The withholding request and ruling are read by the owner unit's staff and the superior unit's
 *   OFFICE_ADMINs, who rule on it.
 */

/** Roles that make a caller staff of a unit's items: every role. */
export const ITEM_STAFF_ROLES: readonly Role[] = STAFF_ROLES;

/** Roles that may draft, edit and submit items of a unit. */
export const AUTHOR_ROLES: readonly Role[] = [Role.LIAISON, Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER];

/**
 * Roles that may read review records (comments included) of a unit's items: the reviewers, and
 * whoever drafts and fixes them (a returned item's author needs the comment, in `reviews` as in `myTasks`).
 */
export const REVIEW_READER_ROLES: readonly Role[] = [Role.LEGAL_REVIEWER, Role.SECRECY_REVIEWER, ...AUTHOR_ROLES];

/** Roles that may ask the superior unit to withhold a unit's items (with the publishers who may publish the item). */
export const WITHHOLDING_REQUESTER_ROLES: readonly Role[] = [...AUTHOR_ROLES, Role.OFFICE_ADMIN];

/** The reviewer role recording each kind of review. */
export const REVIEWER_ROLE: Record<ReviewKind, Role> = { LEGAL: Role.LEGAL_REVIEWER, SECRECY: Role.SECRECY_REVIEWER };

/** Is the caller staff of the unit at `ownerPath` (reads its unpublished items and staff fields)? */
export function isItemStaff(auth: Principal, ownerPath: string): boolean {
  return auth.isAuthenticated && auth.hasRoleOver(ITEM_STAFF_ROLES, ownerPath);
}

/** `isItemStaff` as an SQL condition over the owner unit's path column (`false` for anonymous callers). */
export function itemStaffScopeSql(auth: Principal, ownerPath: Sql): Sql {
  return auth.isAuthenticated ? pathScopeSql(auth, ITEM_STAFF_ROLES, ownerPath) : sql`false`;
}

/**
 * Where `isItemStaff` holds, as disjoint reaches (a reach inside another is dropped): the places
 * whose items the caller reads in full, for counting them from the counters. Empty for anonymous callers.
 */
export function itemStaffReach(auth: Principal): PathReach[] {
  if (!auth.isAuthenticated) return [];
  const reach = [...new Map(roleReach(auth, ITEM_STAFF_ROLES).map((r) => [`${r.subtree}:${r.path}`, r])).values()];
  return reach.filter((e) => !reach.some((s) => s !== e && s.subtree && e.path.startsWith(s.path) && (s.path !== e.path || !e.subtree)));
}

/** May the caller read the review records (comments included) of the unit's items? */
export function canReadReviews(auth: Principal, ownerPath: string): boolean {
  return auth.isAuthenticated && auth.hasRoleOver(REVIEW_READER_ROLES, ownerPath);
}

/** May the caller draft, edit and submit the unit's items? */
export function canAuthor(auth: Principal, ownerPath: string): boolean {
  return auth.hasRoleOver(AUTHOR_ROLES, ownerPath);
}

/** The kinds of review the caller may record on the unit's items. */
export function reviewKindsOf(auth: Principal, ownerPath: string): ReviewKind[] {
  return (Object.keys(REVIEWER_ROLE) as ReviewKind[]).filter((k) => auth.hasRoleOver(REVIEWER_ROLE[k], ownerPath));
}

/** May the caller publish (and retire) an item of this level owned by the unit at `path`? */
export function canPublish(auth: Principal, level: PublishingLevel, path: string): boolean {
  if (auth.hasRoleOver(Role.OFFICE_PUBLISHER, path)) return true;
  return level === PublishingLevel.DIVISION && auth.hasRoleOver(Role.DIVISION_PUBLISHER, path);
}

/** May the caller ask the superior unit to withhold an item of this level of the unit at `ownerPath`? */
export function canRequestWithholding(auth: Principal, level: PublishingLevel, ownerPath: string): boolean {
  return auth.hasRoleOver(WITHHOLDING_REQUESTER_ROLES, ownerPath) || canPublish(auth, level, ownerPath);
}

/** May the caller rule on withholding requests of the unit at `ownerPath` (OFFICE_ADMIN of the unit above; CENTRAL_ADMIN at the root)? */
export function canRuleOnWithholding(auth: Principal, ownerPath: string): boolean {
  const parentPath = parentPathOf(ownerPath);
  return parentPath ? auth.hasRoleOver(Role.OFFICE_ADMIN, parentPath) : auth.isCentralAdmin;
}

/** May the caller read an item's withholding request and ruling (the unit's staff, the superior unit's OFFICE_ADMINs)? */
export function canSeeWithholding(auth: Principal, ownerPath: string): boolean {
  if (!auth.isAuthenticated) return false;
  const parent = parentPathOf(ownerPath);
  return isItemStaff(auth, ownerPath) || (parent !== null && auth.hasRoleOver(Role.OFFICE_ADMIN, parent));
}
