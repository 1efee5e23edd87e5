import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/**
 * A stored file (附件) of an item or an annual report. The row is made when an upload completes
 * (the bytes are already stored under their sha256) and is attached to at most one owner by a
 * mutation; until then only its uploader sees it. Type and size come from the bytes, not the client.
 */
@ObjectType({ description: 'A file attached to a disclosure item or an annual report; download it from `url`.' })
@Entity({ tableName: 'attachment' })
export class Attachment {
  [OptionalProps]?: 'createdAt' | 'title' | 'itemId' | 'reportId' | 'attachedAt' | 'attachedById';

  @Field(() => ID, { description: 'The upload id (a random UUID).' })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: 'SHA-256 of the content (hex).' })
  @Property({ type: 'string', length: 64, columnType: 'char(64)' })
  sha256!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  @Property({ type: 'integer' })
  size!: number;

  @Field(() => String, { description: 'Media type decided from the content, e.g. application/pdf.' })
  @Property({ type: 'string', length: 100 })
  mediaType!: string;

  @Field(() => String, { description: 'Sanitised file name offered for download; its extension matches the content.' })
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field(() => String, { nullable: true, description: 'Title shown with the link, e.g. 关务公开手册.' })
  @Property({ type: 'string', length: 200, nullable: true })
  title?: string | null;

  @Property({ type: 'integer' })
  uploadedById!: number;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  itemId?: number | null;

  @Property({ type: 'integer', nullable: true })
  reportId?: number | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it was attached; null for an upload not attached yet.' })
  @Property({ type: 'timestamptz', nullable: true })
  attachedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  attachedById?: number | null;
}
