import type { EntityManager } from '@mikro-orm/postgresql';
import { runSql, sql, type Sql } from '../../db/sql';
import type { Principal } from '../../auth/principal';
import { caseVisibilitySql } from './contact.policy';

/**
 * Every hand-written SQL statement of the contact module, written with sql-template-tag: values are
 * always parameters. A list travels as one JSON parameter expanded in SQL (jsonb_to_recordset,
 * jsonb_array_elements_text), never as a variable-length list of placeholders, so each statement
 * has one text whatever the number of rows and works with any runner (knex-style `?` or `$n`).
 */

/** Runs a statement through the shared runner (the transaction's connection when there is one). */
function run<T>(em: EntityManager, q: Sql): Promise<T[]> {
  return runSql<T>(em, q);
}

/** First and last-plus-one day of a year, as date parameters. */
const yearRange = (year: number) => ({ from: `${year}-01-01`, to: `${year + 1}-01-01` });

/** One day's tally of one channel. */
export interface TallyRow {
  date: string;
  channel: string;
  count: number;
}

/**
 * Writes a unit's daily tallies; a day and channel already tallied is replaced (re-entering a day
 * corrects it). Returns the rows written.
 */
export async function upsertTallies(em: EntityManager, unitId: number, userId: number | null, rows: TallyRow[]): Promise<number> {
  const [r] = await run<{ n: number }>(em, contactSql.upsertTallies(unitId, userId, rows));
  return r.n;
}

/** The consultation and case figures of a unit for a year, as computed in SQL. */
export interface ContactFigureRow {
  consultations_total: number;
  consultations_phone: number;
  consultations_counter: number;
  consultations_online: number;
  consultations_other: number;
  consultations_escalated: number;
  difficult_resolved: number;
  complaints: number;
  tip_offs: number;
  suggestions: number;
  cases_received: number;
  follow_ups: number;
  satisfied: number;
}

/**
 * The units whose records count for `unitId`: its own figures (本级) are the unit and everything
 * below it except the subtrees of subordinate offices and districts under it, which report their
 * own; with `wholeSubtree`, everything below it.
 */
function countedUnits(unitId: number, wholeSubtree: boolean): Sql {
  return sql`
    select o.id from org_unit o, org_unit t
     where t.id = ${unitId} and starts_with(o.path, t.path)
       and (${wholeSubtree}::boolean or not exists (
             select 1 from org_unit b
              where b.kind in ('SUBORDINATE_OFFICE', 'DISTRICT') and b.id <> t.id
                and starts_with(b.path, t.path) and starts_with(o.path, b.path)))`;
}

/**
 * Consultation figures from the log (quick logs and tallies by the day they happened) and case
 * figures (complaints, tip-offs and suggestions by the day received; difficult questions by the
 * day closed; satisfaction by the day of the follow-up visit) in one statement.
 */
export async function selectContactFigures(em: EntityManager, unitId: number, year: number, wholeSubtree: boolean): Promise<ContactFigureRow> {
  const [r] = await run<ContactFigureRow>(em, contactSql.selectContactFigures(unitId, year, wholeSubtree));
  return r;
}

/** Open, overdue and escalated cases of a subtree the caller may see. */
export interface CaseCountRow {
  open: number;
  overdue: number;
  escalated: number;
}

/**
 * Counts the open cases of the subtree at `subtreePath` that the caller may see (the policy's SQL
 * filter): open, overdue on `today`, and escalated above the level they started at.
 */
export async function selectCaseCounts(em: EntityManager, auth: Principal, subtreePath: string, today: string): Promise<CaseCountRow> {
  const [r] = await run<CaseCountRow>(em, contactSql.selectCaseCounts(auth, subtreePath, today));
  return r;
}

/** Handling figures of a subtree's cases for inspection indicators. */
export interface HandlingRateRow {
  due: number;
  on_time: number;
  named_closed: number;
  fed_back: number;
}

/**
 * For the cases of the subtree at `subtreePath` received in `year`: those due by `asOf` or closed,
 * and of them closed by their due date (落实); named reporters' closed cases, and of them those with
 * feedback given (有反馈). Restricted cases count too: the figures name no one.
 */
export async function selectHandlingRates(em: EntityManager, subtreePath: string, year: number, asOf: string): Promise<HandlingRateRow> {
  const [r] = await run<HandlingRateRow>(em, contactSql.selectHandlingRates(subtreePath, year, asOf));
  return r;
}

/** One audited read of a case's reporter. */
export interface ReporterRead {
  targetId: string;
  scopePath: string;
}

/**
 * Records reads of reporters' personal data in the audit trail, one row per case, in one
 * statement for a whole page of cases.
 */
export async function insertReporterReads(
  em: EntityManager,
  actor: { userId: number | null; username: string | null; requestId: string },
  reads: ReporterRead[],
): Promise<void> {
  await run(em, contactSql.insertReporterReads(actor, reads));
}

/** The unit at each level above a unit, for escalation (三级负责). */
export interface LevelUnitsRow {
  division_id: number | null;
  district_id: number | null;
}

/**
 * The nearest division or subordinate office at or above the unit, and its district (or the
 * administration for units directly under it).
 */
export async function selectLevelUnits(em: EntityManager, unitId: number): Promise<LevelUnitsRow> {
  const [r] = await run<LevelUnitsRow>(em, contactSql.selectLevelUnits(unitId));
  return r ?? { division_id: null, district_id: null };
}

