import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/core';
import { DatabaseSchema, SchemaComparator, type PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ensureDatabase } from '../../src/db/embedded';
import { openOrm } from '../../src/db/orm';
import { TEMPLATE_DB } from '../helpers/constants';
import { appUrl } from '../helpers/db-url';

/**
 * The entities' metadata describes the tables the migrations make. MikroORM's schema comparator
 * diffs the migrated database against the metadata; every table and column difference must be one
 * of the known ones below, so an entity property without a migration, a column a migration changed
 * under an entity, or a new unmapped table fails here (and a fixed difference must leave the list).
 *
 * Indexes, foreign keys and check constraints are not compared: the migrations are hand-written
 * SQL (PostgreSQL's default constraint names, partial, covering and trigram indexes) and the
 * entities declare none of them, so the schema generator's update SQL is not empty by design.
 */
const adminUrl = process.env.TEST_PG_ADMIN_URL!;
const database = `test_${randomBytes(6).toString('hex')}`;
let orm: MikroORM<PostgreSqlDriver>;

beforeAll(async () => {
  const role = { user: process.env.TEST_PG_APP_USER!, password: process.env.TEST_PG_APP_PASSWORD! };
  await ensureDatabase(adminUrl, database, TEMPLATE_DB, role.user);
  orm = await openOrm(appUrl(adminUrl, database, role), 1);
});

afterAll(async () => {
  await orm?.close(true);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists "${database}" with (force)`);
  } finally {
    await client.end();
  }
});

/** Differences between the migrated schema and the metadata that are known and harmless. */
const KNOWN = [
  // Tables and columns only SQL uses: the login throttle's store, a generated key for the overlap constraint.
  'table public.login_failure: not mapped',
  // The maintained aggregates: derived data kept by triggers and read by SQL only.
  'table public.stat_subtree_total: not mapped',
  'table public.stat_subtree_accepted: not mapped',
  'table public.item_count: not mapped',
  'table public.item_due: not mapped',
  'table public.item_due_fold: not mapped',
  'table public.liaison_unit_cover: not mapped',
  'table public.liaison_required: not mapped',
  'table public.liaison_cover: not mapped',
  'table public.liaison_gap: not mapped',
  'table public.item_public_count: not mapped',
  'table public.item_status_count: not mapped',
  // The progress of `npm run reindex-search`, read and written by its SQL only.
  'table public.search_reindex: not mapped',
  'column public.liaison_appointment.person_key: not mapped',
  // Enum properties map to text; the migrations make varchar(n) with a check constraint.
  ...[
    'annual_report.status',
    'annual_report_review.decision',
    'annual_report_review.kind',
    'annual_statistics.status',
    'catalogue_category.default_mode',
    'disclosure_item.cadence',
    'disclosure_item.level',
    'disclosure_item.mode',
    'disclosure_item.status',
    'disclosure_item.withholding_status',
    'disclosure_review.decision',
    'disclosure_review.kind',
    'holiday_day.kind',
    'inspection.status',
    'inspection_indicator.dimension',
    'inspection_indicator.method',
    'inspection_indicator.metric',
    'inspection_scheme.status',
    'liaison_appointment.kind',
    'liaison_appointment.organisation_kind',
    'org_unit.kind',
    'role_assignment.role',
    'contact_case.channel',
    'contact_case.feedback_method',
    'contact_case.handling_mode',
    'contact_case.initial_level',
    'contact_case.kind',
    'contact_case.level',
    'contact_case.satisfaction',
    'contact_case.status',
    'contact_case_step.kind',
    'contact_consultation.channel',
    'contact_consultation.outcome',
    'contact_consultation.topic',
    'disclosure_request.applicant_type',
    'disclosure_request.channel',
    'disclosure_request.litigation_result',
    'disclosure_request.outcome',
    'disclosure_request.outcome_reason',
    'disclosure_request.reconsideration_result',
    'disclosure_request.status',
    'disclosure_request_document.kind',
    'disclosure_request_event.kind',
  ].map((c) => `column public.${c}: type`),
  // A fixed-length hex digest (char(64)) where the entity says string.
  'column public.contact_case.secret_hash: type',
  // The job queue's own schema (graphile-worker, src/db/job-queue.ts).
  ...['_private_job_queues', '_private_jobs', '_private_known_crontabs', '_private_tasks', 'migrations'].map((t) => `table graphile_worker.${t}: not mapped`),
  'column public.disclosure_request.secret_hash: type',
  // The contact rate limiter's store (rate-limiter-flexible), like login_failure.
  'table public.contact_rate_limit: not mapped',
  // Escalation steps' levels are checked against the case's levels in the service, not by a constraint.
  'column public.contact_case_step.from_level: enumItems, type',
  'column public.contact_case_step.to_level: enumItems, type',
  // The enum's values are not checked in the database (no check constraint on the column).
  'column public.disclosure_item.mode_before_withholding: enumItems, type',
  // JSON columns default to '{}' / '[]' in the database; the entities initialise them in JavaScript.
  ...[
    'annual_report.sections',
    'annual_report.section_titles',
    'annual_statistics.cell_sources',
    'annual_statistics.figures',
    'annual_statistics.notes',
    'annual_statistics.warnings',
    'org_unit_contact.phones',
  ].map((c) => `column public.${c}: default`),
].sort();

it('entity metadata matches the migrated tables and columns, apart from the known differences', async () => {
  // The comparison getUpdateSchemaSQL() renders as SQL, kept structured (prepareSchemaForComparison is not typed public).
  const generator = orm.getSchemaGenerator() as unknown as {
    prepareSchemaForComparison(options: object): Promise<{ fromSchema: DatabaseSchema; toSchema: DatabaseSchema }>;
  };
  const { fromSchema, toSchema } = await generator.prepareSchemaForComparison({});
  const diff = new SchemaComparator(orm.em.getPlatform()).compare(fromSchema, toSchema);
  const found: string[] = [
    ...Object.keys(diff.newTables).map((t) => `table ${t}: missing`),
    ...Object.keys(diff.removedTables).map((t) => `table ${t}: not mapped`),
  ];
  for (const [table, d] of Object.entries(diff.changedTables)) {
    found.push(...Object.keys(d.addedColumns).map((c) => `column ${table}.${c}: missing`));
    found.push(...Object.keys(d.removedColumns).map((c) => `column ${table}.${c}: not mapped`));
    found.push(...Object.keys(d.renamedColumns).map((c) => `column ${table}.${c}: renamed`));
    for (const [c, cd] of Object.entries(d.changedColumns)) found.push(`column ${table}.${c}: ${[...cd.changedProperties].sort().join(', ')}`);
  }
  expect(found.sort()).toEqual(KNOWN);
});
