import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { OrgUnit } from '../organisation';
import type { SectionKey } from './template-definitions';

export enum ReportStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(ReportStatus, { name: 'ReportStatus', valuesConfig: { DRAFT: { description: '草稿' }, PUBLISHED: { description: '已发布 (public)' } } });

/** The text sections of a unit's annual report (年度报告); the tables come from accepted figures. */
@Entity({ tableName: 'annual_report' })
export class AnnualReport {
  [OptionalProps]?: 'sections' | 'status' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'json' })
  sections: Partial<Record<SectionKey, string>> = {};

  @Enum({ items: () => ReportStatus, type: 'string' })
  status: ReportStatus = ReportStatus.DRAFT;

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  publishedById?: number | null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();

  @Property({ type: 'integer', version: true })
  version!: number;
}