/** The statements as sql-template-tag objects: what the functions above run, and what the snapshot test prints. */
export const contactSql = {
  /** The statement of `upsertTallies`. */
  upsertTallies: (unitId: number, userId: number | null, rows: TallyRow[]): Sql => {
    return sql`
    with written as (
      insert into contact_consultation (unit_id, occurred_on, channel, is_tally, count, logged_by_id)
      select ${unitId}, t.date, t.channel, true, t.count, ${userId}::int
        from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as t(date date, channel text, count int)
      on conflict (unit_id, occurred_on, channel) where is_tally
      do update set count = excluded.count, logged_by_id = excluded.logged_by_id, created_at = now()
      returning 1)
    select count(*)::int as n from written`;
  },
  /** The statement of `selectContactFigures`. */
  selectContactFigures: (unitId: number, year: number, wholeSubtree: boolean): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    with units as (${countedUnits(unitId, wholeSubtree)}),
    yr as (select ${from}::date as lo, ${to}::date as hi),
    log as (
      select coalesce(sum(count), 0)::int as total,
             coalesce(sum(count) filter (where channel = 'PHONE'), 0)::int as phone,
             coalesce(sum(count) filter (where channel = 'COUNTER'), 0)::int as counter,
             coalesce(sum(count) filter (where channel = 'ONLINE'), 0)::int as online,
             coalesce(sum(count) filter (where channel = 'OTHER'), 0)::int as other,
             count(*) filter (where outcome = 'ESCALATED')::int as escalated
        from contact_consultation, yr
       where unit_id in (select id from units) and occurred_on >= yr.lo and occurred_on < yr.hi),
    cases as (
      select count(*) filter (where kind = 'DIFFICULT_QUESTION' and status = 'CLOSED' and closed_on >= yr.lo and closed_on < yr.hi)::int as difficult,
             count(*) filter (where kind = 'COMPLAINT' and received_on >= yr.lo and received_on < yr.hi)::int as complaints,
             count(*) filter (where kind = 'TIP_OFF' and received_on >= yr.lo and received_on < yr.hi)::int as tip_offs,
             count(*) filter (where kind = 'SUGGESTION' and received_on >= yr.lo and received_on < yr.hi)::int as suggestions,
             count(*) filter (where received_on >= yr.lo and received_on < yr.hi)::int as received,
             count(*) filter (where follow_up_on >= yr.lo and follow_up_on < yr.hi)::int as follow_ups,
             count(*) filter (where follow_up_on >= yr.lo and follow_up_on < yr.hi
                                and satisfaction in ('SATISFIED', 'BASICALLY_SATISFIED'))::int as satisfied
        from contact_case, yr
       where unit_id in (select id from units))
    select log.total as consultations_total, log.phone as consultations_phone, log.counter as consultations_counter,
           log.online as consultations_online, log.other as consultations_other, log.escalated as consultations_escalated,
           cases.difficult as difficult_resolved, cases.complaints, cases.tip_offs, cases.suggestions,
           cases.received as cases_received, cases.follow_ups, cases.satisfied
      from log, cases`;
  },
  /** The statement of `selectCaseCounts`. */
  selectCaseCounts: (auth: Principal, subtreePath: string, today: string): Sql => {
    return sql`
    select count(*)::int as open,
           count(*) filter (where c.due_on < ${today}::date)::int as overdue,
           count(*) filter (where c.escalations > 0)::int as escalated
      from contact_case c join org_unit u on u.id = c.unit_id
     where c.status = 'OPEN' and starts_with(u.path, ${subtreePath}) and ${caseVisibilitySql(auth)}`;
  },
  /** The statement of `selectHandlingRates`. */
  selectHandlingRates: (subtreePath: string, year: number, asOf: string): Sql => {
    const { from, to } = yearRange(year);
    return sql`
    select count(*) filter (where c.status = 'CLOSED' or c.due_on < ${asOf}::date)::int as due,
           count(*) filter (where c.status = 'CLOSED' and c.closed_on <= c.due_on)::int as on_time,
           count(*) filter (where c.status = 'CLOSED' and not c.anonymous)::int as named_closed,
           count(*) filter (where c.status = 'CLOSED' and not c.anonymous and c.feedback_on is not null)::int as fed_back
      from contact_case c join org_unit u on u.id = c.unit_id
     where starts_with(u.path, ${subtreePath}) and c.received_on >= ${from}::date and c.received_on < ${to}::date
       and c.received_on <= ${asOf}::date`;
  },
  /** The statement of `insertReporterReads`. */
  insertReporterReads: (actor: { userId: number | null; username: string | null; requestId: string }, reads: ReporterRead[]): Sql => {
    return sql`
    insert into audit_record (actor_id, actor_username, request_id, action, target_type, target_id, scope_path, before, after)
    select ${actor.userId}::int, ${actor.username}, ${actor.requestId}, 'contact.readReporter', 'ContactCase', r.target_id, r.scope_path, null, null
      from jsonb_to_recordset(${JSON.stringify(reads.map((x) => ({ target_id: x.targetId, scope_path: x.scopePath })))}::jsonb)
           as r(target_id text, scope_path text)`;
  },
  /** The statement of `selectLevelUnits`. */
  selectLevelUnits: (unitId: number): Sql => {
    return sql`
    select (select a.id from org_unit a where starts_with(u.path, a.path) and a.kind in ('DIVISION', 'SUBORDINATE_OFFICE')
             order by a.depth desc limit 1) as division_id,
           (select a.id from org_unit a where starts_with(u.path, a.path) and a.kind in ('DISTRICT', 'ADMINISTRATION')
             order by a.depth desc limit 1) as district_id
      from org_unit u where u.id = ${unitId}`;
  },
};
