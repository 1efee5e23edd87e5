import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/relay';
import { OrgUnit } from './org-unit.entity';
import { User } from './user.entity';

export const { Connection: OrgUnitConnection, Edge: OrgUnitEdge } = ConnectionType(OrgUnit, 'OrgUnit');
export const { Connection: UserConnection, Edge: UserEdge } = ConnectionType(User, 'User');

@ObjectType({ description: 'A bearer token for the Authorization header, and its user.' })
export class LoginPayload {
  @Field(() => String) token!: string;
  @Field(() => DateTimeResolver) expiresAt!: Date;
  @Field(() => User) user!: User;
  @Field(() => Boolean, {
    description: 'The password is a one-time password set by an administrator: call changePassword now; every other operation is refused until then.',
  })
  mustChangePassword!: boolean;
}

@ObjectType({ description: 'A one-time password set by an administrator; the user must change it at the next login.' })
export class ResetPasswordPayload {
  @Field(() => User) user!: User;
  @Field(() => String, { description: 'Shown once: hand it to the user; it is not stored in clear.' }) oneTimePassword!: string;
}
