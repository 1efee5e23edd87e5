import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { OrgUnit } from '../organisation';
import { AnnualReport } from './annual-report.entity';
import type { SectionKey } from './template-definitions';

/**
 * One publication of a report: the Markdown and HTML as they were rendered when it was
 * published, with the unit's name of that day. Rows never change (a trigger refuses it) except
 * to be marked superseded once, by the correction that replaces them.
 */
@ObjectType({ description: 'One publication of an annual report (发布版本), frozen when published; a correction is the next revision.' })
@Entity({ tableName: 'annual_report_publication' })
export class AnnualReportPublication {
  [OptionalProps]?: 'publishedAt' | 'supersededAt' | 'correctionReason' | 'statisticsId' | 'publishedById';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => AnnualReport, { ref: true })
  report!: Ref<AnnualReport>;

  @Field(() => Int, { description: '1 for the first publication; each correction is the next.' })
  @Property({ type: 'integer' })
  revision!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => Int)
  @Property({ type: 'integer' })
  year!: number;

  @Field(() => String, { description: 'The unit’s name when this revision was published.' })
  @Property({ type: 'string', length: 200 })
  unitName!: string;

  @Property({ type: 'json' })
  sections!: Partial<Record<SectionKey, string>>;

  @Field(() => String)
  @Property({ type: 'text' })
  markdown!: string;

  @Field(() => String, { description: 'The sanitised HTML page, as published.' })
  @Property({ type: 'text' })
  html!: string;

  @Property({ type: 'integer', nullable: true })
  statisticsId?: number | null;

  @Field(() => Int, { description: 'Review round whose legal and secrecy reviews passed it (0: published before reviews were recorded).' })
  @Property({ type: 'integer' })
  reviewRound!: number;

  @Field(() => String, { nullable: true, description: 'Why a correction replaced the revision before.' })
  @Property({ type: 'text', nullable: true })
  correctionReason?: string | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  publishedAt: Date = new Date();

  @Property({ type: 'integer', nullable: true })
  publishedById?: number | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When a correction replaced it; null for the current publication.' })
  @Property({ type: 'timestamptz', nullable: true })
  supersededAt?: Date | null;
}
