import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/relay';
import { CatalogueCategory } from './catalogue-category.entity';
import { WithholdingStatus } from './catalogue.enums';
import { DisclosureItem } from './disclosure-item.entity';

export const { Connection: DisclosureItemConnection, Edge: DisclosureItemEdge } = ConnectionType(DisclosureItem, 'DisclosureItem');

@ObjectType({ description: 'A category of a unit’s catalogue with its published item counts.' })
export class CatalogueTreeNode {
  @Field(() => CatalogueCategory) category!: CatalogueCategory;
  @Field(() => Int, { description: 'Published items directly in this category.' }) publishedCount!: number;
  @Field(() => Int, { description: 'Published items in this category and its sub-categories.' }) totalPublishedCount!: number;
}

@ObjectType({ description: 'A withholding request (暂不宜公开) and the superior unit’s ruling.' })
export class Withholding {
  @Field(() => WithholdingStatus) status!: WithholdingStatus;
  @Field(() => String) reason!: string;
  @Field(() => DateTimeResolver, { nullable: true }) requestedAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Reasons of the ruling.' }) rulingReasons?: string | null;
  @Field(() => DateTimeResolver, { nullable: true }) ruledAt?: Date | null;
}
