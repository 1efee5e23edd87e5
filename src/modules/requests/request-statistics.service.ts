import type { EntityManager } from '@mikro-orm/postgresql';
import { NotFoundError, ValidationError } from '../../common/errors';
import { decodeIntId } from '../../common/global-id';
import { parseInput } from '../../common/zod';
import type { ServiceContext } from '../../common/context';
import { OrgUnit } from '../organisation';
import { StatisticsTemplateService } from '../statistics';
import { checkRules } from '../statistics/statistics.checks';
import { APPLICANT_COLUMN, ApplicantType, REASONS } from './requests.enums';
import { RequestStatisticsArgs, requestStatisticsSchema } from './requests.inputs';
import { messages } from './requests.messages';
import { isDisclosureBody } from './request-bodies.service';
import { selectAppealCounts, selectFees, selectRegisterCounts } from './requests.queries';
import { RequestStatistics } from './requests.types';

const T3_COLUMNS = [...Object.values(APPLICANT_COLUMN), 'TOTAL'];
/** Table-3 rows counted from the register (every result row, plus the four balance rows). */
const T3_RESULT_ROWS = ['granted', 'partly', ...Object.values(REASONS).map((r) => r.row)];
const T3_ROWS = ['new', 'carriedOver', ...T3_RESULT_ROWS, 'resultTotal', 'carriedForward'];
const T4_ROWS = ['review', 'suitDirect', 'suitAfterReview'];
const T4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** CUSTOMS-2009 channel rows; online filings are counted under 其它形式 (the 2009 table has no online row). */
const CUSTOMS_CHANNEL: Record<string, string> = {
  IN_PERSON: 'requests.inPerson',
  LETTER: 'requests.letter',
  FAX: 'requests.fax',
  EMAIL: 'requests.email',
  ONLINE: 'requests.other',
  OTHER: 'requests.other',
};

/**
 * The template whose cells a year's figures fill: GOV-2021 from 2021, CUSTOMS-2009 before. Read
 * from the database (templates are data).
 */
async function templateCodeFor(ctx: ServiceContext, year: number): Promise<string> {
  const t = await new StatisticsTemplateService(ctx).templateFor(year);
  if (!t) throw ValidationError.field('year', messages.noTemplate(year));
  return t.code;
}

/** Tables 3 and 4 and the CUSTOMS-2009 request rows of a body and year, counted from the register (three statements). */
export async function computeRequestStatistics(ctx: ServiceContext, em: EntityManager, unitId: number, year: number): Promise<RequestStatistics> {
  const [counts, appeals, fees] = [
    await selectRegisterCounts(em, unitId, year),
    await selectAppealCounts(em, unitId, year),
    await selectFees(em, unitId, year),
  ];
  const gov: Record<string, number> = {};
  for (const row of T3_ROWS) for (const col of T3_COLUMNS) gov[`t3.${row}.${col}`] = 0;
  for (const row of T4_ROWS) for (const col of T4_COLUMNS) gov[`t4.${row}.${col}`] = 0;
  const customs: Record<string, number> = Object.fromEntries(
    [...new Set(Object.values(CUSTOMS_CHANNEL))].concat(['requests.total']).map((k) => [k, 0] as [string, number]),
  );
  let withdrawn = 0;
  for (const c of counts) {
    if (c.row_key.startsWith('channel.')) {
      customs[CUSTOMS_CHANNEL[c.row_key.slice(8)]] += c.n;
      customs['requests.total'] += c.n;
      continue;
    }
    if (c.row_key === 'withdrawn') {
      withdrawn += c.n;
      continue;
    }
    const col = APPLICANT_COLUMN[c.applicant_type as ApplicantType];
    gov[`t3.${c.row_key}.${col}`] += c.n;
    gov[`t3.${c.row_key}.TOTAL`] += c.n;
    if (T3_RESULT_ROWS.includes(c.row_key)) {
      gov[`t3.resultTotal.${col}`] += c.n;
      gov['t3.resultTotal.TOTAL'] += c.n;
    }
  }
  for (const a of appeals) {
    gov[`t4.${a.row_key}.${a.result.toLowerCase()}`] += a.n;
    gov[`t4.${a.row_key}.total`] += a.n;
  }
  const sumRows = (prefix: string) => T3_RESULT_ROWS.filter((r) => r.startsWith(prefix)).reduce((s, r) => s + gov[`t3.${r}.TOTAL`], 0);
  // CUSTOMS-2009 counts replies: a withdrawn request, or one ended for want of a correction or a fee, got none.
  const replies = {
    'replies.granted': gov['t3.granted.TOTAL'],
    'replies.partly': gov['t3.partly.TOTAL'],
    'replies.refused': sumRows('refused.'),
    'replies.exempt': 0,
    'replies.other': sumRows('unable.') + sumRows('notProcessed.') + gov['t3.other.other.TOTAL'] - withdrawn,
  };
  Object.assign(customs, replies, {
    'replies.total': Object.values(replies).reduce((s, n) => s + n, 0),
    reconsiderations: gov['t4.review.total'],
    lawsuits: gov['t4.suitDirect.total'] + gov['t4.suitAfterReview.total'],
  });
  const govTemplate = await new StatisticsTemplateService(ctx).newestOf('GOV-2021');
  const failedChecks = govTemplate ? checkRules(govTemplate.definition, gov, null).map((p) => p.message) : [];
  return {
    unitId,
    year,
    templateCode: await templateCodeFor(ctx, year),
    received: gov['t3.new.TOTAL'],
    carriedOver: gov['t3.carriedOver.TOTAL'],
    concluded: gov['t3.resultTotal.TOTAL'],
    carriedForward: gov['t3.carriedForward.TOTAL'],
    withdrawn,
    gov2021: gov,
    customs2009: customs,
    feesCharged: fees.fee_count,
    feesTotal: Number(fees.fee_total ?? 0),
    failedChecks,
  };
}

/** `requestStatistics(unitId, year)`: staff (any role) over the body only; anonymised counts, no personal data. */
export class RequestStatisticsService {
  constructor(private readonly ctx: ServiceContext) {}

  /** The body's statistics for a year, or NOT_FOUND outside the caller's scope. */
  async statistics(raw: RequestStatisticsArgs): Promise<RequestStatistics> {
    const args = parseInput(requestStatisticsSchema, raw, 'args');
    const body = await this.bodyInScope(args.unitId);
    return computeRequestStatistics(this.ctx, this.ctx.em, body.id, args.year);
  }

  private async bodyInScope(globalId: string): Promise<OrgUnit> {
    const body = await this.ctx.em.findOne(OrgUnit, { id: decodeIntId(globalId, 'OrgUnit', 'unitId') });
    if (!body || !this.ctx.auth.isStaffOf(body.path)) throw new NotFoundError('OrgUnit');
    if (!(await isDisclosureBody(this.ctx.em, body))) throw ValidationError.field('unitId', messages.notABody);
    return body;
  }
}
