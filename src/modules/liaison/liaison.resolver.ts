import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders, User } from '../organisation';
import { LiaisonAppointment } from './liaison-appointment.entity';
import { LiaisonAppointmentService } from './liaison-appointment.service';
import { LiaisonCoverageService } from './liaison-coverage.service';
import { LiaisonTaskService } from './liaison-task.service';
import { todayInChina } from '../../common/dates';
import { AppointLiaisonInput, EndLiaisonAppointmentInput, LiaisonOfficersArgs, MyTasksArgs } from './liaison.inputs';
import { liaisonLoaders } from './liaison.loaders';
import { LiaisonAppointmentConnection, LiaisonCoverage, LiaisonTask, TaskConnection } from './liaison.types';

@Resolver(() => LiaisonAppointment)
export class LiaisonAppointmentResolver {
  @Query(() => LiaisonAppointmentConnection, {
    description:
      'Liaison officers, invited liaisons and volunteer supervisors. Anonymous callers see the DEPARTMENT liaisons in force; staff see every appointment of their units.',
  })
  liaisonOfficers(@Ctx() ctx: Context, @Args(() => LiaisonOfficersArgs) args: LiaisonOfficersArgs) {
    return new LiaisonAppointmentService(ctx).list(args);
  }

  @Mutation(() => LiaisonAppointment, { description: 'Appoints a liaison or supervisor to a unit you administer.' })
  appointLiaison(@Ctx() ctx: Context, @Arg('input', () => AppointLiaisonInput) input: AppointLiaisonInput) {
    return new LiaisonAppointmentService(ctx).appoint(input);
  }

  @Mutation(() => LiaisonAppointment, { description: 'Ends an appointment of a unit you administer; it stays in the history.' })
  endLiaisonAppointment(@Ctx() ctx: Context, @Arg('input', () => EndLiaisonAppointmentInput) input: EndLiaisonAppointmentInput) {
    return new LiaisonAppointmentService(ctx).end(input);
  }

  @FieldResolver(() => ID)
  id(@Root() a: LiaisonAppointment): string {
    return toGlobalId('LiaisonAppointment', a.id);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() a: LiaisonAppointment, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(a.unit.id))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The staff user appointed; null for an outside person.' })
  user(@Root() a: LiaisonAppointment, @Ctx() ctx: Context): Promise<User | null> | null {
    return a.user ? organisationLoaders(ctx).userById.load(a.user.id) : null;
  }

  @FieldResolver(() => Boolean, { description: 'In force today.' })
  active(@Root() a: LiaisonAppointment): boolean {
    return a.activeOn(todayInChina());
  }
}

@Resolver(() => LiaisonCoverage)
export class LiaisonCoverageResolver {
  @Query(() => LiaisonCoverage, { description: 'Which divisions and subordinate offices of a subtree have an active DEPARTMENT liaison; staff in scope.' })
  liaisonCoverage(
    @Ctx() ctx: Context,
    @Arg('unitId', () => ID) unitId: string,
    @Arg('date', () => LocalDateResolver, { nullable: true, description: 'Default today.' }) date?: string | null,
  ) {
    return new LiaisonCoverageService(ctx).coverage(unitId, date);
  }

  @FieldResolver(() => OrgUnit, { description: 'Root of the subtree.' })
  async unit(@Root() c: LiaisonCoverage, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(c.unitId))!;
  }

  @FieldResolver(() => [OrgUnit], { description: 'Units without an active DEPARTMENT liaison, in tree order.' })
  async gaps(@Root() c: LiaisonCoverage, @Ctx() ctx: Context): Promise<OrgUnit[]> {
    const rows = await organisationLoaders(ctx).unitById.loadMany(c.gapIds);
    return rows.filter((r): r is OrgUnit => r instanceof OrgUnit);
  }

  @FieldResolver(() => [LiaisonAppointment], { description: 'DEPARTMENT appointments in force that end within endingWithinDays.' })
  async endingSoon(@Root() c: LiaisonCoverage, @Ctx() ctx: Context): Promise<LiaisonAppointment[]> {
    const rows = await liaisonLoaders(ctx).appointmentById.loadMany(c.endingSoonIds);
    return rows.filter((r): r is LiaisonAppointment => r instanceof LiaisonAppointment);
  }
}

@Resolver(() => LiaisonTask)
export class LiaisonTaskResolver {
  @Query(() => TaskConnection, {
    description:
      'Your tasks, a page at a time in a stable order (due date, then kind, then target): for the units you liaise for (LIAISON grants and DEPARTMENT appointments), and for your other roles (reviews, publications, withholding rulings, statistics acceptance, reports to publish, inspections to score or answer, requests for disclosure near their deadline). Due dates count working days (工作日) of the holiday calendar.',
  })
  myTasks(@Ctx() ctx: Context, @Args(() => MyTasksArgs) args: MyTasksArgs) {
    return new LiaisonTaskService(ctx, ctx.taskProviders).myTasks(args);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() t: LiaisonTask, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(t.unitId))!;
  }
}
