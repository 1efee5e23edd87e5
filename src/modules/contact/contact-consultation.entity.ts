import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, User } from '../organisation';
import { ConsultationChannel, ConsultationOutcome, ConsultationTopic } from './contact.enums';

/**
 * One row of the consultation log: a single consultation logged at the counter, on the phone or
 * online (count 1, with topic and outcome), or a day's tally of one channel (is_tally).
 */
@ObjectType({ implements: Node, description: 'A logged consultation (咨询), or a day’s tally of one channel.' })
@Entity({ tableName: 'contact_consultation' })
export class ContactConsultation {
  [OptionalProps]?: 'createdAt' | 'isTally' | 'count' | 'topic' | 'outcome' | 'loggedBy';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  occurredOn!: string;

  @Field(() => ConsultationChannel)
  @Enum({ items: () => ConsultationChannel, type: 'string' })
  channel!: ConsultationChannel;

  @Field(() => Boolean, { description: 'A day’s count of a channel rather than one logged consultation.' })
  @Property({ type: 'boolean', default: false })
  isTally: boolean = false;

  @Field(() => Int)
  @Property({ type: 'integer', default: 1 })
  count: number = 1;

  @Field(() => ConsultationTopic, { nullable: true })
  @Enum({ items: () => ConsultationTopic, type: 'string', nullable: true })
  topic?: ConsultationTopic | null;

  @Field(() => ConsultationOutcome, { nullable: true })
  @Enum({ items: () => ConsultationOutcome, type: 'string', nullable: true })
  outcome?: ConsultationOutcome | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  loggedBy?: Ref<User> | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}
