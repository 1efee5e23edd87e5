import { decodeIntId } from '../../common/global-id';
import type { ModuleDefinition } from '../module';
import { OrgUnit } from './org-unit.entity';
import { OrgUnitActionsResolver } from './org-unit-actions.resolver';
import { OrgUnitResolver } from './org-unit.resolver';
import { organisationRules } from './organisation.rules';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { RoleAssignmentResolver, UserResolver } from './user.resolver';
import { UserService } from './user.service';

export { OrgUnit, OrgUnitKind, PublishingLevel, ReportingRole, defaultReportingRole, levelOfKind, KIND_RANK } from './org-unit.entity';
export { User } from './user.entity';
export { RoleAssignment } from './role-assignment.entity';
export { OrgUnitService, nextOrgUnitId, readOrgUnit } from './org-unit.service';
export { UserService, loadPrincipal } from './user.service';
export { organisationLoaders } from './organisation.loaders';
export { OrgUnitViewerCan } from './org-unit-actions.resolver';
export { childPathOf, exactPattern, isInSubtree, parentPathOf, selfAndAncestorPaths, subtreePattern, unitIdsOfPath } from './org-path';
export { mayReadUsernameOf, USERNAME_REDACTED } from './organisation.rules';

/** The organisation module: the unit tree, users, roles and logins. */
export const organisationModule: ModuleDefinition = {
  name: 'organisation',
  entities: [OrgUnit, User, RoleAssignment],
  resolvers: [OrgUnitResolver, OrgUnitActionsResolver, UserResolver, RoleAssignmentResolver],
  rules: organisationRules,
  nodes: {
    OrgUnit: (ctx, id) => ctx.em.findOne(OrgUnit, { id: decodeIntId(id, 'OrgUnit') }),
    User: (ctx, id) => new UserService(ctx).findVisible(decodeIntId(id, 'User')),
    RoleAssignment: (ctx, id) => new UserService(ctx).getAssignment(decodeIntId(id, 'RoleAssignment')),
  },
};
