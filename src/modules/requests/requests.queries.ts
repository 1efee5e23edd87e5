import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../auth/principal';
import { runSql, sql, type Sql } from '../../db/sql';
import { REASONS } from './requests.enums';
import { requestVisibilitySql } from './requests.policy';

/**
 * Every hand-written SQL statement of the requests module (sql-template-tag: values are always
 * parameters). Tables 3 and 4 are counted here, so the statistics of requests are never typed.
 */

/** First and last-plus-one day of a year. */
const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

/** Reason → table-3 row key, as one JSON parameter. */
const REASON_ROWS_JSON = JSON.stringify(Object.entries(REASONS).map(([reason, r]) => ({ reason, row_key: r.row })));

/** One count of the register for a year: a table-3 row (or a channel, or withdrawn) by applicant type. */
export interface RegisterCountRow {
  row_key: string;
  applicant_type: string | null;
  n: number;
}

/** Table-4 counts of a year: appeals filed in the year by kind and result. */
export interface AppealCountRow {
  row_key: string;
  result: string;
  n: number;
}

/** Fees of requests concluded in the year. */
export interface FeeRow {
  fee_count: number;
  fee_total: string | null;
}

/**
 * Table-3 counts of a body and year from the register, in one statement: the requests alive in the
 * year (received before its end and not concluded before its start) counted as new (received in
 * it) or carried over (received before it); those concluded in it by result row; the rest carried
 * forward. Every request alive in the year is in exactly one of results and carried forward, and in
 * exactly one of new and carried over, so 一 + 二 = 三 + 四 holds by construction. Channels of the
 * new ones and the withdrawn among the concluded come with them (CUSTOMS-2009).
 */
export function selectRegisterCounts(em: EntityManager, bodyUnitId: number, year: number): Promise<RegisterCountRow[]> {
  return runSql<RegisterCountRow>(em, requestsSql.selectRegisterCounts(bodyUnitId, year));
}

/** Reconsiderations and lawsuits filed in the year, by kind and current result (table 4). */
export function selectAppealCounts(em: EntityManager, bodyUnitId: number, year: number): Promise<AppealCountRow[]> {
  return runSql<AppealCountRow>(em, requestsSql.selectAppealCounts(bodyUnitId, year));
}

/** Processing fees charged on requests concluded in the year. */
export async function selectFees(em: EntityManager, bodyUnitId: number, year: number): Promise<FeeRow> {
  const [r] = await runSql<FeeRow>(em, requestsSql.selectFees(bodyUnitId, year));
  return r;
}

/** Items of the body's own figures (本级) published in the year, and of them on the portal. */
export interface CatalogueCountRow {
  published: number;
  on_portal: number;
}

/** Items published in the year by the units whose figures are the body's own (本级: not those of subordinate offices). */
export async function selectCatalogueCounts(em: EntityManager, unitId: number, year: number): Promise<CatalogueCountRow> {
  const [r] = await runSql<CatalogueCountRow>(em, requestsSql.selectCatalogueCounts(unitId, year));
  return r;
}

/** Requests figures of a subtree for the dashboard. */
export interface RequestOverviewRow {
  open: number;
  due_soon: number;
  overdue: number;
}

/** Open, due within the window and overdue requests of the bodies in a subtree that the caller may see. */
export async function selectRequestOverview(
  em: EntityManager,
  auth: Principal,
  subtreePath: string,
  today: string,
  soonUntil: string,
): Promise<RequestOverviewRow> {
  const [r] = await runSql<RequestOverviewRow>(em, requestsSql.selectRequestOverview(auth, subtreePath, today, soonUntil));
  return r;
}

/** Requests concluded in the year by outcome, of the bodies in a subtree the caller may see. */
export function selectConcludedByOutcome(em: EntityManager, auth: Principal, subtreePath: string, year: number): Promise<{ outcome: string; n: number }[]> {
  return runSql(em, requestsSql.selectConcludedByOutcome(auth, subtreePath, year));
}

/** Replies due in the year (concluded in it, or open and past due on asOf) and of them concluded by their due date. */
export interface OnTimeRow {
  due: number;
  on_time: number;
}

/** The on-time reply figures of the bodies in a subtree for a year (答复及时率). */
export async function selectOnTimeReplies(em: EntityManager, subtreePath: string, year: number, asOf: string): Promise<OnTimeRow> {
  const [r] = await runSql<OnTimeRow>(em, requestsSql.selectOnTimeReplies(subtreePath, year, asOf));
  return r;
}

/** One audited read of an applicant's personal data. */
export interface ApplicantRead {
  targetId: string;
  scopePath: string;
}

/** Records reads of applicants' personal data in the audit trail, one row per request, in one statement per page. */
export async function insertApplicantReads(
  em: EntityManager,
  actor: { userId: number | null; username: string | null; requestId: string },
  reads: ApplicantRead[],
): Promise<void> {
  await runSql(em, requestsSql.insertApplicantReads(actor, reads));
}

