import { Collection, Entity, ManyToOne, OneToMany, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit } from './org-unit.entity';
import { RoleAssignment } from './role-assignment.entity';

/** A staff account. Display name and unit are public; contacts only to the user and admins in scope. */
@ObjectType({ implements: Node, description: 'A staff user (工作人员).' })
@Entity({ tableName: 'app_user' })
export class User {
  [OptionalProps]?: 'active' | 'createdAt' | 'updatedAt' | 'version' | 'email' | 'phone' | 'mustChangePassword';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { nullable: true, description: 'The login: visible to the user and to staff over its unit; otherwise redacted.' })
  @Property({ type: 'string', length: 64, unique: true })
  username!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 100 })
  displayName!: string;

  @Field(() => String, { nullable: true, description: 'Visible to the user and to OFFICE_ADMINs over its unit; otherwise redacted.' })
  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Visible to the user and to OFFICE_ADMINs over its unit; otherwise redacted.' })
  @Property({ type: 'string', length: 32, nullable: true })
  phone?: string | null;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Field(() => Boolean, {
    description:
      'The password was reset by an administrator: it must be changed (changePassword) before anything else. Visible to the user and to OFFICE_ADMINs over its unit.',
    nullable: true,
  })
  @Property({ type: 'boolean', default: false })
  mustChangePassword: boolean = false;

  @Field(() => Boolean)
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @OneToMany(() => RoleAssignment, (a) => a.user)
  assignments = new Collection<RoleAssignment>(this);

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
