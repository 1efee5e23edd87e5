import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { todayInChina } from '../../common/dates';
import { NotFoundError } from '../../common/errors';
import { decodeIntId, toGlobalId } from '../../common/global-id';
import type { Context } from '../../common/context';
import { OrgUnit, organisationLoaders, User } from '../organisation';
import { ContactCase, ContactCaseStep } from './contact-case.entity';
import { ContactConsultation } from './contact-consultation.entity';
import { ContactCaseStatus } from './contact.enums';
import { ContactFiguresService } from './contact-figures.service';
import {
  CloseContactCaseInput,
  ContactCasesArgs,
  ContactConsultationsArgs,
  ContactFiguresArgs,
  EscalateContactCaseInput,
  FillStatisticsFromContactInput,
  LogConsultationInput,
  OpenContactCaseInput,
  RecordConsultationCountsInput,
  RecordContactFollowUpInput,
  SubmitPublicContactInput,
} from './contact.inputs';
import { contactLoaders } from './contact.loaders';
import { viewerHandles } from './contact.rules';
import { ContactService } from './contact.service';
import { ContactHandlingService } from './contact-handling.service';
import { ContactLogService } from './contact-log.service';
import { PublicContactService } from './contact-public.service';
import {
  ConsultationCountsResult,
  ContactCaseConnection,
  ContactConsultationConnection,
  ContactFigures,
  ContactReporter,
  ContactStatisticsFill,
  PublicContactCase,
  PublicContactReceipt,
} from './contact.types';

@Resolver(() => ContactCase)
export class ContactCaseResolver {
  @Query(() => ContactCaseConnection, {
    description: 'Contact cases you may see, newest first: staff of the unit; staff-conduct cases only INSPECTORs over it.',
  })
  contactCases(@Ctx() ctx: Context, @Args(() => ContactCasesArgs) args: ContactCasesArgs) {
    return new ContactService(ctx).list(args);
  }

  @Query(() => ContactCase, { description: 'One contact case you may see.' })
  async contactCase(@Ctx() ctx: Context, @Arg('id', () => ID) id: string) {
    const c = await new ContactService(ctx).findVisible(decodeIntId(id, 'ContactCase'));
    if (!c) throw new NotFoundError('ContactCase');
    return c;
  }

  @Mutation(() => ContactCase, { description: 'Registers a complaint, suggestion, tip-off or difficult question; you are its first responder (首问负责).' })
  openContactCase(@Ctx() ctx: Context, @Arg('input', () => OpenContactCaseInput) input: OpenContactCaseInput) {
    return new ContactService(ctx).open(input);
  }

  @Mutation(() => ContactCase, { description: 'Escalates a case one or two levels up (三级负责), saying why.' })
  escalateContactCase(@Ctx() ctx: Context, @Arg('input', () => EscalateContactCaseInput) input: EscalateContactCaseInput) {
    return new ContactHandlingService(ctx).escalate(input);
  }

  @Mutation(() => ContactCase, { description: 'Closes a case with its result and the feedback given to a named reporter.' })
  closeContactCase(@Ctx() ctx: Context, @Arg('input', () => CloseContactCaseInput) input: CloseContactCaseInput) {
    return new ContactHandlingService(ctx).close(input);
  }

  @Mutation(() => ContactCase, { description: 'Records the follow-up visit (回访) of a closed case.' })
  recordContactFollowUp(@Ctx() ctx: Context, @Arg('input', () => RecordContactFollowUpInput) input: RecordContactFollowUpInput) {
    return new ContactHandlingService(ctx).followUp(input);
  }

  @FieldResolver(() => ID)
  id(@Root() c: ContactCase): string {
    return toGlobalId('ContactCase', c.id);
  }

