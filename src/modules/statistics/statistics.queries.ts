import type { EntityManager } from '@mikro-orm/postgresql';
import type { MetadataStorage } from '@mikro-orm/core';
import { globalIdSql } from '../../common/global-id';
import { rowJsonSql } from '../../db/read-model';
import { ident, join, nameLiteral, raw, sql, type Sql } from '../../db/sql';
import { auditInsertSql, type AuditActor } from '../audit/audit.queries';
import { AnnualStatistics } from './annual-statistics.entity';

/**
 * The statistics module's hand-written statements: the one-statement save, the templates, the
 * loaders' and tasks' batches, the roll-up's aggregates, and the dashboard's statistics sections.
 */

/**
 * Unit kinds whose default reporting role reports (org_unit.reporting_role decides per unit; this
 * list is for bulk generators that build units without the database's default).
 */
export const REPORTING_KINDS = ['ADMINISTRATION', 'DISTRICT', 'SUBORDINATE_OFFICE'];

/** SQL: the unit aliased `alias` is expected to report yearly statistics (reporting role not NONE). */
export function expectedToReportSql(alias: string): Sql {
  return sql`${ident(alias, 'reporting_role')} <> 'NONE'`;
}

/**
 * What the audit trail records of a revision: key, column, and how to read it from an entity. One
 * list serves both snapshots: `snapshot` of a loaded row, and `snapshotSql` where a save builds
 * them in the database, so the two shapes cannot drift apart.
 */
const SNAPSHOT_FIELDS: readonly [key: string, column: string, read: (s: AnnualStatistics) => unknown][] = [
  ['unitId', 'unit_id', (s) => s.unit.id],
  ['year', 'year', (s) => s.year],
  ['templateId', 'template_id', (s) => s.template.id],
  ['revision', 'revision', (s) => s.revision],
  ['status', 'status', (s) => s.status],
  ['scope', 'scope', (s) => s.scope],
  ['figures', 'figures', (s) => s.figures],
  ['notes', 'notes', (s) => s.notes],
  ['cellSources', 'cell_sources', (s) => s.cellSources],
  ['correctionReason', 'correction_reason', (s) => s.correctionReason ?? null],
  ['reviewComment', 'review_comment', (s) => s.reviewComment ?? null],
  ['version', 'version', (s) => s.version],
];

/** Snapshot of a revision for the audit trail. */
export function snapshot(s: AnnualStatistics): Record<string, unknown> {
  return Object.fromEntries(SNAPSHOT_FIELDS.map(([key, , read]) => [key, read(s)]));
}

/** `snapshot` in SQL, over a relation with annual_statistics' columns. */
function snapshotSql(r: string): Sql {
  const pairs = SNAPSHOT_FIELDS.map(([key, column]) => sql`${nameLiteral(key)}, ${ident(r, column)}`);
  return sql`jsonb_build_object(${join(pairs, ', ')})`;
}
/** The save's two snapshots, built once: the row before (`old`) and after (`saved`). */
const SNAPSHOT_OLD = snapshotSql('old');
const SNAPSHOT_SAVED = snapshotSql('saved');

/** Columns a save does not return: the figures, notes, cell sources and warnings it just sent. */
const SENT_COLUMNS = new Set(['figures', 'notes', 'cell_sources', 'warnings']);
const savedRowJsonByMetadata = new WeakMap<MetadataStorage, Sql>();
/** The saved row as JSON, without what the save sent (built once per metadata). */
function savedRowJson(em: EntityManager): Sql {
  const metadata = em.getMetadata();
  let expr = savedRowJsonByMetadata.get(metadata);
  if (!expr) savedRowJsonByMetadata.set(metadata, (expr = rowJsonSql(em, AnnualStatistics, 'saved', (c) => !SENT_COLUMNS.has(c))));
  return expr;
}

/** What a save sends. */
export interface SaveDraftArgs {
  actor: AuditActor;
  unitId: number;
  year: number;
  templateId: number;
  /** The clean figures and the non-empty notes, as JSON. */
  figuresJson: string;
  notesJson: string;
  /** Where the non-typed cells came from (cell key → CellSource), as JSON. */
  sourcesJson: string;
  /** The correction reason; null when none (an empty reason is no reason). */
  reason: string | null;
  expectedVersion: number | null;
  /** `reportingGrantsJson` of the caller (statistics.policy.ts). */
  grantsJson: string;
  /** The cells of last year's figures the template's carry-over rules compare, as JSON. */
  carriedJson: string;
  /** OWN or CONSOLIDATED, and the contributors a consolidated submission includes. */
  scope: string;
  contributorIds: readonly number[];
}

/** What the save statement answers: the written row, or what it found when it wrote nothing. */
export interface SaveDraftRow {
  row: Record<string, unknown> | null;
  path: string | null;
  name: string | null;
  working: { status: string; version: number; correctionReason: string | null } | null;
  has_accepted: boolean;
  previous: Record<string, unknown> | null;
}

