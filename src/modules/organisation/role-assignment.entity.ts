import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { Node } from '../../common/relay';
import { OrgUnit } from './org-unit.entity';
import { User } from './user.entity';

/** A role held by a user over a unit, and its subtree when `cascade`. Revoked ones stay as history. */
@ObjectType({ implements: Node, description: 'A role held over a unit (and its subtree when cascade).' })
@Entity({ tableName: 'role_assignment' })
export class RoleAssignment {
  [OptionalProps]?: 'grantedAt' | 'revokedAt' | 'grantedBy' | 'revokedBy' | 'cascade';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @Field(() => Role)
  @Enum({ items: () => Role, type: 'string' })
  role!: Role;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => Boolean, { description: 'true: the unit and its whole subtree; false: this unit only.' })
  @Property({ type: 'boolean', default: true })
  cascade: boolean = true;

  @ManyToOne(() => User, { ref: true, nullable: true })
  grantedBy?: Ref<User> | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  grantedAt: Date = new Date();

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  revokedBy?: Ref<User> | null;
}
