import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit } from './org-unit.entity';
import { AssignRoleInput, CreateUserInput, UsersArgs } from './organisation.inputs';
import { organisationLoaders } from './organisation.loaders';
import { LoginPayload, ResetPasswordPayload, UserConnection } from './organisation.types';
import { PasswordService } from './password.service';
import { RoleAssignment } from './role-assignment.entity';
import { User } from './user.entity';
import { loadPrincipal, UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  @Mutation(() => LoginPayload, {
    description:
      'Exchanges credentials for a bearer token. Any failure is UNAUTHENTICATED; after too many failures for the username or from the address, TOO_MANY_REQUESTS for a while. At most one login per request.',
  })
  async login(@Ctx() ctx: Context, @Arg('username', () => String) username: string, @Arg('password', () => String) password: string) {
    const result = await new UserService(ctx, ctx.tokens).login(username, password, { throttle: ctx.loginThrottle, clientAddress: ctx.clientAddress });
    // The rest of this response is read as the user who just logged in.
    ctx.auth = (await loadPrincipal(ctx.em, result.user.id)) ?? ctx.auth;
    return result;
  }

  @Mutation(() => User, {
    description:
      'Changes your password (at least 8 characters, not a common one). The way out of a one-time password: until it is changed, every other operation but `me` is refused.',
  })
  changePassword(@Ctx() ctx: Context, @Arg('currentPassword', () => String) currentPassword: string, @Arg('newPassword', () => String) newPassword: string) {
    return new PasswordService(ctx).change(currentPassword, newPassword);
  }

  @Mutation(() => ResetPasswordPayload, {
    description: 'Sets a one-time password for a user of a unit you administer; the user must change it at the next login.',
  })
  resetPassword(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return new PasswordService(ctx).reset(id);
  }

  @Query(() => User, { description: 'The caller, with its role assignments.' })
  me(@Ctx() ctx: Context) {
    return new UserService(ctx).me();
  }

  @Query(() => UserConnection, { description: 'Users of the units where you are staff.' })
  users(@Ctx() ctx: Context, @Args(() => UsersArgs) args: UsersArgs) {
    return new UserService(ctx).list(args);
  }

  @Mutation(() => User)
  createUser(@Ctx() ctx: Context, @Arg('input', () => CreateUserInput) input: CreateUserInput) {
    return new UserService(ctx).create(input);
  }

  @Mutation(() => User, { description: 'Deactivates a user; its tokens stop working at once.' })
  deactivateUser(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return new UserService(ctx).deactivate(id);
  }

  @Mutation(() => RoleAssignment, {
    description:
      'Grants a role over a unit you administer: an OFFICE_ADMIN grants every role but CENTRAL_ADMIN in its scope, and OFFICE_ADMIN only over units strictly below its own.',
  })
  assignRole(@Ctx() ctx: Context, @Arg('input', () => AssignRoleInput) input: AssignRoleInput) {
    return new UserService(ctx).assignRole(input);
  }

  @Mutation(() => RoleAssignment, { description: 'Revokes a role assignment; it stays in the history.' })
  revokeRole(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    return new UserService(ctx).revokeRole(id);
  }

  @FieldResolver(() => ID)
  id(@Root() user: User): string {
    return toGlobalId('User', user.id);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() user: User, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(user.unit.id))!;
  }

  @FieldResolver(() => [RoleAssignment], { nullable: true, description: 'Active assignments; visible to the user and to admins in scope.' })
  assignments(@Root() user: User, @Ctx() ctx: Context): Promise<RoleAssignment[]> {
    return organisationLoaders(ctx).activeAssignmentsByUser.load(user.id);
  }
}

@Resolver(() => RoleAssignment)
export class RoleAssignmentResolver {
  @FieldResolver(() => ID)
  id(@Root() a: RoleAssignment): string {
    return toGlobalId('RoleAssignment', a.id);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() a: RoleAssignment, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(a.unit.id))!;
  }

  @FieldResolver(() => User)
  async user(@Root() a: RoleAssignment, @Ctx() ctx: Context): Promise<User> {
    return (await organisationLoaders(ctx).userById.load(a.user.id))!;
  }
}