/**
 * The save as one statement: checks the caller's scope against the unit's path, updates the
 * working revision (or inserts the first one), writes the audit record with both snapshots, and
 * answers what it found when nothing was written, plus last year's accepted figures of the cells
 * the template carries over.
 */
export function saveDraftSql(em: EntityManager, args: SaveDraftArgs): Sql {
  const { unitId, year, templateId, figuresJson, notesJson, sourcesJson, reason, expectedVersion, grantsJson, carriedJson, actor, scope } = args;
  const contributors = [...args.contributorIds];
  const userId = actor.userId;
  const previousYear = year - 1;
  const audit = auditInsertSql(
    actor,
    { action: 'statistics.saveAnnualStatistics', targetType: 'AnnualStatistics' },
    // Every part of one statement reads the same snapshot: `old` is the row as it was before the update.
    sql`saved left join annual_statistics old on old.id = saved.id, u`,
    {
      targetId: raw(globalIdSql('AnnualStatistics', 'saved.id')),
      scopePath: sql`u.path`,
      before: sql`case when old.id is null then null else ${SNAPSHOT_OLD} end`,
      after: SNAPSHOT_SAVED,
    },
  );
  return sql`
      with sent as (select ${figuresJson}::jsonb as figures, ${notesJson}::jsonb as notes, ${sourcesJson}::jsonb as sources, ${reason}::text as reason),
      u as (select id, path, name from org_unit where id = ${unitId}),
      allowed as (select exists (select 1 from u, jsonb_to_recordset(${grantsJson}::jsonb) g(path text, cascade boolean)
                                 where case when g.cascade then starts_with(u.path, g.path) else u.path = g.path end) as ok),
      cur as (select id, status, version, revision, correction_reason from annual_statistics where unit_id = ${unitId} and year = ${year} and status <> 'SUPERSEDED'),
      working as (select * from cur where status in ('DRAFT', 'SUBMITTED', 'RETURNED')),
      accepted as (select id from cur where status = 'ACCEPTED'),
      updated as (
        update annual_statistics s
           set template_id = ${templateId}, status = 'DRAFT', figures = sent.figures, notes = sent.notes, cell_sources = sent.sources, warnings = '[]',
               scope = ${scope}, contributor_ids = ${contributors}::int[],
               correction_reason = case when exists (select 1 from accepted) then coalesce(sent.reason, s.correction_reason) else s.correction_reason end,
               version = s.version + 1, updated_at = now()
          from working w, allowed a, sent
         where s.id = w.id and a.ok and s.version = w.version and s.status in ('DRAFT', 'RETURNED')
           and (${expectedVersion}::int is null or s.version = ${expectedVersion}::int)
           and (not exists (select 1 from accepted) or coalesce(sent.reason, s.correction_reason) is not null)
        returning s.*),
      -- on conflict do nothing: a concurrent first save holds the working-row index or the revision number.
      inserted as (
        insert into annual_statistics (unit_id, year, template_id, status, revision, supersedes_id, correction_reason, created_by_id, figures, notes, cell_sources, warnings,
                                       scope, contributor_ids)
        select u.id, ${year}, ${templateId}, 'DRAFT', coalesce((select max(revision) from annual_statistics where unit_id = u.id and year = ${year}), 0) + 1,
               (select id from accepted), case when exists (select 1 from accepted) then sent.reason end, ${userId}::int, sent.figures, sent.notes, sent.sources, '[]',
               ${scope}, ${contributors}::int[]
          from u, allowed a, sent
         where a.ok and not exists (select 1 from working) and (not exists (select 1 from accepted) or sent.reason is not null)
        on conflict do nothing
        returning *),
      saved as (select * from updated union all select * from inserted),
      audited as (${audit}),
      -- Last year's accepted figures, read from storage once (the concatenation makes an in-memory
      -- copy; each -> on the stored value would fetch it again), for the carried cells.
      last_year as materialized (select figures || '{}'::jsonb as figures from annual_statistics where unit_id = ${unitId} and year = ${previousYear} and status = 'ACCEPTED')
      select (select ${savedRowJson(em)} from saved) as row,
             -- What was found, for the refusal when nothing was written (scope is told again from the path).
             (select path from u) as path, (select name from u) as name,
             (select json_build_object('status', status, 'version', version, 'correctionReason', correction_reason) from working) as working,
             exists (select 1 from accepted) as has_accepted,
             (select jsonb_object_agg(k, l.figures -> k) from last_year l, jsonb_array_elements_text(${carriedJson}::jsonb) k where l.figures -> k is not null) as previous`;
}

/** Every installed template version. */
export function templatesSql(): Sql {
  return sql`select * from statistics_template`;
}

