import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/relay';
import { ContactConsultation } from './contact-consultation.entity';
import { AnnualStatistics } from '../statistics';
import { ContactCase } from './contact-case.entity';
import { ContactCaseKind, ContactCaseStatus } from './contact.enums';

export const { Connection: ContactCaseConnection, Edge: ContactCaseEdge } = ConnectionType(ContactCase, 'ContactCase');
export const { Connection: ContactConsultationConnection, Edge: ContactConsultationEdge } = ConnectionType(ContactConsultation, 'ContactConsultation');

@ObjectType({ simpleResolvers: true, description: 'The reporter’s personal data: only for those handling the case; every read is audited.' })
export class ContactReporter {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) contact!: string | null;
  @Field(() => String, { nullable: true }) organisation!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'Result of recordConsultationCounts.' })
export class ConsultationCountsResult {
  @Field(() => Int, { description: 'Day-and-channel rows written (new or replaced).' }) rowsWritten!: number;
  @Field(() => Int, { description: 'Sum of the counts sent.' }) total!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Consultation and complaint figures of a unit and year, computed from the log and the cases.' })
export class ContactFigures {
  unitId!: number;
  @Field(() => Int) year!: number;
  @Field(() => Boolean, { description: 'Subordinate offices below counted too (else the unit’s own figures, 本级).' }) includesSubordinateOffices!: boolean;
  @Field(() => Int, { description: '接受各类业务咨询总数 (every channel, tallies included).' }) consultationsTotal!: number;
  @Field(() => Int, { description: '电话咨询' }) consultationsByPhone!: number;
  @Field(() => Int, { description: '来人来访' }) consultationsAtCounter!: number;
  @Field(() => Int, { description: '网上在线咨询' }) consultationsOnline!: number;
  @Field(() => Int, { description: 'Other channels (counted in the total only).' }) consultationsOther!: number;
  @Field(() => Int, { description: 'Logged consultations escalated to a difficult question.' }) consultationsEscalated!: number;
  @Field(() => Int, { description: '协调解决通关疑难问题数: difficult questions closed in the year.' }) difficultQuestionsResolved!: number;
  @Field(() => Int, { description: '企业反映投诉数: complaints received in the year.' }) complaints!: number;
  @Field(() => Int, { description: 'Tip-offs (举报) received in the year.' }) tipOffs!: number;
  @Field(() => Int, { description: 'Suggestions received in the year.' }) suggestions!: number;
  @Field(() => Int, { description: 'Follow-up visits (回访) in the year.' }) followUps!: number;
  @Field(() => Float, { nullable: true, description: '对外服务满意率 in %: satisfied or basically satisfied visits / visits; null without visits.' })
  satisfactionRate!: number | null;
  @Field(() => JSONObjectResolver, { description: 'The figures as cells of the CUSTOMS-2009 template (key → value); what fillStatisticsFromContact writes.' })
  cells!: Record<string, number | null>;
}

@ObjectType({ simpleResolvers: true, description: 'What a public submission gets back: keep both to read the answer.' })
export class PublicContactReceipt {
  @Field(() => String) trackingNumber!: string;
  @Field(() => String, { description: 'Shown once; only its hash is stored.' }) secret!: string;
  @Field(() => LocalDateResolver) receivedOn!: string;
  @Field(() => LocalDateResolver, { description: 'When an answer is due.' }) dueOn!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A case as its reporter sees it, by tracking number and secret.' })
export class PublicContactCase {
  @Field(() => String) trackingNumber!: string;
  @Field(() => ContactCaseKind) kind!: ContactCaseKind;
  @Field(() => String) unitName!: string;
  @Field(() => String) subject!: string;
  @Field(() => LocalDateResolver) receivedOn!: string;
  @Field(() => LocalDateResolver) dueOn!: string;
  @Field(() => ContactCaseStatus) status!: ContactCaseStatus;
  @Field(() => String, { nullable: true, description: 'The answer, once closed.' }) result!: string | null;
  @Field(() => LocalDateResolver, { nullable: true }) closedOn!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'The statistics draft filled from the contact records, and which cells came from them.' })
export class ContactStatisticsFill {
  @Field(() => AnnualStatistics) statistics!: AnnualStatistics;
  @Field(() => [String], { description: 'Cell keys written from the records (each carries a note saying so).' }) filledCells!: string[];
  @Field(() => ContactFigures) figures!: ContactFigures;
}

@ObjectType({ simpleResolvers: true, description: 'Open contact cases of a subtree that the caller may see.' })
export class ContactCaseCounts {
  @Field(() => Int) open!: number;
  @Field(() => Int, { description: 'Open and past their due date.' }) overdue!: number;
  @Field(() => Int, { description: 'Open and escalated above the level they started at.' }) escalated!: number;
}
