import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, User } from '../organisation';
import {
  AppealResult,
  ApplicantType,
  OutcomeReason,
  RequestChannel,
  RequestDocumentKind,
  RequestEventKind,
  RequestOutcome,
  RequestStatus,
} from './requests.enums';

/**
 * A request for disclosure (政府信息公开申请) addressed to a disclosure body. The applicant's
 * personal data is in the applicant* columns, exposed only through the redacted `applicant` field.
 */
@ObjectType({ implements: Node, description: 'A request for disclosure (政府信息公开申请) in the register of a disclosure body.' })
@Entity({ tableName: 'disclosure_request' })
export class DisclosureRequest {
  [OptionalProps]?:
    | 'secretHash'
    | 'applicantIdDocument'
    | 'applicantAddress'
    | 'applicantPhone'
    | 'applicantEmail'
    | 'status'
    | 'pausedSince'
    | 'correctionAnswerBy'
    | 'pausedWorkingDays'
    | 'extensionWorkingDays'
    | 'extensionApprovedBy'
    | 'outcome'
    | 'outcomeReason'
    | 'referredTo'
    | 'conclusionNote'
    | 'concludedOn'
    | 'concludedBy'
    | 'feeAmount'
    | 'reconsiderationFiledOn'
    | 'reconsiderationResult'
    | 'litigationFiledOn'
    | 'litigationAfterReconsideration'
    | 'litigationResult'
    | 'createdBy'
    | 'createdAt'
    | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** The disclosure body the request is addressed to (a DISTRICT or the ADMINISTRATION). */
  @ManyToOne(() => OrgUnit, { ref: true })
  bodyUnit!: Ref<OrgUnit>;

  @Field(() => String, { description: 'Tracking number given to the applicant.' })
  @Property({ type: 'string', length: 32, unique: true })
  trackingNumber!: string;

  /** SHA-256 of the applicant's secret (online filings); the secret itself is never stored. */
  @Property({ type: 'string', length: 64, nullable: true })
  secretHash?: string | null;

  @Field(() => RequestChannel)
  @Enum({ items: () => RequestChannel, type: 'string' })
  channel!: RequestChannel;

  @Field(() => ApplicantType)
  @Enum({ items: () => ApplicantType, type: 'string' })
  applicantType!: ApplicantType;

  @Property({ type: 'string', length: 100 })
  applicantName!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  applicantIdDocument?: string | null;

  @Property({ type: 'string', length: 300, nullable: true })
  applicantAddress?: string | null;

  @Property({ type: 'string', length: 40, nullable: true })
  applicantPhone?: string | null;

  @Property({ type: 'string', length: 254, nullable: true })
  applicantEmail?: string | null;

  @Field(() => String, { description: 'The information asked for (申请内容).' })
  @Property({ type: 'text' })
  description!: string;

  @Field(() => LocalDateResolver, { description: 'Receipt date: in person the day handed in, by letter the day signed for, online the day confirmed.' })
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => RequestStatus)
  @Enum({ items: () => RequestStatus, type: 'string', default: RequestStatus.OPEN })
  status: RequestStatus = RequestStatus.OPEN;

  @Field(() => LocalDateResolver, { description: 'Reply due: 20 working days after receipt, plus stopped days and an approved extension.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The clock is stopped since this day (correction notice or third-party consultation).' })
  @Property({ type: 'date', nullable: true })
  pausedSince?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The applicant must answer the correction notice by this day.' })
  @Property({ type: 'date', nullable: true })
  correctionAnswerBy?: string | null;

  @Field(() => Int, { description: 'Working days the clock was stopped (correction, third-party consultation).' })
  @Property({ type: 'integer', default: 0 })
  pausedWorkingDays: number = 0;

  @Field(() => Int, { description: 'Approved extension in working days (at most 20).' })
  @Property({ type: 'integer', default: 0 })
  extensionWorkingDays: number = 0;

  @ManyToOne(() => User, { ref: true, nullable: true })
  extensionApprovedBy?: Ref<User> | null;

  @Field(() => RequestOutcome, { nullable: true })
  @Enum({ items: () => RequestOutcome, type: 'string', nullable: true })
  outcome?: RequestOutcome | null;

  @Field(() => OutcomeReason, { nullable: true })
  @Enum({ items: () => OutcomeReason, type: 'string', nullable: true })
  outcomeReason?: OutcomeReason | null;

  @Field(() => String, { nullable: true, description: 'The body that holds the information, named in the notice (告知).' })
  @Property({ type: 'string', length: 200, nullable: true })
  referredTo?: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  conclusionNote?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  concludedOn?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  concludedBy?: Ref<User> | null;

  @Field(() => Float, { nullable: true, description: '信息处理费 charged, in yuan.' })
  @Property({ type: 'decimal', precision: 12, scale: 2, nullable: true, runtimeType: 'number' })
  feeAmount?: number | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  reconsiderationFiledOn?: string | null;

  @Field(() => AppealResult, { nullable: true, description: '行政复议 result.' })
  @Enum({ items: () => AppealResult, type: 'string', nullable: true })
  reconsiderationResult?: AppealResult | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  litigationFiledOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'The lawsuit followed a reconsideration (复议后起诉).' })
  @Property({ type: 'boolean', nullable: true })
  litigationAfterReconsideration?: boolean | null;

  @Field(() => AppealResult, { nullable: true, description: '行政诉讼 result.' })
  @Enum({ items: () => AppealResult, type: 'string', nullable: true })
  litigationResult?: AppealResult | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => Int, { description: 'Optimistic-lock version.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** One dated event of a request, with who recorded it. */
@ObjectType({ simpleResolvers: true, description: 'A dated state change of a request, with who made it.' })
@Entity({ tableName: 'disclosure_request_event' })
export class RequestEvent {
  [OptionalProps]?: 'recordedAt' | 'actor' | 'note' | 'dueOnAfter';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => DisclosureRequest, { ref: true })
  request!: Ref<DisclosureRequest>;

  @Field(() => RequestEventKind)
  @Enum({ items: () => RequestEventKind, type: 'string' })
  kind!: RequestEventKind;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  recordedAt: Date = new Date();

  /** Null for an online filing. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The due date after this event.' })
  @Property({ type: 'date', nullable: true })
  dueOnAfter?: string | null;
}

/** A document issued to the applicant, generated from its template. */
@ObjectType({ simpleResolvers: true, description: 'A document issued to the applicant (答复书, 延期告知书, 补正告知书, 告知书), as Markdown and HTML.' })
@Entity({ tableName: 'disclosure_request_document' })
export class RequestDocument {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => DisclosureRequest, { ref: true })
  request!: Ref<DisclosureRequest>;

  @Field(() => RequestDocumentKind)
  @Enum({ items: () => RequestDocumentKind, type: 'string' })
  kind!: RequestDocumentKind;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  issuedOn!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  markdown!: string;

  @Field(() => String, { description: 'Rendered and sanitised like the reports.' })
  @Property({ type: 'text' })
  html!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

/** Overrides, for one unit, whether it receives requests (default: districts and the administration). */
@Entity({ tableName: 'disclosure_body_setting' })
export class DisclosureBodySetting {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  unitId!: number;

  @Property({ type: 'boolean' })
  acceptsRequests!: boolean;

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
