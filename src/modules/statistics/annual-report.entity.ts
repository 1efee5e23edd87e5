import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';
import { OrgUnit } from '../organisation';
import type { SectionKey } from './template-definitions';

/** Workflow state of a report's working copy (the sections staff edit). */
export enum ReportStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  RETURNED = 'RETURNED',
  APPROVED = 'APPROVED',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(ReportStatus, {
  name: 'ReportStatus',
  valuesConfig: {
    DRAFT: { description: '草稿 (also a correction being prepared while the last publication stays public)' },
    IN_REVIEW: { description: '审核中 (法规处审核 and 保密审查)' },
    RETURNED: { description: '退回修改' },
    APPROVED: { description: '审核通过, awaiting publication' },
    PUBLISHED: { description: '已发布: the working copy is the current publication' },
  },
});

/**
 * The working copy of a unit's annual report (年度报告): text sections staff edit and send
 * through review. What the public reads is an AnnualReportPublication, frozen when published.
 */
@Entity({ tableName: 'annual_report' })
export class AnnualReport {
  [OptionalProps]?: 'sections' | 'sectionTitles' | 'title' | 'status' | 'reviewRound' | 'createdAt' | 'updatedAt' | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Property({ type: 'integer' })
  year!: number;

  @Property({ type: 'json' })
  sections: Partial<Record<SectionKey, string>> = {};

  /** The report's own title, as the source writes it; null: the template's title. */
  @Property({ type: 'text', nullable: true })
  title?: string | null;

  /**
   * The report's own section headings, as the source writes them (empty: no heading, e.g. a
   * preface). When any is set the report follows its own layout: sections without text are left out.
   */
  @Property({ type: 'json', fieldName: 'section_titles' })
  sectionTitles: Partial<Record<SectionKey, string>> = {};

  @Enum({ items: () => ReportStatus, type: 'string' })
  status: ReportStatus = ReportStatus.DRAFT;

  /** Submission round; reviews belong to one round, a resubmission needs both reviews again. */
  @Property({ type: 'integer', default: 0 })
  reviewRound: number = 0;

  @Property({ type: 'integer', nullable: true })
  submittedById?: number | null;

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt?: Date | null;

  /** Of the current publication. */
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
