import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import type { TemplateDefinition } from './template-definitions';

/** A versioned statistics template; its tables, cells and checks are data (`definition`, jsonb). */
@ObjectType({ implements: Node, description: 'A versioned statistics template (统计表格式): tables, cells and checks are data.' })
@Entity({ tableName: 'statistics_template' })
export class StatisticsTemplate {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'e.g. CUSTOMS-2009, GOV-2021' })
  @Property({ type: 'string', length: 64 })
  code!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Field(() => Int, { description: 'First year the template applies to.' })
  @Property({ type: 'integer' })
  yearFrom!: number;

  @Field(() => Int, { nullable: true, description: 'Last year it applies to; null: still current.' })
  @Property({ type: 'integer', nullable: true })
  yearTo?: number | null;

  @Property({ type: 'json' })
  definition!: TemplateDefinition;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Does the template apply to `year`? */
  appliesTo(year: number): boolean {
    return year >= this.yearFrom && (this.yearTo == null || year <= this.yearTo);
  }
}
