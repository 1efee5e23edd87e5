import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';

/** A message to one user about an event that asks something of them (in-app; e-mailed when they opted in). */
@ObjectType({ implements: Node, description: 'A notification (通知) to you about work that waits for you.' })
@Entity({ tableName: 'notification' })
export class Notification {
  [OptionalProps]?: 'createdAt' | 'readAt' | 'emailedAt' | 'body' | 'params' | 'targetType' | 'targetId' | 'unitId' | 'dedupeKey';

  @PrimaryKey({ type: 'bigint' })
  id!: string;

  @Property({ type: 'integer' })
  userId!: number;

  @Field(() => String, { description: 'What happened, e.g. ITEM_SUBMITTED, ITEM_RETURNED, REMINDER_ITEM_OVERDUE.' })
  @Property({ type: 'string', length: 64 })
  kind!: string;

  /** The title in Chinese as written; readers get it rendered in their locale from `kind` and `params` (NotificationResolver). */
  @Property({ type: 'text' })
  title!: string;

  @Property({ type: 'text', nullable: true })
  body?: string | null;

  /** The parameters of the kind's catalogue texts (`notifications.kinds.<kind>`); null on rows older than them. */
  @Property({ type: 'json', nullable: true })
  params?: Record<string, string | number | null> | null;

  @Field(() => String, { nullable: true, description: 'GraphQL type of the object to open.' })
  @Property({ type: 'string', length: 64, nullable: true })
  targetType?: string | null;

  @Field(() => String, { nullable: true, description: 'Global id of the object to open (node(id:)).' })
  @Property({ type: 'string', length: 200, nullable: true })
  targetId?: string | null;

  @Property({ type: 'integer', nullable: true })
  unitId?: number | null;

  /** Reminders: one per recipient, object, kind and day. */
  @Property({ type: 'text', nullable: true })
  dedupeKey?: string | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  readAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  emailedAt?: Date | null;
}

/** A user's notification choices; no row: defaults (no e-mail). */
@Entity({ tableName: 'notification_setting' })
export class NotificationSetting {
  [OptionalProps]?: 'updatedAt' | 'emailEnabled' | 'locale';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  userId!: number;

  @Property({ type: 'boolean', default: false })
  emailEnabled: boolean = false;

  /** The language of the user's e-mails ('zh-CN' or 'en'); null: Chinese. */
  @Property({ type: 'string', length: 8, nullable: true })
  locale?: string | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
