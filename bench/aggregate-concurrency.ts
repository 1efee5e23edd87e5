/**
 * Concurrent statistics accepts in different districts against two ways of keeping the ancestor
 * totals (issue 20, "measure both and choose"):
 *
 *   (a) upsert: what the migrations install; the accept's trigger adds its delta into the unit's and
 *       every ancestor's stat_subtree_total / stat_subtree_accepted rows, one upsert per table,
 *       so two accepts touching the administration's row for the same (year, template, key) wait
 *       for each other's commit;
 *   (c) deferred: the same upserts run at commit (a deferred constraint trigger), so the ancestor
 *       rows stay locked only for the trigger's tail and the commit, not for the client's round trips;
 *   (d) ordered / deferred-ordered: the same upserts locking the administration's rows last and the
 *       accepted counter after the totals (and, deferred, at commit);
 *   (b) delta: the trigger upserts the unit's own rows only and appends the ancestors' deltas to
 *       stat_delta / stat_accepted_delta (no conflicts); a folder adds them into the totals every
 *       FOLD_MS (and a reader would fold, or add the pending deltas, before reading).
 *
 * Each accept is one transaction like the server's: the status update (the trigger runs), one more
 * round trip with the locks held (the audit record), commit. It reports accepts/s, latency, the
 * update's own duration (which includes any wait for an ancestor row lock) and lock waits sampled
 * from pg_stat_activity every 10 ms; then it checks that no increment was lost (the totals equal
 * rebuild_stat_aggregates()). Not a test: run it by hand, e.g.
 *
 *   tsc -p bench/tsconfig.json && node dist-bench/bench/aggregate-concurrency.js
 *   CONNECTIONS=10,50 ACCEPTS=20 KEYS=60 node dist-bench/bench/aggregate-concurrency.js
 *
 * It reuses the test harness (embedded PostgreSQL, migrated and seeded template, a cloned database
 * per variant) on a test-sized world: DISTRICTS districts with OFFICES offices each.
 */
import 'reflect-metadata';
import { Client } from 'pg';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { TestApp } from '../test/helpers/app';

const CONNECTIONS = (process.env.CONNECTIONS ?? '10,50').split(',').map(Number);
const ACCEPTS = Number(process.env.ACCEPTS ?? 20);
const KEYS = Number(process.env.KEYS ?? 60);
const OFFICES = Number(process.env.OFFICES ?? 5);
const DISTRICTS = Math.max(...CONNECTIONS);
const FOLD_MS = Number(process.env.FOLD_MS ?? 200);
const YEARS = Math.ceil((ACCEPTS * CONNECTIONS.length + 1) / OFFICES);

const ANCESTORS = (p: string) => `unnest(string_to_array(trim(both '/' from ${p}), '/')::int[]) with ordinality`;

