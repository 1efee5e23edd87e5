import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { FieldChange } from './field-change.type';
import { DisclosureItem } from './disclosure-item.entity';

/** A full snapshot of an item after one saved change, with who and when. */
@ObjectType({ description: 'One saved change of an item (修订记录): the snapshot after it and the diff from the one before.' })
@Entity({ tableName: 'disclosure_revision' })
export class DisclosureRevision {
  [OptionalProps]?: 'changedAt' | 'changedById' | 'changedByUsername' | 'changes';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => DisclosureItem, { ref: true })
  item!: Ref<DisclosureItem>;

  @Field(() => Int, { description: 'Item version after the change.' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => String, { description: 'e.g. create, update, submit, review, publish, retire.' })
  @Property({ type: 'string', length: 32 })
  action!: string;

  @Field(() => JSONResolver)
  @Property({ type: 'json' })
  snapshot!: Record<string, unknown>;

  @Property({ type: 'integer', nullable: true })
  changedById?: number | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 64, nullable: true })
  changedByUsername?: string | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt: Date = new Date();

  /** Field-level diff from the previous revision; filled by the item's `revisions` resolver. */
  @Field(() => [FieldChange], { description: 'Field-level diff from the previous revision (everything is CREATE for the first).' })
  changes: FieldChange[] = [];
}