  @FieldResolver(() => OrgUnit, { description: 'The unit the matter is about.' })
  async unit(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(c.unit.id))!;
  }

  @FieldResolver(() => OrgUnit, { description: 'The unit responsible now (the unit, its division or its district office).' })
  async handlingUnit(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(c.handlingUnit.id))!;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The first responder (首问负责人); null until someone acts on a public submission.' })
  owner(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<User | null> | null {
    return c.owner ? organisationLoaders(ctx).userById.load(c.owner.id) : null;
  }

  @FieldResolver(() => ContactReporter, {
    nullable: true,
    description: 'Name and contacts of a named reporter (null when anonymous). Only those handling the case; redacted for others; every read is audited.',
  })
  async reporter(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<ContactReporter | null> {
    if (c.anonymous || !c.reporterName) return null;
    const unit = await organisationLoaders(ctx).unitById.load(c.unit.id);
    await contactLoaders(ctx).reporterRead.load({ caseId: c.id, scopePath: unit!.path });
    return { name: c.reporterName, contact: c.reporterContact ?? null, organisation: c.reporterOrganisation ?? null };
  }

  @FieldResolver(() => Boolean, { description: 'Open and past its due date.' })
  overdue(@Root() c: ContactCase): boolean {
    return c.status === ContactCaseStatus.OPEN && c.dueOn < todayInChina();
  }

  @FieldResolver(() => Boolean, { nullable: true, description: 'Closed: was it closed by its due date?' })
  closedOnTime(@Root() c: ContactCase): boolean | null {
    return c.closedOn ? c.closedOn <= c.dueOn : null;
  }

  @FieldResolver(() => Boolean, { description: 'May you escalate, close and follow up this case, and read its reporter? (the rule the mutations apply)' })
  viewerCanHandle(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<boolean> {
    return viewerHandles(c, ctx);
  }

  @FieldResolver(() => [ContactCaseStep], { description: 'Every step, oldest first: opened, escalated (who, why), closed, followed up.' })
  steps(@Root() c: ContactCase, @Ctx() ctx: Context): Promise<ContactCaseStep[]> {
    return contactLoaders(ctx).stepsByCase.load(c.id);
  }
}

@Resolver(() => ContactCaseStep)
export class ContactCaseStepResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who took the step; null for a public submission.' })
  actor(@Root() s: ContactCaseStep, @Ctx() ctx: Context): Promise<User | null> | null {
    return s.actor ? organisationLoaders(ctx).userById.load(s.actor.id) : null;
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  fromUnit(@Root() s: ContactCaseStep, @Ctx() ctx: Context): Promise<OrgUnit | null> | null {
    return s.fromUnit ? organisationLoaders(ctx).unitById.load(s.fromUnit.id) : null;
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  toUnit(@Root() s: ContactCaseStep, @Ctx() ctx: Context): Promise<OrgUnit | null> | null {
    return s.toUnit ? organisationLoaders(ctx).unitById.load(s.toUnit.id) : null;
  }
}

@Resolver(() => ContactConsultation)
export class ContactConsultationResolver {
  @Query(() => ContactConsultationConnection, {
    description: 'The consultation log (single consultations and daily tallies) of a unit and its subtree, newest first; staff of the units.',
  })
  contactConsultations(@Ctx() ctx: Context, @Args(() => ContactConsultationsArgs) args: ContactConsultationsArgs) {
    return new ContactLogService(ctx).consultations(args);
  }

  @Mutation(() => ContactConsultation, { description: 'Logs one consultation in seconds; ESCALATED with a question opens a difficult-question case.' })
  logConsultation(@Ctx() ctx: Context, @Arg('input', () => LogConsultationInput) input: LogConsultationInput) {
    return new ContactLogService(ctx).logConsultation(input);
  }

  @Mutation(() => ConsultationCountsResult, { description: 'Records daily consultation counts per channel (a day and channel sent again replaces it).' })
  recordConsultationCounts(@Ctx() ctx: Context, @Arg('input', () => RecordConsultationCountsInput) input: RecordConsultationCountsInput) {
    return new ContactLogService(ctx).recordCounts(input);
  }

  @FieldResolver(() => ID)
  id(@Root() l: ContactConsultation): string {
    return toGlobalId('ContactConsultation', l.id);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() l: ContactConsultation, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(l.unit.id))!;
  }
}

@Resolver(() => ContactFigures)
export class ContactFiguresResolver {
  @Query(() => ContactFigures, {
    description: 'Consultation and complaint figures of a unit and year, computed from the log and the cases; staff of the unit.',
  })
  contactFigures(@Ctx() ctx: Context, @Args(() => ContactFiguresArgs) args: ContactFiguresArgs) {
    return new ContactFiguresService(ctx).figures(args);
  }

  @Mutation(() => ContactStatisticsFill, {
    description: 'Writes the computed consultation figures into the unit’s statistics draft (LIAISON or OFFICE_ADMIN of the unit).',
  })
  fillStatisticsFromContact(@Ctx() ctx: Context, @Arg('input', () => FillStatisticsFromContactInput) input: FillStatisticsFromContactInput) {
    return new ContactFiguresService(ctx).fillStatistics(input);
  }

  @FieldResolver(() => OrgUnit)
  async unit(@Root() f: ContactFigures, @Ctx() ctx: Context): Promise<OrgUnit> {
    return (await organisationLoaders(ctx).unitById.load(f.unitId))!;
  }
}

@Resolver(() => PublicContactCase)
export class PublicContactResolver {
  @Mutation(() => PublicContactReceipt, {
    description: 'Anyone, without an account: submit a complaint, suggestion or tip-off; keep the tracking number and secret. Rate-limited per address.',
  })
  submitPublicContact(@Ctx() ctx: Context, @Arg('input', () => SubmitPublicContactInput) input: SubmitPublicContactInput) {
    return new PublicContactService(ctx).submit(input);
  }

  @Query(() => PublicContactCase, { description: 'Your submission and its answer, by tracking number and secret.' })
  publicContactCase(@Ctx() ctx: Context, @Arg('trackingNumber', () => String) trackingNumber: string, @Arg('secret', () => String) secret: string) {
    return new PublicContactService(ctx).read(trackingNumber, secret);
  }
}
