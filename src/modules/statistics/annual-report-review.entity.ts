import { Entity, ManyToOne, type Ref } from '@mikro-orm/core';
import { ObjectType } from 'type-graphql';
import { ReviewRecord } from '../catalogue';
import { AnnualReport } from './annual-report.entity';

/** One reviewer's decision on one submission round of a report (the same two reviews as catalogue items). */
@ObjectType({ description: 'A review of an annual report (法规处审核 / 保密审查) with its comment.' })
@Entity({ tableName: 'annual_report_review' })
export class AnnualReportReview extends ReviewRecord {
  @ManyToOne(() => AnnualReport, { ref: true })
  report!: Ref<AnnualReport>;
}