/** The statements as sql-template-tag objects: what the functions above run, and what the snapshot test prints. */
export const requestsSql = {
  /** The statement of `selectRegisterCounts`. */
  selectRegisterCounts: (bodyUnitId: number, year: number): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    with r as (
      select d.applicant_type, d.channel, d.received_on, d.concluded_on, d.status,
             coalesce(m.row_key, case d.outcome when 'GRANTED' then 'granted' when 'PARTLY_GRANTED' then 'partly' end) as result_row
        from disclosure_request d
        left join jsonb_to_recordset(${REASON_ROWS_JSON}::jsonb) as m(reason text, row_key text) on m.reason = d.outcome_reason
       where d.body_unit_id = ${bodyUnitId} and d.received_on < ${to}::date
         and (d.concluded_on is null or d.concluded_on >= ${from}::date))
    select 'new' as row_key, applicant_type, count(*)::int as n from r where received_on >= ${from}::date group by applicant_type
    union all
    select 'carriedOver', applicant_type, count(*)::int from r where received_on < ${from}::date group by applicant_type
    union all
    select result_row, applicant_type, count(*)::int from r where concluded_on < ${to}::date group by result_row, applicant_type
    union all
    select 'carriedForward', applicant_type, count(*)::int from r where concluded_on is null or concluded_on >= ${to}::date group by applicant_type
    union all
    select 'channel.' || channel, null, count(*)::int from r where received_on >= ${from}::date group by channel
    union all
    select 'withdrawn', applicant_type, count(*)::int from r where status = 'WITHDRAWN' and concluded_on < ${to}::date group by applicant_type`;
  },
  /** The statement of `selectAppealCounts`. */
  selectAppealCounts: (bodyUnitId: number, year: number): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    select 'review' as row_key, reconsideration_result as result, count(*)::int as n
      from disclosure_request
     where body_unit_id = ${bodyUnitId} and reconsideration_filed_on >= ${from}::date and reconsideration_filed_on < ${to}::date
     group by reconsideration_result
    union all
    select case when litigation_after_reconsideration then 'suitAfterReview' else 'suitDirect' end, litigation_result, count(*)::int
      from disclosure_request
     where body_unit_id = ${bodyUnitId} and litigation_filed_on >= ${from}::date and litigation_filed_on < ${to}::date
     group by 1, litigation_result`;
  },
  /** The statement of `selectFees`. */
  selectFees: (bodyUnitId: number, year: number): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    select count(fee_amount)::int as fee_count, sum(fee_amount)::text as fee_total
      from disclosure_request
     where body_unit_id = ${bodyUnitId} and concluded_on >= ${from}::date and concluded_on < ${to}::date`;
  },
  /** The statement of `selectCatalogueCounts`. */
  selectCatalogueCounts: (unitId: number, year: number): Sql => {
    const from = `${year}-01-01T00:00:00+08:00`;
    const to = `${year + 1}-01-01T00:00:00+08:00`;
    return sql`
    with units as (
      select o.id from org_unit o, org_unit t
       where t.id = ${unitId} and starts_with(o.path, t.path)
         and not exists (select 1 from org_unit b
                          where b.kind in ('SUBORDINATE_OFFICE', 'DISTRICT') and b.id <> t.id
                            and starts_with(b.path, t.path) and starts_with(o.path, b.path)))
    select count(*)::int as published,
           count(*) filter (where 'PORTAL' = any(coalesce(i.pub_channels, i.channels)))::int as on_portal
      from disclosure_item i
     where i.owner_unit_id in (select id from units)
       and i.published_at >= ${from}::timestamptz and i.published_at < ${to}::timestamptz`;
  },
  /** The statement of `selectRequestOverview`. */
  selectRequestOverview: (auth: Principal, subtreePath: string, today: string, soonUntil: string): Sql => {
    return sql`
    select count(*)::int as open,
           count(*) filter (where d.status = 'OPEN' and d.due_on >= ${today}::date and d.due_on <= ${soonUntil}::date)::int as due_soon,
           count(*) filter (where d.status = 'OPEN' and d.due_on < ${today}::date)::int as overdue
      from disclosure_request d join org_unit u on u.id = d.body_unit_id
     where d.concluded_on is null and starts_with(u.path, ${subtreePath}) and ${requestVisibilitySql(auth, sql`u.path`)}`;
  },
  /** The statement of `selectConcludedByOutcome`. */
  selectConcludedByOutcome: (auth: Principal, subtreePath: string, year: number): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    select d.outcome, count(*)::int as n
      from disclosure_request d join org_unit u on u.id = d.body_unit_id
     where d.concluded_on >= ${from}::date and d.concluded_on < ${to}::date
       and starts_with(u.path, ${subtreePath}) and ${requestVisibilitySql(auth, sql`u.path`)}
     group by d.outcome order by d.outcome`;
  },
  /** The statement of `selectOnTimeReplies`. */
  selectOnTimeReplies: (subtreePath: string, year: number, asOf: string): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    select count(*)::int as due,
           count(*) filter (where d.concluded_on is not null and d.concluded_on <= d.due_on)::int as on_time
      from disclosure_request d join org_unit u on u.id = d.body_unit_id
     where starts_with(u.path, ${subtreePath}) and d.status <> 'WITHDRAWN'
       and ((d.concluded_on >= ${from}::date and d.concluded_on < ${to}::date and d.concluded_on <= ${asOf}::date)
            or (d.concluded_on is null and d.status = 'OPEN' and d.due_on < ${asOf}::date and d.due_on >= ${from}::date and d.due_on < ${to}::date))`;
  },
  /** The statement of `insertApplicantReads`. */
  insertApplicantReads: (actor: { userId: number | null; username: string | null; requestId: string }, reads: ApplicantRead[]): Sql => {
    return sql`
    insert into audit_record (actor_id, actor_username, request_id, action, target_type, target_id, scope_path, before, after)
    select ${actor.userId}::int, ${actor.username}, ${actor.requestId}, 'requests.readApplicant', 'DisclosureRequest', r.target_id, r.scope_path, null, null
      from jsonb_to_recordset(${JSON.stringify(reads.map((x) => ({ target_id: x.targetId, scope_path: x.scopePath })))}::jsonb)
           as r(target_id text, scope_path text)`;
  },
};
