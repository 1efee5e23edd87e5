import { JSONResolver } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One changed field between two revisions.' })
export class FieldChange {
  @Field(() => String, { description: 'Dotted path of the field, e.g. title or channels.1.' }) path!: string;
  @Field(() => String, { description: 'CREATE, CHANGE or REMOVE.' }) type!: string;
  @Field(() => JSONResolver, { nullable: true }) before?: unknown;
  @Field(() => JSONResolver, { nullable: true }) after?: unknown;
}