/** Paths of the given units (the contributors a consolidated submission names). */
export function unitPathsSql(unitIds: readonly number[]): Sql {
  return sql`select id, path from org_unit where id = any(${[...unitIds]}::int[])`;
}

/** A unit's path and name. */
export function unitPathAndNameSql(unitId: number): Sql {
  return sql`select path, name from org_unit where id = ${unitId}`;
}

/** Accepted figures of (unit, year) pairs. */
export function acceptedFiguresSql(pairs: readonly { unitId: number; year: number }[]): Sql {
  return sql`select s.unit_id, s.year, s.figures from annual_statistics s
         join unnest(${pairs.map((p) => p.unitId)}::int[], ${pairs.map((p) => p.year)}::int[]) k(unit_id, year) on k.unit_id = s.unit_id and k.year = s.year
        where s.status = 'ACCEPTED'`;
}

/** The given units expected to report that have neither submitted nor had accepted their statistics for `year`. */
export function notSubmittedSql(unitIds: readonly number[], year: number): Sql {
  return sql`select u.id, u.name from org_unit u
      where u.id = any(${[...unitIds]}::int[])
        and u.active and ${expectedToReportSql('u')}
        and not exists (select 1 from annual_statistics s where s.unit_id = u.id and s.year = ${year} and s.status in ('SUBMITTED', 'ACCEPTED', 'SUPERSEDED'))
      order by u.id`;
}

/**
 * A unit's statistics state for a year, over its non-superseded revisions `s` grouped per unit:
 * ACCEPTED once accepted (also while a correction is prepared), else its working revision's
 * status, MISSING without one.
 */
const YEAR_STATE = sql`case when bool_or(s.status = 'ACCEPTED') then 'ACCEPTED' else coalesce(max(s.status), 'MISSING') end`;

/** The unit itself and its direct subordinates expected to report, with their state for the year (and the unit's own accepted figures). */
export function reportingStatesSql(unitId: number, year: number): Sql {
  // Only the unit's own figures: a child's would be read from storage for nothing (each is a
  // TOASTed document of some 200 cells).
  return sql`select c.id, c.id = ${unitId} as own,
              ${YEAR_STATE} as state,
              (array_agg(s.figures) filter (where s.status = 'ACCEPTED' and c.id = ${unitId}))[1] as figures
         from org_unit c
         left join annual_statistics s on s.unit_id = c.id and s.year = ${year} and s.status <> 'SUPERSEDED'
        where c.id = ${unitId} or (c.parent_id = ${unitId} and c.active and ${expectedToReportSql('c')})
        group by c.id
        order by c.id = ${unitId} desc, c.sort_order, c.id`;
}

/**
 * The unit and its active direct children (every kind) with their statistics state for the year,
 * as the dashboard lists them: the unit's columns, `own_row`, `reports_row` (expected to report)
 * and `state_row`.
 */
export function childStatesSql(unitId: number, year: number): Sql {
  return sql`select c.*, c.id = ${unitId} as own_row, ${expectedToReportSql('c')} as reports_row,
                ${YEAR_STATE} as state_row
           from org_unit c
           left join annual_statistics s on s.unit_id = c.id and s.year = ${year} and s.status <> 'SUPERSEDED'
          where c.id = ${unitId} or (c.parent_id = ${unitId} and c.active)
          group by c.id
          order by c.id = ${unitId} desc, c.sort_order, c.id`;
}

/** What the statistics action rules read about revisions (statistics-actions.policy.ts), by revision id; one statement per batch. */
export function statisticsActionFactsSql(ids: readonly number[]): Sql {
  return sql`select s.id, s.status, u.path as unit_path, u.name as unit_name, p.path as parent_path,
         (select w.status from annual_statistics w
           where w.unit_id = s.unit_id and w.year = s.year and w.status in ('DRAFT', 'RETURNED', 'SUBMITTED')
           order by w.revision desc limit 1) as working_status
    from annual_statistics s join org_unit u on u.id = s.unit_id left join org_unit p on p.id = u.parent_id
   where s.id = any(${[...ids]}::int[])`;
}

/** What the report action rules read about reports (report-actions.policy.ts), by report id; one statement per batch. */
export function reportActionFactsSql(ids: readonly number[]): Sql {
  return sql`select r.id, r.status, u.path as unit_path, u.name as unit_name, r.submitted_by_id,
         coalesce((select json_agg(json_build_object('kind', v.kind, 'decision', v.decision, 'reviewerId', v.reviewer_id) order by v.id)
                     from annual_report_review v where v.report_id = r.id and v.round = r.review_round), '[]') as round_reviews,
         exists (select 1 from annual_statistics s where s.unit_id = r.unit_id and s.year = r.year and s.status = 'ACCEPTED') as statistics_accepted
    from annual_report r join org_unit u on u.id = r.unit_id
   where r.id = any(${[...ids]}::int[])`;
}
