import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';

/** Append-only record of one mutation; the database refuses UPDATE, DELETE and TRUNCATE on it. */
@ObjectType({ implements: Node, description: 'An append-only audit record of one change (审计记录).' })
@Entity({ tableName: 'audit_record' })
export class AuditRecord {
  [OptionalProps]?: 'occurredAt' | 'before' | 'after' | 'actorId' | 'actorUsername' | 'requestId';

  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  occurredAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  actorId?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  actorUsername?: string | null;

  @Field(() => String, { description: 'e.g. organisation.createOrgUnit' })
  @Property({ type: 'string', length: 100 })
  action!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  targetType!: string;

  @Field(() => String, { description: 'Global id of the target.' })
  @Property({ type: 'string', length: 200 })
  targetId!: string;

  /** Path of the unit whose admins may read this record. */
  @Property({ type: 'text' })
  scopePath!: string;

  @Field(() => JSONResolver, { nullable: true })
  @Property({ type: 'json', nullable: true })
  before?: unknown;

  @Field(() => JSONResolver, { nullable: true })
  @Property({ type: 'json', nullable: true })
  after?: unknown;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  requestId?: string | null;
}
