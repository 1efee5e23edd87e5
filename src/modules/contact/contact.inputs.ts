import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { isLocalDate } from '../../common/dates';
import { PageArgs } from '../../common/relay';
import {
  ConsultationChannel,
  ConsultationOutcome,
  ConsultationTopic,
  ContactCaseChannel,
  ContactCaseKind,
  ContactCaseStatus,
  ContactLevel,
  FeedbackMethod,
  HandlingMode,
  Satisfaction,
} from './contact.enums';

/** Size limits of what a case carries (a public submission is refused beyond them). */
export const LIMITS = { subject: 200, description: 4000, name: 100, contact: 200, organisation: 200, text: 4000, reason: 1000 } as const;

const localDate = z.string().refine(isLocalDate, 'contact.notADate');
const required = (max: number) => z.string().trim().min(1, 'contact.empty').max(max, 'contact.tooLong');
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'contact.tooLong')
    .transform((s) => s || null)
    .nullish();
const year = z.number().int().min(1990, 'contact.yearRange').max(2100, 'contact.yearRange');

@InputType({ description: 'One consultation, logged in seconds at the counter, on the phone or online.' })
export class LogConsultationInput {
  @Field(() => ID) unitId!: string;
  @Field(() => ConsultationChannel) channel!: ConsultationChannel;
  @Field(() => ConsultationTopic) topic!: ConsultationTopic;
  @Field(() => ConsultationOutcome) outcome!: ConsultationOutcome;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) occurredOn?: string | null;
  @Field(() => String, { nullable: true, description: 'With outcome ESCALATED: the question, which opens a DIFFICULT_QUESTION case owned by you.' })
  question?: string | null;
}
export const logConsultationSchema = z.object({
  unitId: z.string().min(1),
  channel: z.enum(ConsultationChannel),
  topic: z.enum(ConsultationTopic),
  outcome: z.enum(ConsultationOutcome),
  occurredOn: localDate.nullish(),
  question: optional(LIMITS.description),
});

@InputType({ description: 'A day’s count of one channel.' })
export class ConsultationTallyInput {
  @Field(() => LocalDateResolver) date!: string;
  @Field(() => ConsultationChannel) channel!: ConsultationChannel;
  @Field(() => Int) count!: number;
}

@InputType({ description: 'Daily counts per channel for an office that keeps tallies elsewhere; a day and channel entered again is replaced.' })
export class RecordConsultationCountsInput {
  @Field(() => ID) unitId!: string;
  @Field(() => [ConsultationTallyInput]) days!: ConsultationTallyInput[];
}
export const recordConsultationCountsSchema = z.object({
  unitId: z.string().min(1),
  days: z
    .array(
      z.object({
        date: localDate,
        channel: z.enum(ConsultationChannel),
        count: z.number().int().min(0, 'contact.countRange').max(100_000, 'contact.countRange'),
      }),
    )
    .min(1, 'contact.daysRange')
    .max(1000, 'contact.daysRange'),
});

@InputType({ description: 'A case registered by staff; you become its owner (首问负责).' })
export class OpenContactCaseInput {
  @Field(() => ID, { description: 'The unit the matter is about.' }) unitId!: string;
  @Field(() => ContactCaseKind) kind!: ContactCaseKind;
  @Field(() => ContactCaseChannel) channel!: ContactCaseChannel;
  @Field(() => String) subject!: string;
  @Field(() => String) description!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) receivedOn?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'About staff conduct: only INSPECTORs over the unit may register and see it.' }) concernsStaffConduct?:
    boolean | null;
  @Field(() => String, { nullable: true, description: 'Omit for an anonymous reporter.' }) reporterName?: string | null;
  @Field(() => String, { nullable: true }) reporterContact?: string | null;
  @Field(() => String, { nullable: true }) reporterOrganisation?: string | null;
  @Field(() => HandlingMode) handlingMode!: HandlingMode;
  @Field(() => Int, { nullable: true, description: 'TIME_LIMITED: working days allowed (1–60).' }) timeLimitWorkingDays?: number | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'BY_DATE: the deadline.' }) dueOn?: string | null;
}
const reporterFields = {
  reporterName: optional(LIMITS.name),
  reporterContact: optional(LIMITS.contact),
  reporterOrganisation: optional(LIMITS.organisation),
};
export const openContactCaseSchema = z.object({
  unitId: z.string().min(1),
  kind: z.enum(ContactCaseKind),
  channel: z.enum(ContactCaseChannel),
  subject: required(LIMITS.subject),
  description: required(LIMITS.description),
  receivedOn: localDate.nullish(),
  concernsStaffConduct: z.boolean().nullish(),
  ...reporterFields,
  handlingMode: z.enum(HandlingMode),
  timeLimitWorkingDays: z.number().int().min(1, 'contact.workingDaysRange').max(60, 'contact.workingDaysRange').nullish(),
  dueOn: localDate.nullish(),
});

