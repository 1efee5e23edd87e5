import { LocalDateResolver } from 'graphql-scalars';
import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { isLocalDate } from '../../common/dates';
import { PageArgs } from '../../common/relay';
import { fields } from '../../common/zod';
import { AppealResult, ApplicantType, OutcomeReason, RequestChannel, RequestOutcome, RequestStatus } from './requests.enums';
import { messages } from './requests.messages';

/** Size limits of what a request carries (an online filing is refused beyond them). */
export const LIMITS = { name: 100, idDocument: 100, address: 300, phone: 40, email: 254, description: 4000, text: 4000, referredTo: 200 } as const;

const localDate = z.string().refine(isLocalDate, messages.notADate);
const required = (max: number) => z.string().trim().min(1, messages.empty).max(max, messages.tooLong);
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, messages.tooLong)
    .transform((s) => s || null)
    .nullish();
const year = z.number().int().min(1990, messages.yearRange).max(2100, messages.yearRange);
const version = z.number().int().min(1).nullish();

@InputType({ description: 'The applicant: personal information, read only by those handling the request.' })
export class ApplicantInput {
  @Field(() => String, { description: 'Name (姓名或名称).' }) name!: string;
  @Field(() => String, { nullable: true, description: 'Identity document (身份证件) or organisation code.' }) idDocument?: string | null;
  @Field(() => String, { nullable: true }) address?: string | null;
  @Field(() => String, { nullable: true }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}
const applicantSchema = z.object({
  name: required(LIMITS.name),
  idDocument: optional(LIMITS.idDocument),
  address: optional(LIMITS.address),
  phone: fields.phone.nullish(),
  email: fields.email.nullish(),
});

@InputType({ description: 'A request received on paper (in person, letter, fax, e-mail or other), registered by staff of the body.' })
export class RegisterRequestInput {
  @Field(() => ID, { description: 'The disclosure body (a DISTRICT or the ADMINISTRATION).' }) bodyUnitId!: string;
  @Field(() => RequestChannel) channel!: RequestChannel;
  @Field(() => ApplicantType) applicantType!: ApplicantType;
  @Field(() => ApplicantInput) applicant!: ApplicantInput;
  @Field(() => String, { description: 'The information asked for.' }) description!: string;
  @Field(() => LocalDateResolver, {
    nullable: true,
    description: 'Receipt date (default today): in person the day handed in, by letter the day signed for, online the day confirmed.',
  })
  receivedOn?: string | null;
}
export const registerRequestSchema = z.object({
  bodyUnitId: z.string().min(1),
  channel: z.nativeEnum(RequestChannel),
  applicantType: z.nativeEnum(ApplicantType),
  applicant: applicantSchema,
  description: required(LIMITS.description),
  receivedOn: localDate.nullish(),
});

@InputType({ description: 'A request filed online by anyone, without an account.' })
export class FileRequestInput {
  @Field(() => ID) bodyUnitId!: string;
  @Field(() => ApplicantType) applicantType!: ApplicantType;
  @Field(() => ApplicantInput) applicant!: ApplicantInput;
  @Field(() => String) description!: string;
}
export const fileRequestSchema = z.object({
  bodyUnitId: z.string().min(1),
  applicantType: z.nativeEnum(ApplicantType),
  applicant: applicantSchema,
  description: required(LIMITS.description),
});

@InputType({ description: 'A correction notice (补正告知): the clock stops until the applicant answers.' })
export class RequestCorrectionInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today; within 7 working days of receipt.' }) issuedOn?: string | null;
  @Field(() => LocalDateResolver, { description: 'The applicant must answer by this day.' }) answerBy!: string;
  @Field(() => String, { description: 'What to correct (补正事项).' }) whatToCorrect!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const requestCorrectionSchema = z.object({
  id: z.string().min(1),
  issuedOn: localDate.nullish(),
  answerBy: localDate,
  whatToCorrect: required(LIMITS.text),
  expectedVersion: version,
});

@InputType({ description: 'A dated step on a request (the applicant answered the correction notice, the consultation ended).' })
export class RequestStepInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) on?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const requestStepSchema = z.object({ id: z.string().min(1), on: localDate.nullish(), note: optional(LIMITS.text), expectedVersion: version });

@InputType({ description: 'A third-party consultation (征求第三方意见): the clock stops for at most 15 working days.' })
export class StartConsultationInput {
  @Field(() => ID) id!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) on?: string | null;
  @Field(() => String, { description: 'Who is consulted.' }) thirdParty!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const startConsultationSchema = z.object({
  id: z.string().min(1),
  on: localDate.nullish(),
  thirdParty: required(LIMITS.referredTo),
  expectedVersion: version,
});