/** Variant (b): the statistics triggers write the ancestors' deltas as rows instead of upserting them. */
const DELTA_VARIANT = [
  `create table stat_delta (unit_id int not null, year int not null, template_id int not null, key text not null, total float8 not null, units int not null)`,
  `create table stat_accepted_delta (unit_id int not null, year int not null, accepted int not null)`,
  `create index on stat_delta (unit_id, year)`,
  // As stat_refresh, but the children's S includes their pending deltas, and only the unit's own rows are upserted.
  `create or replace function stat_refresh(p_unit int, p_year int) returns void language sql as $f$
  with acc as (select template_id, figures, scope from annual_statistics where unit_id = p_unit and year = p_year and status = 'ACCEPTED'),
  own as (select a.template_id, e.key, (e.value #>> '{}')::float8 as total, 1 as units
            from acc a, jsonb_each(a.figures) e where jsonb_typeof(e.value) = 'number'),
  kids as (select t.template_id, t.key, sum(t.total) as total, sum(t.units)::int as units
             from org_unit c join (select unit_id, year, template_id, key, total, units from stat_subtree_total
                                   union all select unit_id, year, template_id, key, total, units from stat_delta) t on t.unit_id = c.id and t.year = p_year
            where c.parent_id = p_unit
              and not exists (select 1 from acc where acc.scope = 'CONSOLIDATED' and acc.template_id = t.template_id)
            group by 1, 2),
  fresh as (select template_id, key, sum(total) as total, sum(units)::int as units from (select * from own union all select * from kids) x group by 1, 2),
  old as (select template_id, key, sum(total) as total, sum(units)::int as units
            from (select template_id, key, total, units from stat_subtree_total where unit_id = p_unit and year = p_year
                  union all select template_id, key, total, units from stat_delta where unit_id = p_unit and year = p_year) x group by 1, 2),
  d as (select coalesce(n.template_id, o.template_id) as template_id, coalesce(n.key, o.key) as key,
               coalesce(n.total, 0) - coalesce(o.total, 0) as dt, coalesce(n.units, 0) - coalesce(o.units, 0) as du
          from fresh n full join old o on o.template_id = n.template_id and o.key = n.key),
  anc as (select a.id, a.ord from org_unit u, ${ANCESTORS('u.path')} a(id, ord) where u.id = p_unit),
  rows as (select anc.id, p_year as year, d.template_id, d.key, d.dt, d.du
             from d, anc
            where (d.dt <> 0 or d.du <> 0)
              and (anc.id = p_unit or anc.ord > coalesce((
                    select max(b.ord) from anc b join annual_statistics s on s.unit_id = b.id
                     where b.id <> p_unit and s.year = p_year and s.status = 'ACCEPTED' and s.scope = 'CONSOLIDATED' and s.template_id = d.template_id), 0))),
  own_rows as (insert into stat_subtree_total as c (unit_id, year, template_id, key, total, units)
               select id, year, template_id, key, dt, du from rows where id = p_unit order by 1, 3, 4
               on conflict (unit_id, year, template_id, key) do update set total = c.total + excluded.total, units = c.units + excluded.units)
  insert into stat_delta (unit_id, year, template_id, key, total, units) select id, year, template_id, key, dt, du from rows where id <> p_unit
$f$`,
  `create or replace function stat_aggregate_trigger() returns trigger language plpgsql as $f$
  declare
    was boolean := tg_op <> 'INSERT' and old.status = 'ACCEPTED';
    now_accepted boolean := tg_op <> 'DELETE' and new.status = 'ACCEPTED';
    r record;
  begin
    if not was and not now_accepted then return null; end if;
    if tg_op = 'DELETE' then r := old; else r := new; end if;
    if was <> now_accepted then
      insert into stat_accepted_delta (unit_id, year, accepted)
      select a.id, r.year, case when now_accepted then 1 else -1 end from org_unit u, ${ANCESTORS('u.path')} a(id, ord) where u.id = r.unit_id;
    end if;
    perform stat_refresh(r.unit_id, r.year);
    return null;
  end $f$`,
  `create function stat_fold() returns void language sql as $f$
  with d as (delete from stat_delta returning *)
  insert into stat_subtree_total as c (unit_id, year, template_id, key, total, units)
  select unit_id, year, template_id, key, sum(total), sum(units) from d group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (unit_id, year, template_id, key) do update set total = c.total + excluded.total, units = c.units + excluded.units;
  with d as (delete from stat_accepted_delta returning *)
  insert into stat_subtree_accepted as c (unit_id, year, accepted)
  select unit_id, year, sum(accepted) from d group by 1, 2 order by 1, 2
  on conflict (unit_id, year) do update set accepted = c.accepted + excluded.accepted
$f$`,
];

/** Variant (c): the same upserts, run at commit (a deferred constraint trigger), so no client round trip happens while the ancestor rows are locked. */
const DEFERRED_VARIANT = [
  `drop trigger stat_aggregates on annual_statistics`,
  `create constraint trigger stat_aggregates after insert or update or delete on annual_statistics deferrable initially deferred
   for each row execute function stat_aggregate_trigger()`,
];

/**
 * Variant (d): the same upserts with the most contended rows locked last (deepest ancestor first,
 * the administration last; still one global order, so no deadlocks), and the accepted counter after
 * the totals, so the administration's rows are held only from the end of the trigger to commit.
 */
