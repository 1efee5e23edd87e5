/**
 * Plan check of the dashboard on a national-size tree: ~10,000 units, ~1,000,000 items, ten years
 * of statistics. Prints EXPLAIN (ANALYZE, BUFFERS) of every statement `overview` issues, for one
 * district and for the root. Not a test: run it by hand when a dashboard query changes.
 *
 *   npm run bench:explain                                   # 100 items per division (~1,000,000)
 *   DASHBOARD_ITEMS_PER_DIVISION=5 npm run bench:explain    # a quick look (~50,000)
 *   TEST_DATABASE_URL=postgres://… npm run bench:explain    # on an existing server instead of an embedded one
 *
 * It reuses the test harness: the jest global setup (embedded PostgreSQL, migrated and seeded
 * template) and TestApp (a cloned database with the API over it, as the integration tests run it).
 */
import 'reflect-metadata';
import { toGlobalId } from '../src/common/global-id';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { TestApp } from '../test/helpers/app';

const ITEMS_PER_DIVISION = Number(process.env.DASHBOARD_ITEMS_PER_DIVISION ?? 100);

const OVERVIEW = `query($u: ID!, $y: Int!, $d: LocalDate) {
  overview(unitId: $u, year: $y, asOf: $d) {
    year asOf unit { code }
    items {
      total published overdue maintenanceDue maintenanceDueSoon periodicDue withholdingPending publishedInYear lookaheadDays
      byStatus { status count } byLevel { level count } byStatusAndLevel { status level count }
    }
    liaison { requiredUnits coveredUnits rate gaps { code } endingSoon { personName } }
    statistics { year ownState expectedChildren acceptedUnits complete byState { state count } }
    children { unit { code } statisticsState items published overdue maintenanceDue withholdingPending }
    yearOnYear { figure label current previous change changeRate }
    inspections { byStatus { status count } results { inspectionId schemeId schemeName unit { code } total grade rank rankedUnits } }
  }
}`;

/** Adds 50 districts × 14 subordinate offices × 13 divisions under the demo root, with items, liaisons and statistics. */
async function buildNationalTree(app: TestApp): Promise<void> {
  const t0 = Date.now();
  await app.sql(`
    create temporary table gen as select 1;
    do $$
    declare root org_unit; d int; o int; dv int; did int; oid int; vid int;
    begin
      select * into root from org_unit where parent_id is null;
      for d in 1..50 loop
        did := nextval('org_unit_id_seq');
        insert into org_unit (id, code, name, kind, parent_id, path, depth) values (did, 'G' || d, '直属' || d, 'DISTRICT', root.id, root.path || did || '/', 1);
        for o in 1..14 loop
          oid := nextval('org_unit_id_seq');
          insert into org_unit (id, code, name, kind, parent_id, path, depth) values (oid, 'G' || d || '-' || o, '隶属' || o, 'SUBORDINATE_OFFICE', did, root.path || did || '/' || oid || '/', 2);
          for dv in 1..13 loop
            vid := nextval('org_unit_id_seq');
            insert into org_unit (id, code, name, kind, parent_id, path, depth) values (vid, 'G' || d || '-' || o || '-' || dv, '处' || dv, 'DIVISION', oid, root.path || did || '/' || oid || '/' || vid || '/', 3);
          end loop;
        end loop;
      end loop;
    end $$`);
  await app.sql(`
    insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status,
                                 is_public, published_at, pub_title, next_maintenance_date)
    select (select id from catalogue_category where code = 'C1'), u.id, 'DIVISION', case when g % 3 = 0 then 'STANDING' else 'AD_HOC' end, '{PORTAL}',
           '事项', '正文', '2020-01-01'::date + (g % 2000), '2020-02-01'::date + (g % 2000),
           (array['DRAFT','IN_REVIEW','RETURNED','APPROVED','PUBLISHED','PUBLISHED','PUBLISHED','RETIRED'])[1 + g % 8],
           g % 8 in (4, 5, 6), case when g % 8 in (4, 5, 6, 7) then '2020-03-01'::timestamptz + (g % 2000) * interval '1 day' end,
           case when g % 8 in (4, 5, 6) then '事项' end, case when g % 3 = 0 then '2026-01-01'::date + (g % 300) end
      from org_unit u, generate_series(1, ${ITEMS_PER_DIVISION}) g where u.code like 'G%' and u.kind = 'DIVISION'`);
  await app.sql(`
    insert into liaison_appointment (person_name, unit_id, kind, start_date)
    select 'L' || u.id, u.id, 'DEPARTMENT', '2020-01-01' from org_unit u where u.code like 'G%' and u.id % 10 <> 0`);
  await app.sql(`
    insert into annual_statistics (unit_id, year, template_id, status, figures)
    select u.id, y, t.id, 'ACCEPTED', jsonb_build_object('t3.new.TOTAL', u.id % 7, 'requests.total', u.id % 5)
      from org_unit u, generate_series(2017, 2026) y, statistics_template t
     where u.code like 'G%' and t.year_from <= y and (t.year_to is null or t.year_to >= y)`);
  await app.sql('vacuum analyze');
  const [counts] = await app.sql(
    `select (select count(*) from org_unit) as units, (select count(*) from disclosure_item) as items, (select count(*) from annual_statistics) as stats`,
  );
  console.log(`built in ${Date.now() - t0} ms`, counts);
}

async function unitGlobalId(app: TestApp, code: string): Promise<string> {
  const [row] = await app.sql<{ id: number }>('select id from org_unit where code = $1', [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return toGlobalId('OrgUnit', row.id);
}

/** Runs `overview` once warm, recording its statements, then explains each of them. */
async function explainOverview(app: TestApp, code: string): Promise<string> {
  const queries: { sql: string; bindings: unknown[] }[] = [];
  const listener = (q: { sql: string; bindings: unknown[] }) => queries.push(q);
  const knex = app.orm.em.getConnection().getKnex();
  const vars = { u: await unitGlobalId(app, code), y: 2026, d: '2026-06-15' };
  await app.gql(OVERVIEW, vars, 'admin'); // warm
  knex.on('query', listener);
  const t1 = Date.now();
  const res = await app.gql(OVERVIEW, vars, 'admin');
  const ms = Date.now() - t1;
  knex.off('query', listener);
  if (res.errors) throw new Error(`overview failed: ${JSON.stringify(res.errors)}`);
  const out: string[] = [`==== ${code}: ${ms} ms, ${queries.length} statements, items ${res.data!.overview.items.total}`];
  for (const q of queries) {
    const plan = await app.sql<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${q.sql}`, q.bindings as unknown[]);
    out.push(`-- ${q.sql.replace(/\s+/g, ' ').slice(0, 120)}`, ...plan.map((p) => p['QUERY PLAN']));
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  await globalSetup();
  try {
    const app = await TestApp.create();
    try {
      await buildNationalTree(app);
      for (const code of ['G7', 'GACC']) console.log(await explainOverview(app, code));
    } finally {
      await app.close();
    }
  } finally {
    await globalTeardown();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
