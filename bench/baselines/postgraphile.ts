import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';
import { Child, spawnServer } from '../proc';

/** The peer: PostGraphile 4, fetched on demand into bench/.cache (never a dependency of the server). */
export const POSTGRAPHILE_VERSION = '4.14.1';

/** Installs PostGraphile into `cacheDir` unless it is there; returns the CLI script. */
export function ensurePostgraphile(cacheDir: string, log: (m: string) => void): string {
  const cli = join(cacheDir, 'node_modules', 'postgraphile', 'cli.js');
  if (existsSync(cli)) return cli;
  mkdirSync(cacheDir, { recursive: true });
  log(`installing postgraphile@${POSTGRAPHILE_VERSION} into ${cacheDir} (once)`);
  execFileSync(
    'npm',
    [
      'install',
      '--prefix',
      cacheDir,
      `postgraphile@${POSTGRAPHILE_VERSION}`,
      '--no-save',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--loglevel',
      'error',
    ],
    { stdio: 'inherit' },
  );
  if (!existsSync(cli)) throw new Error(`postgraphile was not installed into ${cacheDir}`);
  return cli;
}

/**
 * The catalogue page as a PostGraphile custom query: a STABLE set-returning function in schema
 * `bench` over the real table (published rows of a unit subtree in a category and its sub-categories,
 * newest first); PostGraphile gives it a connection with totalCount.
 */
export async function createPeerFunctions(db: Client): Promise<void> {
  await db.query(`create schema if not exists bench`);
  // PostGraphile only needs the three tables of operation A; the others are omitted with smart
  // comments (in the bench database only), which also spares it naming clashes such as the
  // inspection table's one-to-one self-reference.
  await db.query(`
    do $$ declare t text; begin
      for t in select tablename from pg_tables where schemaname = 'public'
                 and tablename not in ('disclosure_item', 'org_unit', 'catalogue_category') loop
        execute format('comment on table public.%I is %L', t, '@omit');
      end loop;
    end $$`);
  await db.query(`
    create or replace function bench.catalogue_page(unit_path text, category_id int) returns setof public.disclosure_item
    language sql stable as $$
      with recursive cats as (select id from public.catalogue_category where id = category_id
                              union all select c.id from public.catalogue_category c join cats on c.parent_id = cats.id)
      select i.* from public.disclosure_item i join public.org_unit u on u.id = i.owner_unit_id
       where i.is_public and u.path like unit_path || '%' and i.pub_category_id in (select id from cats)
       order by i.published_at desc nulls last, i.id desc
    $$`);
}

/** The peer's equivalent of operation A. */
export const PEER_QUERY_A = `query A($unitPath: String!, $categoryId: Int!) {
  cataloguePage(unitPath: $unitPath, categoryId: $categoryId, first: 50) {
    totalCount
    nodes {
      id pubTitle pubChannels publishedAt
      catalogueCategoryByPubCategoryId { id name }
      orgUnitByOwnerUnitId { id name orgUnitByParentId { id name } }
    }
  }
}`;

/** Starts PostGraphile's CLI in production posture: no GraphiQL, no query log, the same pool size. */
export function startPostgraphile(cli: string, databaseUrl: string, port: number, poolSize: number): Child {
  return spawnServer(
    'postgraphile',
    process.execPath,
    [
      cli,
      '-c',
      databaseUrl,
      '-s',
      'public,bench',
      '-n',
      '127.0.0.1',
      '-p',
      String(port),
      '-m',
      String(poolSize),
      '--disable-graphiql',
      '--disable-query-log',
      '--no-setof-functions-contain-nulls',
      '--simple-collections',
      'omit',
    ],
    { NODE_ENV: 'production' },
    port,
  );
}