@InputType({ description: 'An extension (延期答复), approved by an OFFICE_ADMIN of the body; the notice goes to the applicant.' })
export class ExtendRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'Working days added (with earlier extensions at most 20).' }) workingDays!: number;
  @Field(() => String, { description: 'Why (延期理由), quoted in the notice.' }) reason!: string;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Day of the notice (default today); before the reply is due.' }) issuedOn?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const extendRequestSchema = z.object({
  id: z.string().min(1),
  workingDays: z.number().int().min(1, 'must be at least 1'),
  reason: required(LIMITS.text),
  issuedOn: localDate.nullish(),
  expectedVersion: version,
});

@InputType({ description: 'Concludes a request with one outcome row of table 3 and the document issued.' })
export class ConcludeRequestInput {
  @Field(() => ID) id!: string;
  @Field(() => RequestOutcome) outcome!: RequestOutcome;
  @Field(() => OutcomeReason, { nullable: true, description: 'Required for REFUSED, UNABLE_TO_PROVIDE, NOT_PROCESSED and OTHER; must belong to the outcome.' })
  reason?: OutcomeReason | null;
  @Field(() => String, { nullable: true, description: 'With UNABLE_TO_PROVIDE / NOT_HELD: the body that holds the information (告知).' })
  referredTo?: string | null;
  @Field(() => String, { nullable: true, description: 'Text of the reply (quoted in the document).' }) note?: string | null;
  @Field(() => LocalDateResolver, { nullable: true, description: 'Default today.' }) concludedOn?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const concludeRequestSchema = z.object({
  id: z.string().min(1),
  outcome: z.nativeEnum(RequestOutcome),
  reason: z.nativeEnum(OutcomeReason).nullish(),
  referredTo: optional(LIMITS.referredTo),
  note: optional(LIMITS.text),
  concludedOn: localDate.nullish(),
  expectedVersion: version,
});

/** Which appeal a record is about. */
export enum AppealKind {
  RECONSIDERATION = 'RECONSIDERATION',
  LITIGATION = 'LITIGATION',
}
registerEnumType(AppealKind, { name: 'AppealKind', valuesConfig: { RECONSIDERATION: { description: '行政复议' }, LITIGATION: { description: '行政诉讼' } } });

@InputType({ description: 'A reconsideration or lawsuit about the request, or its later result (table 4).' })
export class RecordAppealInput {
  @Field(() => ID) id!: string;
  @Field(() => AppealKind) kind!: AppealKind;
  @Field(() => LocalDateResolver) filedOn!: string;
  @Field(() => AppealResult) result!: AppealResult;
  @Field(() => Boolean, { nullable: true, description: 'LITIGATION: after a reconsideration (复议后起诉); default whether one is recorded.' })
  afterReconsideration?: boolean | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const recordAppealSchema = z.object({
  id: z.string().min(1),
  kind: z.nativeEnum(AppealKind),
  filedOn: localDate,
  result: z.nativeEnum(AppealResult),
  afterReconsideration: z.boolean().nullish(),
  expectedVersion: version,
});

@InputType({ description: 'The processing fee charged (信息处理费).' })
export class RecordFeeInput {
  @Field(() => ID) id!: string;
  @Field(() => Float, { description: 'Yuan.' }) amount!: number;
  @Field(() => LocalDateResolver, { nullable: true }) chargedOn?: string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const recordFeeSchema = z.object({
  id: z.string().min(1),
  amount: z.number().min(0, 'must not be negative').max(1_000_000, 'must be at most 1000000'),
  chargedOn: localDate.nullish(),
  expectedVersion: version,
});

@ArgsType()
export class DisclosureRequestsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Only requests of this body.' }) bodyUnitId?: string | null;
  @Field(() => RequestStatus, { nullable: true }) status?: RequestStatus | null;
  @Field(() => Boolean, { nullable: true, description: 'Only open requests past their due date.' }) overdue?: boolean | null;
}

@ArgsType()
export class RequestStatisticsArgs {
  @Field(() => ID, { description: 'The disclosure body.' }) unitId!: string;
  @Field(() => Int) year!: number;
}
export const requestStatisticsSchema = z.object({ unitId: z.string().min(1), year });

@InputType({ description: 'Fills the statistics draft of a body and year from the register (and the catalogue), cell by cell.' })
export class FillStatisticsFromRequestsInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String, { nullable: true, description: 'Required when the figures were accepted: the fill starts a correction.' }) correctionReason?:
    string | null;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const fillStatisticsSchema = z.object({ unitId: z.string().min(1), year, correctionReason: optional(2000), expectedVersion: version });

@InputType({ description: 'Corrects one cell filled from the register or the catalogue, with a reason (kept as the cell’s note).' })
export class CorrectFilledCellInput {
  @Field(() => ID) unitId!: string;
  @Field(() => Int) year!: number;
  @Field(() => String) key!: string;
  @Field(() => Int) value!: number;
  @Field(() => String) reason!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}
export const correctFilledCellSchema = z.object({
  unitId: z.string().min(1),
  year,
  key: z.string().trim().min(1).max(64),
  value: z.number().int().min(0, 'must not be negative'),
  reason: required(500),
  expectedVersion: version,
});