async function orderedVariant(app: TestApp): Promise<void> {
  const def = async (fn: string) => (await app.sql<{ d: string }>(`select pg_get_functiondef($1::regproc) as d`, [fn]))[0].d;
  const refresh = (await def('stat_refresh')).replace(/order by 1, 3, 4/, 'order by anc.ord desc, 1, 3, 4');
  let trigger = await def('stat_aggregate_trigger');
  const counter = /if was <> now_accepted then[\s\S]*?end if;/.exec(trigger)![0];
  trigger = trigger
    .replace(counter, '')
    .replace(/perform stat_refresh\(r.unit_id, r.year\);/, `perform stat_refresh(r.unit_id, r.year);\n${counter.replace(/order by 1/, 'order by a.ord desc')}`);
  if (refresh === (await def('stat_refresh')) || !trigger.includes('a.ord desc')) throw new Error('the ordered variant did not apply');
  await app.sql(refresh);
  await app.sql(trigger);
}

/** DISTRICTS districts with OFFICES offices each, each office with submitted figures (KEYS numeric keys) for YEARS years. */
async function buildWorld(app: TestApp): Promise<void> {
  await app.sql(`
    with d as (insert into org_unit (id, code, name, kind, parent_id, path, depth)
               select n.id, 'BX-' || n.g, '压测海关' || n.g, 'DISTRICT', p.id, p.path || n.id || '/', 1
                 from org_unit p, (select nextval('org_unit_id_seq')::int as id, g from generate_series(1, ${DISTRICTS}) g) n where p.code = 'GACC'
               returning id, code, path)
    insert into org_unit (id, code, name, kind, parent_id, path, depth)
    select n.id, n.code || '-' || n.g, '隶属' || n.g, 'SUBORDINATE_OFFICE', n.did, n.path || n.id || '/', 2
      from (select nextval('org_unit_id_seq')::int as id, d.id as did, d.code, d.path, g from d, generate_series(1, ${OFFICES}) g) n`);
  await app.sql(`
    insert into annual_statistics (unit_id, year, template_id, status, figures, submitted_at)
    select u.id, y, t.id, 'SUBMITTED', (select jsonb_object_agg('k' || k, (u.id * 7 + y * 3 + k) % 1000) from generate_series(1, ${KEYS}) k), now()
      from org_unit u, generate_series(2001, 2000 + ${YEARS}) y, statistics_template t where u.code like 'BX-%-%' and t.code = 'CUSTOMS-2009'`);
  await app.sql('vacuum analyze');
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : 0;
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

interface RunResult {
  variant: string;
  connections: number;
  accepts: number;
  seconds: number;
  acceptsPerSecond: number;
  txP50: number;
  txP99: number;
  updateP50: number;
  updateP99: number;
  lockWaitingMean: number;
  lockWaitingMax: number;
  foldMs: number;
}

/** `connections` clients, each accepting ACCEPTS rows of its own district, concurrently. */
type Variant = 'upsert' | 'deferred' | 'ordered' | 'deferred-ordered' | 'delta';

async function run(app: TestApp, variant: Variant, connections: number): Promise<RunResult> {
  const districts = await app.sql<{ id: number }>(`select id from org_unit where code like 'BX-%' and kind = 'DISTRICT' order by id limit $1`, [connections]);
  const work: number[][] = [];
  for (const d of districts) {
    const rows = await app.sql<{ id: number }>(
      `select s.id from annual_statistics s join org_unit u on u.id = s.unit_id where u.parent_id = $1 and s.status = 'SUBMITTED' order by s.year, s.id limit $2`,
      [d.id, ACCEPTS],
    );
    if (rows.length < ACCEPTS) throw new Error('world too small');
    work.push(rows.map((r) => r.id));
  }
  const clients = await Promise.all(
    work.map(async () => {
      const c = new Client({ connectionString: app.url });
      await c.connect();
      return c;
    }),
  );
  const sampler = new Client({ connectionString: app.url });
  await sampler.connect();
  const folder = new Client({ connectionString: app.url });
  await folder.connect();
  const waiting: number[] = [];
  const tx: number[] = [];
  const upd: number[] = [];
  let running = true;
  const sample = (async () => {
    while (running) {
      const [r] = (
        await sampler.query(
          `select count(*) filter (where wait_event_type = 'Lock')::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`,
        )
      ).rows;
      waiting.push(r.n);
      await new Promise((res) => setTimeout(res, 10));
    }
  })();
  let foldMs = 0;
  const fold = (async () => {
    if (variant !== 'delta') return;
    while (running) {
      await new Promise((res) => setTimeout(res, FOLD_MS));
      const t = performance.now();
      await folder.query('select stat_fold()');
      foldMs += performance.now() - t;
    }
  })();
  const started = performance.now();
  try {
    await Promise.all(
      clients.map(async (c, i) => {
        for (const id of work[i]) {
          const t0 = performance.now();
          await c.query('begin');
          const t1 = performance.now();
          await c.query(`update annual_statistics set status = 'ACCEPTED', accepted_at = now(), version = version + 1 where id = $1`, [id]);
          upd.push(performance.now() - t1);
          await c.query('select 1'); // the rest of the accept (its audit record), the locks still held
          await c.query('commit');
          tx.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    running = false;
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([sample, fold]);
  if (variant === 'delta') {
    // The last fold, as a reader would before reading the totals.
    const t = performance.now();
    await folder.query('select stat_fold()');
    foldMs += performance.now() - t;
  }
  await Promise.all([...clients, sampler, folder].map((c) => c.end()));
  return {
    variant,
    connections,
    accepts: tx.length,
    seconds: round(seconds, 2),
    acceptsPerSecond: round(tx.length / seconds),
    txP50: round(pct(tx, 50)),
    txP99: round(pct(tx, 99)),
    updateP50: round(pct(upd, 50)),
    updateP99: round(pct(upd, 99)),
    lockWaitingMean: round(waiting.reduce((a, b) => a + b, 0) / Math.max(1, waiting.length), 2),
    lockWaitingMax: Math.max(0, ...waiting),
    foldMs: round(foldMs),
  };
}

/** Every total row, in a stable order, to compare with a rebuild. */
async function totals(app: TestApp): Promise<string> {
  const rows = await app.sql<{ r: string }>(`
    select string_agg(unit_id || ' ' || year || ' ' || template_id || ' ' || key || ' ' || round(total::numeric, 6) || ' ' || units, ';' order by unit_id, year, template_id, key) as r
      from stat_subtree_total where units <> 0 or total <> 0`);
  const acc = await app.sql<{ r: string }>(
    `select string_agg(unit_id || ' ' || year || ' ' || accepted, ';' order by unit_id, year) as r from stat_subtree_accepted where accepted <> 0`,
  );
  return `${rows[0].r}|${acc[0].r}`;
}

async function main(): Promise<void> {
  await globalSetup();
  const results: RunResult[] = [];
  try {
    for (const variant of (process.env.VARIANTS ?? 'upsert,deferred,delta').split(',') as Variant[]) {
      const app = await TestApp.create({ poolSize: 1 });
      try {
        await buildWorld(app);
        for (const s of variant === 'delta' ? DELTA_VARIANT : variant.startsWith('deferred') ? DEFERRED_VARIANT : []) await app.sql(s);
        if (variant.endsWith('ordered')) await orderedVariant(app);
        for (const connections of CONNECTIONS) {
          const r = await run(app, variant, connections);
          results.push(r);
          console.log(JSON.stringify(r));
        }
        const maintained = await totals(app);
        await app.sql('select rebuild_stat_aggregates()');
        const rebuilt = await totals(app);
        console.log(`${variant}: maintained totals ${maintained === rebuilt ? 'equal' : 'DIFFER FROM'} a rebuild (no lost increments)`);
        if (maintained !== rebuilt) process.exitCode = 1;
      } finally {
        await app.close();
      }
    }
  } finally {
    await globalTeardown();
  }
  console.log(
    '\n| variant | connections | accepts | accepts/s | tx p50 ms | tx p99 ms | update p50 ms | update p99 ms | backends waiting on a lock (mean / max) | fold ms |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.variant} | ${r.connections} | ${r.accepts} | ${r.acceptsPerSecond} | ${r.txP50} | ${r.txP99} | ${r.updateP50} | ${r.updateP99} | ${r.lockWaitingMean} / ${r.lockWaitingMax} | ${r.foldMs} |`,
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
