import { Role, STAFF_ROLES } from '../../auth/roles';
import { allow, hasAnyRole, redactUnless } from '../../auth/rules';
import type { Context } from '../../common/context';
import { mayReadUsernameOf, organisationLoaders, parentPathOf, USERNAME_REDACTED } from '../organisation';
import type { DisclosureReview } from './disclosure-review.entity';
import type { DisclosureRevision } from './disclosure-revision.entity';
import type { DisclosureItem } from './disclosure-item.entity';
import { AUTHOR_ROLES, REVIEW_READER_ROLES, WITHHOLDING_REQUESTER_ROLES } from './disclosure-item.service';

/** The owner unit's materialised path: read with the row, or through the per-request unit loader. */
export async function ownerPathOf(item: DisclosureItem, ctx: Context): Promise<string | null> {
  if (item.ownerPath) return item.ownerPath;
  const unit = await organisationLoaders(ctx).unitById.load(item.ownerUnit.id);
  return unit?.path ?? null;
}

/** Does the caller hold one of `roles` over the item's owner unit? */
async function holdsOverOwner(item: DisclosureItem, ctx: Context, roles: readonly Role[]): Promise<boolean> {
  if (!ctx.auth.isAuthenticated) return false;
  const path = await ownerPathOf(item, ctx);
  return !!path && ctx.auth.hasRoleOver(roles, path);
}

const staffField = (field: string) =>
  redactUnless<DisclosureItem>(`DisclosureItem.${field}`, 'Visible only to staff of the owner unit', (item, ctx) => holdsOverOwner(item, ctx, STAFF_ROLES));

/** graphql-shield rules of the catalogue module; item rows are scoped in SQL by DisclosureItemService. */
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
    setHolidayCalendar: hasAnyRole(Role.CENTRAL_ADMIN),
  },
  CatalogueCategory: allow,
  CatalogueTreeNode: allow,
  HolidayDay: allow,
  DisclosureItemConnection: allow,
  DisclosureItemEdge: allow,
  DisclosureItem: {
    '*': allow,
    status: staffField('status'),
    mode: staffField('mode'),
    cadence: staffField('cadence'),
    formedDate: staffField('formedDate'),
    publishDeadline: staffField('publishDeadline'),
    nextMaintenanceDate: staffField('nextMaintenanceDate'),
    nextDueDate: staffField('nextDueDate'),
    version: staffField('version'),
    internalNotes: staffField('internalNotes'),
    hasUnpublishedChanges: staffField('hasUnpublishedChanges'),
    revisions: staffField('revisions'),
    reviews: redactUnless<DisclosureItem>('DisclosureItem.reviews', 'Visible only to reviewers, liaisons and publishers of the owner unit', (item, ctx) =>
      holdsOverOwner(item, ctx, REVIEW_READER_ROLES)),
    withholding: redactUnless<DisclosureItem>(
      'DisclosureItem.withholding', 'Visible only to the requesting unit and the superior unit that rules',
      async (item, ctx) => {
        if (!ctx.auth.isAuthenticated) return false;
        const path = await ownerPathOf(item, ctx);
        if (!path) return false;
        const parent = parentPathOf(path);
        return ctx.auth.isStaffOf(path) || (parent !== null && ctx.auth.hasRoleOver(Role.OFFICE_ADMIN, parent));
      },
    ),
  },
  // Reached only through fields that already apply the rules above; logins only where `User.username` shows them.
  DisclosureReview: {
    '*': allow,
    reviewerUsername: redactUnless<DisclosureReview>('DisclosureReview.reviewerUsername', USERNAME_REDACTED, (r, ctx) => mayReadUsernameOf(ctx, r.reviewer.id)),
  },
  DisclosureRevision: {
    '*': allow,
    changedByUsername: redactUnless<DisclosureRevision>('DisclosureRevision.changedByUsername', USERNAME_REDACTED, (r, ctx) => mayReadUsernameOf(ctx, r.changedById)),
  },
  FieldChange: allow,
  Withholding: allow,
};