@InputType({ description: 'Passes a case up: section → division → district office (三级负责). Only upwards.' })
export class EscalateContactCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => ContactLevel) toLevel!: ContactLevel;
  @Field(() => String, { description: 'Why the level below cannot solve it.' }) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const escalateContactCaseSchema = z.object({
  id: z.string().min(1),
  toLevel: z.enum(ContactLevel),
  reason: required(LIMITS.reason),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType({ description: 'Feedback given to the named reporter (有反馈).' })
export class ContactFeedbackInput {
  @Field(() => LocalDateResolver) givenOn!: string;
  @Field(() => FeedbackMethod) method!: FeedbackMethod;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: 'Closes a case with its result (有结果) and, for a named reporter, the feedback given.' })
export class CloseContactCaseInput {
  @Field(() => ID) id!: string;
  @Field(() => String) result!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) closedOn?: string | null;
  @Field(() => ContactFeedbackInput, { nullable: true, description: 'Required when the reporter is named.' }) feedback?: ContactFeedbackInput | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const closeContactCaseSchema = z.object({
  id: z.string().min(1),
  result: required(LIMITS.text),
  closedOn: localDate.nullish(),
  feedback: z.object({ givenOn: localDate, method: z.enum(FeedbackMethod), note: optional(LIMITS.text) }).nullish(),
  expectedVersion: z.number().int().min(1).nullish(),
});

@InputType({ description: 'A follow-up visit (回访) to the reporter after closing, with their satisfaction.' })
export class RecordContactFollowUpInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver) visitedOn!: string;
  @Field(() => Satisfaction) satisfaction!: Satisfaction;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const recordContactFollowUpSchema = z.object({
  id: z.string().min(1),
  visitedOn: localDate,
  satisfaction: z.enum(Satisfaction),
  note: optional(LIMITS.text),
  expectedVersion: z.number().int().min(1).nullish(),
});

/** Kinds the public may submit. */
export const PUBLIC_KINDS = [ContactCaseKind.COMPLAINT, ContactCaseKind.SUGGESTION, ContactCaseKind.TIP_OFF] as const;

@InputType({ description: 'A complaint, suggestion or tip-off from the public, without an account.' })
export class SubmitPublicContactInput {
  @Field(() => ID, { description: 'The unit it is addressed to.' }) unitId!: string;
  @Field(() => ContactCaseKind, { description: 'COMPLAINT, SUGGESTION or TIP_OFF.' }) kind!: ContactCaseKind;
  @Field(() => String, { description: `At most ${LIMITS.subject} characters.` }) subject!: string;
  @Field(() => String, { description: `At most ${LIMITS.description} characters.` }) description!: string;
  @Field(() => Boolean, { nullable: true, description: 'A tip-off about staff conduct: read only by the 监察室.' }) concernsStaffConduct?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Omit to stay anonymous.' }) reporterName?: string | null;
  @Field(() => String, { nullable: true, description: 'Phone or e-mail for feedback (named reporters only).' }) reporterContact?: string | null;
  @Field(() => String, { nullable: true }) reporterOrganisation?: string | null;
}
export const submitPublicContactSchema = z.object({
  unitId: z.string().min(1),
  kind: z.enum(PUBLIC_KINDS, 'contact.publicKinds'),
  subject: required(LIMITS.subject),
  description: required(LIMITS.description),
  concernsStaffConduct: z.boolean().nullish(),
  ...reporterFields,
});

@ArgsType()
export class ContactCasesArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Cases about this unit and its subtree.' }) unitId?: string | null;
  @Field(() => ContactCaseStatus, { nullable: true }) status?: ContactCaseStatus | null;
  @Field(() => ContactCaseKind, { nullable: true }) kind?: ContactCaseKind | null;
  @Field(() => Boolean, { nullable: true, description: 'Only open cases past their due date.' }) overdue?: boolean | null;
}

@ArgsType()
export class ContactConsultationsArgs extends PageArgs {
  @Field(() => ID, { description: 'Consultations of this unit and its subtree.' }) unitId!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'From this day (inclusive).' }) from?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'To this day (inclusive).' }) to?: string | null;
  @Field(() => ConsultationChannel, { nullable: true }) channel?: ConsultationChannel | null;
}

@ArgsType()
export class ContactFiguresArgs {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Boolean, { nullable: true, description: 'Count the subordinate offices below too (default false: the unit’s own figures, 本级).' })
  includeSubordinateOffices?: boolean | null;
}
export const contactFiguresSchema = z.object({ unitId: z.string().min(1), year, includeSubordinateOffices: z.boolean().nullish() });

@InputType({ description: 'Writes the consultation and complaint figures computed from the records into the unit’s statistics draft.' })
export class FillStatisticsFromContactInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'Required when the figures are accepted already (starts a correction).' }) correctionReason?:
    string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const fillStatisticsSchema = z.object({
  unitId: z.string().min(1),
  year,
  correctionReason: optional(2000),
  expectedVersion: z.number().int().min(1).nullish(),
});
