import { Args, ArgsType, Ctx, Field, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../common/global-id';
import { ConnectionType, PageArgs } from '../../common/relay';
import type { Context } from '../../common/context';
import { AuditRecord } from './audit-record.entity';
import { AuditService } from './audit.service';

export const { Connection: AuditRecordConnection, Edge: AuditRecordEdge } = ConnectionType(AuditRecord, 'AuditRecord');

@ArgsType()
class AuditTrailArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only records about this object.' }) targetId?: string | null;
  @Field(() => String, { nullable: true, description: 'Only this action, e.g. organisation.assignRole.' }) action?: string | null;
  @Field(() => String, { nullable: true }) actorUsername?: string | null;
}

@Resolver(() => AuditRecord)
export class AuditResolver {
  @Query(() => AuditRecordConnection, { description: 'Audit records of the units you administer, newest first.' })
  auditTrail(@Ctx() ctx: Context, @Args(() => AuditTrailArgs) args: AuditTrailArgs) {
    return new AuditService(ctx).trail(args, args);
  }

  @FieldResolver(() => ID)
  id(@Root() r: AuditRecord): string {
    return toGlobalId('AuditRecord', r.id);
  }
}
