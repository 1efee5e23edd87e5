import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, User } from '../organisation';
import { ContactConsultation } from './contact-consultation.entity';
import {
  ContactCaseChannel,
  ContactCaseKind,
  ContactCaseStatus,
  ContactCaseStepKind,
  ContactLevel,
  FeedbackMethod,
  HandlingMode,
  Satisfaction,
} from './contact.enums';

/**
 * A complaint, suggestion, tip-off or difficult question, owned by its first responder (首问负责),
 * handled at the level of `handlingUnit` (三级负责). The reporter's personal data is in the
 * reporter* columns, exposed only through the redacted `reporter` field.
 */
@ObjectType({
  implements: Node,
  description:
    'A complaint, suggestion, tip-off (举报) or difficult question, handled by the first responder and escalated section → division → district office.',
})
@Entity({ tableName: 'contact_case' })
export class ContactCase {
  [OptionalProps]?:
    | 'openedAt'
    | 'restricted'
    | 'reporterName'
    | 'reporterContact'
    | 'reporterOrganisation'
    | 'owner'
    | 'createdBy'
    | 'timeLimitDays'
    | 'escalations'
    | 'status'
    | 'result'
    | 'closedOn'
    | 'closedAt'
    | 'closedBy'
    | 'feedbackOn'
    | 'feedbackMethod'
    | 'feedbackNote'
    | 'followUpOn'
    | 'satisfaction'
    | 'followUpNote'
    | 'secretHash'
    | 'consultation'
    | 'version';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  /** The unit the matter is about (and addressed to). */
  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  /** The unit responsible now: the unit itself, its division, or its district (三级负责). */
  @ManyToOne(() => OrgUnit, { ref: true })
  handlingUnit!: Ref<OrgUnit>;

  @Field(() => ContactCaseKind)
  @Enum({ items: () => ContactCaseKind, type: 'string' })
  kind!: ContactCaseKind;

  @Field(() => ContactCaseChannel)
  @Enum({ items: () => ContactCaseChannel, type: 'string' })
  channel!: ContactCaseChannel;

  @Field(() => Boolean, { description: 'About staff conduct: visible only to INSPECTORs (监察室) over the unit, never to the unit itself.' })
  @Property({ type: 'boolean', default: false })
  restricted: boolean = false;

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  subject!: string;

  @Field(() => String)
  @Property({ type: 'text' })
  description!: string;

  @Field(() => Boolean, { description: 'The reporter gave no name.' })
  @Property({ type: 'boolean' })
  anonymous!: boolean;

  @Property({ type: 'string', length: 100, nullable: true })
  reporterName?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  reporterContact?: string | null;

  @Property({ type: 'string', length: 200, nullable: true })
  reporterOrganisation?: string | null;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  receivedOn!: string;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  openedAt: Date = new Date();

  /** The first responder (首问负责人); null for a public submission until someone acts on it. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  owner?: Ref<User> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => HandlingMode)
  @Enum({ items: () => HandlingMode, type: 'string' })
  handlingMode!: HandlingMode;

  @Field(() => Int, { nullable: true, description: '限时办: working days allowed.' })
  @Property({ type: 'integer', nullable: true })
  timeLimitDays?: number | null;

  @Field(() => LocalDateResolver, { description: 'Last day to close the case in time.' })
  @Property({ type: 'date' })
  dueOn!: string;

  @Field(() => ContactLevel)
  @Enum({ items: () => ContactLevel, type: 'string' })
  level!: ContactLevel;

  @Field(() => ContactLevel, { description: 'The level the case started at.' })
  @Enum({ items: () => ContactLevel, type: 'string' })
  initialLevel!: ContactLevel;

  @Field(() => Int)
  @Property({ type: 'integer', default: 0 })
  escalations: number = 0;

  @Field(() => ContactCaseStatus)
  @Enum({ items: () => ContactCaseStatus, type: 'string', default: ContactCaseStatus.OPEN })
  status: ContactCaseStatus = ContactCaseStatus.OPEN;

  @Field(() => String, { nullable: true, description: '处理结果.' })
  @Property({ type: 'text', nullable: true })
  result?: string | null;

  @Field(() => LocalDateResolver, { nullable: true })
  @Property({ type: 'date', nullable: true })
  closedOn?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  closedBy?: Ref<User> | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'When feedback was given to the named reporter (反馈).' })
  @Property({ type: 'date', nullable: true })
  feedbackOn?: string | null;

  @Field(() => FeedbackMethod, { nullable: true })
  @Enum({ items: () => FeedbackMethod, type: 'string', nullable: true })
  feedbackMethod?: FeedbackMethod | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  feedbackNote?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: '回访 date.' })
  @Property({ type: 'date', nullable: true })
  followUpOn?: string | null;

  @Field(() => Satisfaction, { nullable: true })
  @Enum({ items: () => Satisfaction, type: 'string', nullable: true })
  satisfaction?: Satisfaction | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  followUpNote?: string | null;

  @Field(() => String, { description: 'Tracking number given to the reporter.' })
  @Property({ type: 'string', length: 32, unique: true })
  trackingNumber!: string;

  /** SHA-256 of the reporter's secret (public submissions); the secret itself is never stored. */
  @Property({ type: 'string', length: 64, nullable: true })
  secretHash?: string | null;

  @ManyToOne(() => ContactConsultation, { ref: true, nullable: true })
  consultation?: Ref<ContactConsultation> | null;

  @Field(() => Int, { description: 'Optimistic-lock version.' })
  @Property({ type: 'integer', version: true })
  version!: number;
}

/** One step of a case: opened, escalated (who, why, from and to), closed, followed up. */
@ObjectType({ description: 'A step in the handling of a case, with who took it and why.' })
@Entity({ tableName: 'contact_case_step' })
export class ContactCaseStep {
  [OptionalProps]?: 'occurredAt' | 'fromLevel' | 'toLevel' | 'fromUnit' | 'toUnit' | 'actor' | 'reason';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => ContactCase, { ref: true })
  case!: Ref<ContactCase>;

  @Field(() => ContactCaseStepKind)
  @Enum({ items: () => ContactCaseStepKind, type: 'string' })
  kind!: ContactCaseStepKind;

  @Field(() => ContactLevel, { nullable: true })
  @Enum({ items: () => ContactLevel, type: 'string', nullable: true })
  fromLevel?: ContactLevel | null;

  @Field(() => ContactLevel, { nullable: true })
  @Enum({ items: () => ContactLevel, type: 'string', nullable: true })
  toLevel?: ContactLevel | null;

  @ManyToOne(() => OrgUnit, { ref: true, nullable: true })
  fromUnit?: Ref<OrgUnit> | null;

  @ManyToOne(() => OrgUnit, { ref: true, nullable: true })
  toUnit?: Ref<OrgUnit> | null;

  /** Null for a public submission. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  actor?: Ref<User> | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  occurredAt: Date = new Date();
}
