import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ConnectionType } from '../../common/relay';
import { TaskKind } from '../../common/tasks';
import { LiaisonAppointment } from './liaison-appointment.entity';

export const { Connection: LiaisonAppointmentConnection, Edge: LiaisonAppointmentEdge } = ConnectionType(LiaisonAppointment, 'LiaisonAppointment');

/** Liaison coverage of a subtree on a date, as computed in SQL. */
@ObjectType({ description: 'Which divisions and subordinate offices of a subtree have an active DEPARTMENT liaison on a date.' })
export class LiaisonCoverage {
  /** Numeric id of the subtree's root; resolved to an OrgUnit by the resolver. */
  unitId!: number;
  /** Numeric ids of the gaps, in tree order; resolved by the resolver. */
  gapIds!: number[];
  /** Numeric ids of the appointments ending soon; resolved by the resolver. */
  endingSoonIds!: number[];

  @Field(() => LocalDateResolver) date!: string;
  @Field(() => Int, { description: 'Active DIVISION and SUBORDINATE_OFFICE units in the subtree (the root included).' }) requiredUnits!: number;
  @Field(() => Int, { description: 'Of those, units with at least one active DEPARTMENT liaison on the date.' }) coveredUnits!: number;
  @Field(() => Float, { description: 'coveredUnits / requiredUnits, 0–1; 1 when nothing is required.' }) rate!: number;
  @Field(() => Int, { description: 'Days ahead that endingSoon looks (30).' }) endingWithinDays!: number;
}

/** One task of a liaison, as gathered from the task providers. */
@ObjectType({
  description:
    'Work waiting for you: an item to review, publish or fix, statistics to submit or accept, a report to publish, an inspection to score or answer, a request whose deadline nears …',
})
export class LiaisonTask {
  @Field(() => TaskKind) kind!: TaskKind;
  unitId!: number;
  @Field(() => String) title!: string;
  @Field(() => LocalDateResolver, { nullable: true }) dueDate!: string | null;
  @Field(() => String, { description: 'GraphQL type of the object to open, e.g. DisclosureItem.' }) targetType!: string;
  @Field(() => ID, { description: 'Global id of the object to open.' }) targetId!: string;
  @Field(() => Int, { nullable: true, description: 'The year the target is about (statistics, annual reports); null where no year matters.' }) year?:
    number | null;
  @Field(() => String, { nullable: true }) detail?: string | null;
}

export const { Connection: TaskConnection, Edge: TaskEdge } = ConnectionType(LiaisonTask, 'Task');
