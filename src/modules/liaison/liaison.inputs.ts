import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { z } from 'zod';
import { PageArgs } from '../../common/relay';
import { fields } from '../../common/zod';
import { LiaisonKind, OutsideOrganisationKind } from './liaison-appointment.entity';
import { isLocalDate } from '../../common/dates';
import { TaskKind } from '../../common/tasks';

const localDate = z.string().refine(isLocalDate, 'appointments.notADate');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => s || null)
    .nullish();

@InputType({ description: 'A new appointment: either an existing user (userId) or an outside person (personName, organisation, organisationKind).' })
export class AppointLiaisonInput {
  @Field(() => ID) unitId!: string;
  @Field(() => LiaisonKind) kind!: LiaisonKind;
  @Field(() => ID, { nullable: true, description: 'The staff user appointed; omit for an outside person.' }) userId?: string | null;
  @Field(() => String, { nullable: true, description: 'Required for an outside person; defaults to the user’s display name.' }) personName?: string | null;
  @Field(() => String, { nullable: true, description: 'Organisation of an outside person (企业, 地方政府, 行业协会 …).' }) organisation?: string | null;
  @Field(() => OutsideOrganisationKind, { nullable: true }) organisationKind?: OutsideOrganisationKind | null;
  @Field(() => LocalDateResolver) startDate!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day (inclusive); omit for an open-ended appointment.' }) endDate?: string | null;
  @Field(() => String, { nullable: true }) duties?: string | null;
  @Field(() => String, { nullable: true }) officePhone?: string | null;
  @Field(() => String, { nullable: true }) mobile?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true }) notes?: string | null;
}
export const appointLiaisonSchema = z.object({
  unitId: z.string(),
  kind: z.enum(LiaisonKind),
  userId: z.string().nullish(),
  personName: optionalText(100),
  organisation: optionalText(200),
  organisationKind: z.enum(OutsideOrganisationKind).nullish(),
  startDate: localDate,
  endDate: localDate.nullish(),
  duties: optionalText(2000),
  officePhone: fields.phone.nullish(),
  mobile: fields.phone.nullish(),
  email: fields.email.nullish(),
  notes: optionalText(2000),
});

@InputType({ description: 'Ends an appointment; it stays in the history.' })
export class EndLiaisonAppointmentInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Last day of the appointment (inclusive); default today.' }) endDate?: string | null;
  @Field(() => Int, { nullable: true, description: 'The version you read; a stale one fails with CONFLICT.' }) expectedVersion?: number | null;
}
export const endLiaisonAppointmentSchema = z.object({
  id: z.string(),
  endDate: localDate.nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
});

@ArgsType()
export class LiaisonOfficersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only appointments to this unit (and its subtree unless includeSubtree is false).' })
  unitId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With unitId: include the units below it (default true).' })
  includeSubtree?: boolean | null;
  @Field(() => [LiaisonKind], { nullable: true }) kinds?: LiaisonKind[] | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Only appointments in force on this date.' })
  activeOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Include appointments that have ended (default false: only current and future ones).' })
  includeEnded?: boolean | null;
}

/** Arguments of `myTasks`: a page of the caller's tasks. */
@ArgsType()
export class MyTasksArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1–200; default 50.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;

  @Field(() => LocalDateResolver, { nullable: true, description: 'The day the tasks are computed for; default today (China time).' })
  asOf?: string | null;

  @Field(() => [TaskKind], { nullable: true, description: 'Only these kinds.' })
  kinds?: TaskKind[] | null;
}
