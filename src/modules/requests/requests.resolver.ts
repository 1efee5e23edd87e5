import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { todayInChina } from '../../common/dates';
import { NotFoundError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { Overview } from '../dashboard';
import { OrgUnit, organisationLoaders, User } from '../organisation';
import { AnnualStatistics } from '../statistics';
import { DisclosureRequest, RequestDocument, RequestEvent } from './request.entity';
import { RequestBodiesService } from './request-bodies.service';
import { RequestStatisticsFillService } from './request-statistics.fill';
import { RequestStatisticsService } from './request-statistics.service';
import { RequestService } from './request.service';
import { RequestWorkflowService } from './request-workflow.service';
import { PublicRequestService } from './request-public.service';
import { requestOverview } from './request-overview';
import {
  ConcludeRequestInput,
  CorrectFilledCellInput,
  DisclosureRequestsArgs,
  ExtendRequestInput,
  FileRequestInput,
  FillStatisticsFromRequestsInput,
  RecordAppealInput,
  RecordFeeInput,
  RegisterRequestInput,
  RequestCorrectionInput,
  RequestStatisticsArgs,
  RequestStepInput,
  StartConsultationInput,
} from './requests.inputs';
import { requestLoaders } from './requests.loaders';
import { viewerHandles } from './requests.rules';
import { RequestStatus } from './requests.enums';
import {
  DisclosureRequestConnection,
  OverviewRequests,
  PublicRequestStatus,
  RequestApplicant,
  RequestReceipt,
  RequestStatistics,
  RequestStatisticsFill,
} from './requests.types';

@Resolver(() => DisclosureRequest)
export class DisclosureRequestResolver {
  @Query(() => DisclosureRequestConnection, { description: 'Requests for disclosure you may see (staff over the body), newest first.' })
  disclosureRequests(@Ctx() ctx: Context, @Args(() => DisclosureRequestsArgs) args: DisclosureRequestsArgs) {
    return new RequestService(ctx).list(args);
  }

  @Query(() => DisclosureRequest, { description: 'One request you may see.' })
  async disclosureRequest(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    const r = await new RequestService(ctx).findVisible(decodeIntId(id, 'DisclosureRequest'));
    if (!r) throw new NotFoundError('DisclosureRequest');
    return r;
  }

  @Mutation(() => DisclosureRequest, { description: 'Registers a request received on paper (LIAISON or OFFICE_ADMIN of the body).' })
  registerRequest(@Ctx() ctx: Context, @Arg('input', () => RegisterRequestInput) input: RegisterRequestInput) {
    return new RequestService(ctx).register(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Sends a correction notice (补正告知书, within 7 working days of receipt); the clock stops.' })
  requestCorrection(@Ctx() ctx: Context, @Arg('input', () => RequestCorrectionInput) input: RequestCorrectionInput) {
    return new RequestWorkflowService(ctx).requestCorrection(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'The applicant answered the correction notice; the clock runs again.' })
  answerCorrection(@Ctx() ctx: Context, @Arg('input', () => RequestStepInput) input: RequestStepInput) {
    return new RequestWorkflowService(ctx).answerCorrection(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Starts a third-party consultation (征求第三方意见); the clock stops (at most 15 working days).' })
  startConsultation(@Ctx() ctx: Context, @Arg('input', () => StartConsultationInput) input: StartConsultationInput) {
    return new RequestWorkflowService(ctx).startConsultation(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Ends the third-party consultation; the clock runs again.' })
  endConsultation(@Ctx() ctx: Context, @Arg('input', () => RequestStepInput) input: RequestStepInput) {
    return new RequestWorkflowService(ctx).endConsultation(input);
  }

  @Mutation(() => DisclosureRequest, {
    description: 'Extends the reply period by at most 20 working days: an OFFICE_ADMIN of the body approves by doing it; issues the notice.',
  })
  extendRequest(@Ctx() ctx: Context, @Arg('input', () => ExtendRequestInput) input: ExtendRequestInput) {
    return new RequestWorkflowService(ctx).extend(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Concludes a request with one outcome of table 3 (and its reason); issues the reply letter or notice.' })
  concludeRequest(@Ctx() ctx: Context, @Arg('input', () => ConcludeRequestInput) input: ConcludeRequestInput) {
    return new RequestWorkflowService(ctx).conclude(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'The applicant withdrew the request.' })
  withdrawRequest(@Ctx() ctx: Context, @Arg('input', () => RequestStepInput) input: RequestStepInput) {
    return new RequestWorkflowService(ctx).withdraw(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Records a reconsideration (行政复议) or lawsuit (行政诉讼) about a concluded request, or its result.' })
  recordRequestAppeal(@Ctx() ctx: Context, @Arg('input', () => RecordAppealInput) input: RecordAppealInput) {
    return new RequestWorkflowService(ctx).recordAppeal(input);
  }

  @Mutation(() => DisclosureRequest, { description: 'Records the processing fee charged (信息处理费).' })
  recordRequestFee(@Ctx() ctx: Context, @Arg('input', () => RecordFeeInput) input: RecordFeeInput) {
    return new RequestWorkflowService(ctx).recordFee(input);
  }

  @FieldResolver(() => ID)
  id(@Root() r: DisclosureRequest): string {
    return toGlobalId('DisclosureRequest', r.id);
  }

  @FieldResolver(() => OrgUnit, { description: 'The disclosure body.' })
  async bodyUnit(@Root() r: DisclosureRequest, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(r.bodyUnit.id))!;
  }

  @FieldResolver(() => RequestApplicant, {
    nullable: true,
    description: 'The applicant’s personal data. Only the body’s LIAISONs and OFFICE_ADMINs; redacted for others; every read is audited.',
  })
  async applicant(@Root() r: DisclosureRequest, @Ctx() ctx: Context): Promise<RequestApplicant> {
    const body = await organisationLoaders(ctx).unitById.load(r.bodyUnit.id);
    await requestLoaders(ctx).applicantRead.load({ requestId: r.id, scopePath: body!.path });
    return {
      name: r.applicantName,
      idDocument: r.applicantIdDocument ?? null,
      address: r.applicantAddress ?? null,
      phone: r.applicantPhone ?? null,
      email: r.applicantEmail ?? null,
    };
  }

  @FieldResolver(() => [RequestDocument], {
    nullable: true,
    description: 'Documents issued, oldest first. They name the applicant: handlers only, redacted for others, reads audited.',
  })
  async documents(@Root() r: DisclosureRequest, @Ctx() ctx: Context): Promise<RequestDocument[]> {
    const body = await organisationLoaders(ctx).unitById.load(r.bodyUnit.id);
    await requestLoaders(ctx).applicantRead.load({ requestId: r.id, scopePath: body!.path });
    return requestLoaders(ctx).documentsByRequest.load(r.id);
  }

  @FieldResolver(() => [RequestEvent], { description: 'Every state change, oldest first, dated, with who made it.' })
  events(@Root() r: DisclosureRequest, @Ctx() ctx: Context): Promise<RequestEvent[]> {
    return requestLoaders(ctx).eventsByRequest.load(r.id);
  }

  @FieldResolver(() => Boolean, { description: 'The clock runs and the due date is past.' })
  overdue(@Root() r: DisclosureRequest): boolean {
    return r.status === RequestStatus.OPEN && r.dueOn < todayInChina();
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Concluded: by its due date?' })
  concludedOnTime(@Root() r: DisclosureRequest): boolean | null {
    return r.status === RequestStatus.CONCLUDED ? r.concludedOn! <= r.dueOn : null;
  }

  @FieldResolver(() => Boolean, { description: 'May you handle this request and read its applicant? (the rule the mutations apply)' })
  viewerCanHandle(@Root() r: DisclosureRequest, @Ctx() ctx: Context): Promise<boolean> {
    return viewerHandles(r, ctx);
  }
}

@Resolver(() => RequestEvent)
export class RequestEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it; null for an online filing.' })
  actor(@Root() e: RequestEvent, @Ctx() ctx: Context): Promise<User | null> | null {
    return e.actor ? organisationLoaders(ctx).userById.load(e.actor.id) : null;
  }
}

@Resolver(() => RequestStatistics)
export class RequestStatisticsResolver {
  @Query(() => RequestStatistics, {
    description: 'Tables 3 and 4 and the CUSTOMS-2009 request rows of a disclosure body and year, counted from the register (staff of the body).',
  })
  requestStatistics(@Ctx() ctx: Context, @Args(() => RequestStatisticsArgs) args: RequestStatisticsArgs) {
    return new RequestStatisticsService(ctx).statistics(args);
  }

  @Mutation(() => RequestStatisticsFill, {
    description:
      'Fills the body’s statistics draft of the year from the register (and the catalogue), cell by cell, recording each filled cell’s source (LIAISON or OFFICE_ADMIN).',
  })
  fillAnnualStatisticsFromRequests(@Ctx() ctx: Context, @Arg('input', () => FillStatisticsFromRequestsInput) input: FillStatisticsFromRequestsInput) {
    return new RequestStatisticsFillService(ctx).fill(input);
  }

  @Mutation(() => AnnualStatistics, {
    description: 'Corrects a cell filled from the register or the catalogue, with a reason; the cell is typed from then on.',
  })
  correctFilledStatisticsCell(@Ctx() ctx: Context, @Arg('input', () => CorrectFilledCellInput) input: CorrectFilledCellInput) {
    return new RequestStatisticsFillService(ctx).correctCell(input);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() s: RequestStatistics, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(s.unitId))!;
  }
}

@Resolver(() => PublicRequestStatus)
export class PublicRequestResolver {
  @Mutation(() => RequestReceipt, {
    description: 'Anyone, without an account: file a request for disclosure online; keep the tracking number and secret. Rate-limited per address.',
  })
  fileRequest(@Ctx() ctx: Context, @Arg('input', () => FileRequestInput) input: FileRequestInput) {
    return new PublicRequestService(ctx).file(input);
  }

  @Query(() => PublicRequestStatus, { description: 'Your request, its steps and the documents issued to you, by tracking number and secret.' })
  requestStatus(@Ctx() ctx: Context, @Arg('trackingNumber', () => String) trackingNumber: string, @Arg('secret', () => String) secret: string) {
    return new PublicRequestService(ctx).status(trackingNumber, secret);
  }
}

@Resolver(() => Overview)
export class OverviewRequestsResolver {
  @FieldResolver(() => OverviewRequests, {
    description:
      'Requests for disclosure of the subtree’s bodies you may see: open, due within 5 working days, overdue (on asOf), concluded in the year by outcome.',
  })
  requests(@Root() o: Overview, @Ctx() ctx: Context): Promise<OverviewRequests> {
    return requestOverview(ctx, o.unit.path, o.year, o.asOf);
  }
}

@Resolver(() => OrgUnit)
export class OrgUnitRequestsResolver {
  @FieldResolver(() => Boolean, { description: 'Does the unit receive requests for disclosure (default: districts and the administration)?' })
  acceptsRequests(@Root() u: OrgUnit, @Ctx() ctx: Context): Promise<boolean> {
    return requestLoaders(ctx).acceptsRequests.load(u);
  }

  @Mutation(() => OrgUnit, { description: 'Sets whether a unit receives requests for disclosure (CENTRAL_ADMIN).' })
  setAcceptsRequests(@Ctx() ctx: Context, @Arg('unitId', () => ID) unitId: string, @Arg('accepts', () => Boolean) accepts: boolean) {
    return new RequestBodiesService(ctx).setAcceptsRequests(unitId, accepts);
  }
}
