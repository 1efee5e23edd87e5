import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../common/relay';
import { OrgUnit, User } from '../organisation';

/** What an appointment is: a department's own liaison, an invited liaison or a volunteer supervisor. */
export enum LiaisonKind {
  DEPARTMENT = 'DEPARTMENT',
  INVITED = 'INVITED',
  VOLUNTEER_SUPERVISOR = 'VOLUNTEER_SUPERVISOR',
}
registerEnumType(LiaisonKind, {
  name: 'LiaisonKind',
  valuesConfig: {
    DEPARTMENT: { description: '联络员: a department’s part-time liaison officer; counts for coverage' },
    INVITED: { description: '特邀联络员: an invited liaison' },
    VOLUNTEER_SUPERVISOR: { description: '政务公开义务监督员: a volunteer supervisor' },
  },
});

/** Kind of organisation an outside person comes from. */
export enum OutsideOrganisationKind {
  ENTERPRISE = 'ENTERPRISE',
  LOCAL_GOVERNMENT = 'LOCAL_GOVERNMENT',
  TRADE_ASSOCIATION = 'TRADE_ASSOCIATION',
  OTHER = 'OTHER',
}
registerEnumType(OutsideOrganisationKind, {
  name: 'OutsideOrganisationKind',
  valuesConfig: {
    ENTERPRISE: { description: '企业' },
    LOCAL_GOVERNMENT: { description: '地方政府' },
    TRADE_ASSOCIATION: { description: '行业协会' },
    OTHER: { description: '其他' },
  },
});

/**
 * One appointment of a person as liaison or supervisor of a unit, from `startDate` to the inclusive
 * `endDate` (open when null). Ended appointments stay as history.
 */
@ObjectType({ implements: Node, description: 'An appointment of a liaison officer (联络员), invited liaison or volunteer supervisor to a unit.' })
@Entity({ tableName: 'liaison_appointment' })
export class LiaisonAppointment {
  [OptionalProps]?:
    | 'createdAt'
    | 'version'
    | 'endDate'
    | 'duties'
    | 'officePhone'
    | 'mobile'
    | 'email'
    | 'notes'
    | 'organisation'
    | 'organisationKind'
    | 'user'
    | 'createdBy'
    | 'endedAt'
    | 'endedBy';

  @PrimaryKey({ type: 'integer' })
  id!: number;

  @ManyToOne(() => User, { ref: true, nullable: true })
  user?: Ref<User> | null;

  @Field(() => String, { description: 'Name of the person (the user’s display name when linked to a user).' })
  @Property({ type: 'string', length: 100 })
  personName!: string;

  @Field(() => String, { nullable: true, description: 'Organisation of an outside person, e.g. the enterprise.' })
  @Property({ type: 'string', length: 200, nullable: true })
  organisation?: string | null;

  @Field(() => OutsideOrganisationKind, { nullable: true })
  @Enum({ items: () => OutsideOrganisationKind, type: 'string', nullable: true })
  organisationKind?: OutsideOrganisationKind | null;

  @ManyToOne(() => OrgUnit, { ref: true })
  unit!: Ref<OrgUnit>;

  @Field(() => LiaisonKind)
  @Enum({ items: () => LiaisonKind, type: 'string' })
  kind!: LiaisonKind;

  @Field(() => LocalDateResolver)
  @Property({ type: 'date' })
  startDate!: string;

  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the appointment (inclusive); null while open-ended.' })
  @Property({ type: 'date', nullable: true })
  endDate?: string | null;

  @Field(() => String, { nullable: true, description: 'Duties (职责) of the appointment.' })
  @Property({ type: 'text', nullable: true })
  duties?: string | null;

  @Field(() => String, { nullable: true, description: 'Public for DEPARTMENT liaisons; otherwise staff in scope (OFFICE_ADMINs for outside persons).' })
  @Property({ type: 'string', length: 32, nullable: true })
  officePhone?: string | null;

  @Field(() => String, { nullable: true, description: 'Staff in scope only (OFFICE_ADMINs in scope for outside persons).' })
  @Property({ type: 'string', length: 32, nullable: true })
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: 'Staff in scope only (OFFICE_ADMINs in scope for outside persons).' })
  @Property({ type: 'string', length: 254, nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Personal notes; staff in scope only.' })
  @Property({ type: 'text', nullable: true })
  notes?: string | null;

  @Field(() => DateTimeResolver)
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When endLiaisonAppointment was called.' })
  @Property({ type: 'timestamptz', nullable: true })
  endedAt?: Date | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  endedBy?: Ref<User> | null;

  @Field(() => Int, { description: 'Optimistic-lock version; send it back with endLiaisonAppointment.' })
  @Property({ type: 'integer', version: true })
  version!: number;

  /** Is the appointment in force on `date` (YYYY-MM-DD)? */
  activeOn(date: string): boolean {
    return this.startDate <= date && (this.endDate == null || this.endDate >= date);
  }
}
