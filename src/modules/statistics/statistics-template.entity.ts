import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/relay';
import type { TemplateDefinition } from './template-definitions';

/** Lifecycle of a template version: DRAFT (being defined, applies to no year) → ACTIVE. */
export enum TemplateStatus {
  DRAFT = 'DRAFT',
  ACTIVE = 'ACTIVE',
}
registerEnumType(TemplateStatus, {
  name: 'StatisticsTemplateStatus',
  valuesConfig: {
    DRAFT: { description: '草稿: defined, not yet in force' },
    ACTIVE: { description: '已启用: applies to its years' },
  },
});

/** A versioned statistics template; its tables, cells and checks are data (`definition`, jsonb). */
@ObjectType({ implements: Node, description: 'A versioned statistics template (统计表格式): tables, cells and checks are data.' })
@Entity({ tableName: 'statistics_template' })
export class StatisticsTemplate {
  [OptionalProps]?: 'createdAt' | 'status';

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

  @Field(() => TemplateStatus)
  @Enum({ items: () => TemplateStatus, type: 'string' })
  status: TemplateStatus = TemplateStatus.ACTIVE;

  @Field(() => String, { nullable: true, description: 'A supplement’s main template family (code), e.g. GOV-2021; null for a main template.' })
  get supplementTo(): string | null {
    return this.definition?.supplementTo ?? null;
  }

  @Property({ type: 'integer', nullable: true })
  createdById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  activatedAt?: Date | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  /** Does the template apply to `year`? */
  appliesTo(year: number): boolean {
    return year >= this.yearFrom && (this.yearTo == null || year <= this.yearTo);
  }
}
