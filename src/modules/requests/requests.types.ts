import { JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../common/relay';
import { AnnualStatistics } from '../statistics';
import { DisclosureRequest } from './request.entity';
import { RequestDocumentKind, RequestEventKind, RequestOutcome, RequestStatus } from './requests.enums';

export const { Connection: DisclosureRequestConnection, Edge: DisclosureRequestEdge } = ConnectionType(DisclosureRequest, 'DisclosureRequest');

@ObjectType({ simpleResolvers: true, description: 'The applicant’s personal data: only for the body’s LIAISONs and OFFICE_ADMINs; every read is audited.' })
export class RequestApplicant {
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) idDocument!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
}

@ObjectType({ simpleResolvers: true, description: 'What an online filing gets back: keep both to follow the request.' })
export class RequestReceipt {
  @Field(() => String) trackingNumber!: string;
  @Field(() => String, { description: 'Shown once; only its hash is stored.' }) secret!: string;
  @Field(() => LocalDateResolver) receivedOn!: string;
  @Field(() => LocalDateResolver, { description: 'When the reply is due (20 working days).' }) dueOn!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A step of the request as the applicant sees it.' })
export class PublicRequestEvent {
  @Field(() => RequestEventKind) kind!: RequestEventKind;
  @Field(() => LocalDateResolver) occurredOn!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A document issued to the applicant.' })
export class PublicRequestDocument {
  @Field(() => RequestDocumentKind) kind!: RequestDocumentKind;
  @Field(() => String) title!: string;
  @Field(() => LocalDateResolver) issuedOn!: string;
  @Field(() => String) markdown!: string;
  @Field(() => String) html!: string;
}

@ObjectType({ simpleResolvers: true, description: 'A request as its applicant sees it, by tracking number and secret.' })
export class PublicRequestStatus {
  @Field(() => String) trackingNumber!: string;
  @Field(() => String) bodyName!: string;
  @Field(() => LocalDateResolver) receivedOn!: string;
  @Field(() => RequestStatus) status!: RequestStatus;
  @Field(() => LocalDateResolver) dueOn!: string;
  @Field(() => RequestOutcome, { nullable: true }) outcome!: RequestOutcome | null;
  @Field(() => LocalDateResolver, { nullable: true }) concludedOn!: string | null;
  @Field(() => [PublicRequestEvent]) events!: PublicRequestEvent[];
  @Field(() => [PublicRequestDocument]) documents!: PublicRequestDocument[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'Tables 3 and 4 (GOV-2021) and the CUSTOMS-2009 request rows of a body and year, counted from the register.',
})
export class RequestStatistics {
  unitId!: number;
  @Field(() => Int) year!: number;
  @Field(() => String, { description: 'The template that applies to the year (its cells are what a fill writes).' }) templateCode!: string;
  @Field(() => Int, { description: '一、本年新收' }) received!: number;
  @Field(() => Int, { description: '二、上年结转' }) carriedOver!: number;
  @Field(() => Int, { description: '三、办理结果总计' }) concluded!: number;
  @Field(() => Int, { description: '四、结转下年度继续办理' }) carriedForward!: number;
  @Field(() => Int, { description: 'Withdrawn by the applicant (in 其他处理·其他).' }) withdrawn!: number;
  @Field(() => JSONObjectResolver, { description: 'GOV-2021 tables 3 and 4: cell key (t3.row.COLUMN, t4.row.column) → count.' }) gov2021!: Record<
    string,
    number
  >;
  @Field(() => JSONObjectResolver, { description: 'CUSTOMS-2009 request rows: requests by channel (online under 其它), replies by outcome, appeals.' })
  customs2009!: Record<string, number>;
  @Field(() => Int, { description: 'Requests concluded in the year with a processing fee charged.' }) feesCharged!: number;
  @Field(() => Float, { description: 'Fees charged on requests concluded in the year, yuan.' }) feesTotal!: number;
  @Field(() => [String], { description: 'Checks of the GOV-2021 template the computed tables fail (none, by construction).' }) failedChecks!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'The statistics draft filled from the register and the catalogue, and where each filled cell came from.' })
export class RequestStatisticsFill {
  @Field(() => AnnualStatistics) statistics!: AnnualStatistics;
  @Field(() => [String], { description: 'Cells written from the requests register (source REGISTER).' }) registerCells!: string[];
  @Field(() => [String], { description: 'Cells written from the catalogue (source CATALOGUE).' }) catalogueCells!: string[];
  @Field(() => RequestStatistics) figures!: RequestStatistics;
}

@ObjectType({ simpleResolvers: true, description: 'Requests concluded in the year with one outcome.' })
export class RequestOutcomeCount {
  @Field(() => RequestOutcome) outcome!: RequestOutcome;
  @Field(() => Int) count!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Requests for disclosure of the subtree’s bodies that you may see.' })
export class OverviewRequests {
  @Field(() => Int, { description: 'Not concluded (the clock running or stopped).' }) open!: number;
  @Field(() => Int, { description: 'Running and due within 5 working days of asOf.' }) dueSoon!: number;
  @Field(() => Int, { description: 'Running and past their due date on asOf.' }) overdue!: number;
  @Field(() => [RequestOutcomeCount], { description: 'Concluded in the year, by outcome.' }) concludedByOutcome!: RequestOutcomeCount[];
}
