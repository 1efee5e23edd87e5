import type { Principal } from '../../auth/principal';
import { Role } from '../../auth/roles';
import { allow, hasAnyRole, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { mayReadUsernameOf, organisationLoaders, USERNAME_REDACTED } from '../organisation';
import type { DisclosureReview } from './disclosure-review.entity';
import type { DisclosureRevision } from './disclosure-revision.entity';
import type { DisclosureItem } from './disclosure-item.entity';
import { AUTHOR_ROLES, canReadReviews, canSeeWithholding, isItemStaff, WITHHOLDING_REQUESTER_ROLES } from './catalogue.policy';

/** The owner unit's materialised path: read with the row, or through the per-request unit loader. */
export async function ownerPathOf(item: DisclosureItem, ctx: Context): Promise<string | null> {
  if (item.ownerPath) return item.ownerPath;
  const unit = await organisationLoaders(ctx).unitById.load(item.ownerUnit.id);
  return unit?.path ?? null;
}

/** Does a rule of the catalogue policy (catalogue.policy.ts) let the caller through, over the item's owner unit? */
async function ownerAllows(item: DisclosureItem, ctx: Context, rule: (auth: Principal, ownerPath: string) => boolean): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const path = await ownerPathOf(item, ctx);
  return !!path && rule(ctx.auth, path);
}

const staffField = (field: string) =>
  redactUnless<DisclosureItem>(`DisclosureItem.${field}`, 'Visible only to staff of the owner unit', (item, ctx) => ownerAllows(item, ctx, isItemStaff));

/** graphql-shield rules of the catalogue module; item rows are scoped in SQL by DisclosureItemService (both from catalogue.policy.ts). */
export const catalogueRules = {
  Query: {
    catalogueCategories: allow,
    catalogueTree: allow,
    disclosureItems: allow,
    disclosureItem: allow,
    holidayCalendar: allow,
  },
  Mutation: {
    createCatalogueCategory: hasAnyRole(Role.OFFICE_ADMIN),
    updateCatalogueCategory: hasAnyRole(Role.OFFICE_ADMIN),
    createDisclosureItem: hasAnyRole(...AUTHOR_ROLES),
    updateDisclosureItem: hasAnyRole(...AUTHOR_ROLES),
    submitForReview: hasAnyRole(...AUTHOR_ROLES),
    reviewDisclosureItem: hasAnyRole(Role.LEGAL_REVIEWER, Role.SECRECY_REVIEWER),
    publishDisclosureItem: hasAnyRole(Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER),
    retireDisclosureItem: hasAnyRole(Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER),
    requestWithholding: hasAnyRole(...WITHHOLDING_REQUESTER_ROLES),
    ruleOnWithholding: hasAnyRole(Role.OFFICE_ADMIN),
    confirmMaintenance: hasAnyRole(...AUTHOR_ROLES, Role.OFFICE_PUBLISHER, Role.DIVISION_PUBLISHER),
    setHolidayCalendar: hasAnyRole(Role.CENTRAL_ADMIN),
  },
  CatalogueCategory: allow,
  CatalogueTreeNode: allow,
  HolidayDay: allow,
  DisclosureItemConnection: allow,
  DisclosureItemEdge: allow,
  // Computed for the caller from its own grants; all false for anyone but the owner unit's staff.
  DisclosureItemViewerCan: allow,
  DisclosureItem: {
    '*': allow,
    status: staffField('status'),
    mode: staffField('mode'),
    cadence: staffField('cadence'),
    formedDate: staffField('formedDate'),
    publishDeadline: staffField('publishDeadline'),
    calendarMissing: staffField('calendarMissing'),
    nextMaintenanceDate: staffField('nextMaintenanceDate'),
    nextDueDate: staffField('nextDueDate'),
    version: staffField('version'),
    internalNotes: staffField('internalNotes'),
    hasUnpublishedChanges: staffField('hasUnpublishedChanges'),
    revisions: staffField('revisions'),
    currentReviewRound: staffField('currentReviewRound'),
    missingReviews: staffField('missingReviews'),
    reviews: redactUnless<DisclosureItem>('DisclosureItem.reviews', 'Visible only to reviewers, liaisons and publishers of the owner unit', (item, ctx) =>
      ownerAllows(item, ctx, canReadReviews),
    ),
    withholding: redactUnless<DisclosureItem>(
      'DisclosureItem.withholding',
      'Visible only to the requesting unit and the superior unit that rules',
      (item, ctx) => ownerAllows(item, ctx, canSeeWithholding),
    ),
  },
  // Reached only through fields that already apply the rules above; logins only where `User.username` shows them.
  DisclosureReview: {
    '*': allow,
    reviewerUsername: redactUnless<DisclosureReview>('DisclosureReview.reviewerUsername', USERNAME_REDACTED, (r, ctx) => mayReadUsernameOf(ctx, r.reviewer.id)),
  },
  DisclosureRevision: {
    '*': allow,
    changedByUsername: redactUnless<DisclosureRevision>('DisclosureRevision.changedByUsername', USERNAME_REDACTED, (r, ctx) =>
      mayReadUsernameOf(ctx, r.changedById),
    ),
  },
  FieldChange: allow,
  Withholding: allow,
};
