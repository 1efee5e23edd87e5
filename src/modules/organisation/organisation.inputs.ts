import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { Role } from '../../auth/roles';
import { fields } from '../../common/zod';
import { PageArgs } from '../../common/relay';
import { OrgUnitKind, ReportingRole } from './org-unit.entity';

@InputType({ description: 'A new org unit under an existing parent.' })
export class CreateOrgUnitInput {
  @Field(() => ID) parentId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => OrgUnitKind) kind!: OrgUnitKind;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
  @Field(() => ReportingRole, {
    nullable: true,
    description: 'Defaults by kind: districts and the administration DISCLOSURE_BODY, subordinate offices CONTRIBUTOR, others NONE.',
  })
  reportingRole?: ReportingRole | null;
}
export const createOrgUnitSchema = z.object({
  parentId: z.string(),
  code: fields.code,
  name: fields.name,
  kind: z.enum(OrgUnitKind),
  sortOrder: z.number().int().min(0).max(100000).nullish(),
  reportingRole: z.enum(ReportingRole).nullish(),
});

@InputType({ description: 'Changes to an org unit; omitted fields stay as they are.' })
export class UpdateOrgUnitInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you read; a stale one fails with CONFLICT.' }) expectedVersion!: number;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) sortOrder?: number | null;
  @Field(() => ReportingRole, { nullable: true }) reportingRole?: ReportingRole | null;
}
export const updateOrgUnitSchema = z.object({
  id: z.string(),
  expectedVersion: z.number().int().min(1),
  code: fields.code.nullish(),
  name: fields.name.nullish(),
  sortOrder: z.number().int().min(0).max(100000).nullish(),
  reportingRole: z.enum(ReportingRole).nullish(),
});

@InputType()
export class MoveOrgUnitInput {
  @Field(() => ID) id!: string;
  @Field(() => ID) newParentId!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@ArgsType()
export class OrgUnitsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only units in the subtree of this unit (itself included).' })
  subtreeOf?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only direct children of this unit.' })
  parentId?: string | null;
  @Field(() => [OrgUnitKind], { nullable: true }) kinds?: OrgUnitKind[] | null;
  @Field(() => String, { nullable: true, description: 'Substring of the name or code.' }) search?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include deactivated units (default false).' }) includeInactive?: boolean | null;
}

@InputType()
export class CreateUserInput {
  @Field(() => String) username!: string;
  @Field(() => String) displayName!: string;
  @Field(() => String) password!: string;
  @Field(() => ID) unitId!: string;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
}
export const createUserSchema = z.object({
  username: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, . _ - only'),
  displayName: fields.name.max(100),
  password: z.string().min(8, 'must be at least 8 characters').max(200),
  unitId: z.string(),
  email: fields.email.nullish(),
  phone: fields.phone.nullish(),
});

@InputType()
export class AssignRoleInput {
  @Field(() => ID) userId!: string;
  @Field(() => Role) role!: Role;
  @Field(() => ID) unitId!: string;
  @Field(() => Boolean, { nullable: true, description: 'Whole subtree (default true) or this unit only.' }) cascade?: boolean | null;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only users of this unit’s subtree.' }) subtreeOf?: string | null;
  @Field(() => String, { nullable: true, description: 'Substring of username or display name.' }) search?: string | null;
  @Field(() => Boolean, { nullable: true }) includeInactive?: boolean | null;
}
