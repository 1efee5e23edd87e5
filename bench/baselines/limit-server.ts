import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { TokenService } from '../../src/auth/tokens';

/**
 * The physical limit of this stack: node:http + pg with the same pool size, no framework, one
 * hand-tuned SQL statement per operation that builds the very JSON our GraphQL server answers
 * (json_agg / json_build_object in PostgreSQL), after the same JWT check.
 *
 *   GET  /a?unit=<path>&category=<id>&first=50  → data.disclosureItems (anonymous)
 *   GET  /a-deep?key=<instant>&id=<id>&first=50 → data.disclosureItems after that keyset position (anonymous, whole catalogue)
 *   GET  /b?root=<id>&year=<y>&date=<YYYY-MM-DD> → data.statisticsRollup + data.liaisonCoverage (CENTRAL_ADMIN)
 *   POST /c {unitId, year, figures}              → one transaction: upsert the draft + its audit record with the row before and after, as ours writes it (raw insert)
 *   GET  /e?root=<id>&year=<y>&date=<YYYY-MM-DD> → data.overview (CENTRAL_ADMIN), from the maintained aggregates
 *   POST /f {id}                                 → accept submitted statistics + its audit record (the aggregate triggers run)
 *   GET  /metrics                                → {"sqlStatements": n, "graphqlRequests": n} (operations served)
 */

/** Relay global id in SQL: base64url('Type:id'), as src/common/global-id.ts makes it. */
const gid = (type: string, expr: string) => `translate(rtrim(encode(convert_to('${type}:' || (${expr})::text, 'UTF8'), 'base64'), '='), '+/', '-_')`;

/** The page's JSON, as ours answers it, from a `page` relation of item rows and a `total`. */
const PAGE_JSON = `
select json_build_object('data', json_build_object('disclosureItems', json_build_object(
  'totalCount', (select n from total),
  'nodes', coalesce(json_agg(json_build_object(
      'id', ${gid('DisclosureItem', 'p.id')}, 'title', p.pub_title, 'channels', p.pub_channels,
      'publishedAt', to_char(p.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'category', json_build_object('id', ${gid('CatalogueCategory', 'c.id')}, 'name', c.name),
      'ownerUnit', json_build_object('id', ${gid('OrgUnit', 'u.id')}, 'name', u.name,
        'parent', case when pu.id is null then null else json_build_object('id', ${gid('OrgUnit', 'pu.id')}, 'name', pu.name) end))
    order by coalesce(p.published_at, '-infinity'::timestamptz) desc, p.id desc) filter (where p.id is not null), '[]'::json))))::text as body
  from page p join catalogue_category c on c.id = p.pub_category_id join org_unit u on u.id = p.owner_unit_id left join org_unit pu on pu.id = u.parent_id`;

/**
 * A: the first page of a subtree and category, newest first, in the keyset order ours uses (and
 * its index), with the total from the same maintained counter rows ours reads (item_public_count).
 */
const SQL_A = `
with recursive cats as (select id from catalogue_category where id = $2 union all select c.id from catalogue_category c join cats on c.parent_id = cats.id),
ids as (
  select i.id
    from disclosure_item i join org_unit u on u.id = i.owner_unit_id
   where i.is_public and u.path ~>=~ $1 and u.path ~<~ ($1 || '~') and i.pub_category_id in (select id from cats)
   order by coalesce(i.published_at, '-infinity'::timestamptz) desc, i.id desc
   limit $3),
total as (select coalesce(sum(c.n), 0)::int as n from item_public_count c
           where c.unit_id = (select id from org_unit where path = $1) and c.category_id in (select id from cats)),
page as (
  select i.id, i.pub_title, i.pub_channels, i.published_at, i.pub_category_id, i.owner_unit_id
    from ids join disclosure_item i on i.id = ids.id)
${PAGE_JSON}`;

/** A-deep: the whole public catalogue after a (publication time, id) keyset position, the total from the roots' counter rows. */
const SQL_A_DEEP = `
with ids as (
  select i.id from disclosure_item i
   where i.is_public and (coalesce(i.published_at, '-infinity'::timestamptz), i.id) < ($1::timestamptz, $2::int)
   order by coalesce(i.published_at, '-infinity'::timestamptz) desc, i.id desc
   limit $3),
total as (select coalesce(sum(c.n), 0)::int as n from item_public_count c join org_unit r on r.id = c.unit_id where r.parent_id is null),
page as (
  select i.id, i.pub_title, i.pub_channels, i.published_at, i.pub_category_id, i.owner_unit_id
    from ids join disclosure_item i on i.id = ids.id)
${PAGE_JSON}`;

const SQL_B = `
with root as (select id, path from org_unit where id = $3 and exists (select 1 from role_assignment r where r.user_id = $6 and r.role = 'CENTRAL_ADMIN' and r.revoked_at is null)),
tpl as (select id, code, definition from statistics_template where year_from <= $1 and (year_to is null or year_to >= $1) and definition->>'supplementTo' is null
         order by year_from desc, version desc limit 1),
sup as (select distinct on (s.code) s.code, s.definition from statistics_template s, tpl
         where s.definition->>'supplementTo' = tpl.code and s.year_from <= $1 and (s.year_to is null or s.year_to >= $1) order by s.code, s.year_from desc, s.version desc),
cells as (select distinct on (key) key, summable, ord from (
            select c.value->>'key' as key, (c.value->>'summable')::bool as summable, c.ord from tpl, jsonb_array_elements(tpl.definition->'cells') with ordinality c(value, ord)
            union all
            select c.value->>'key', (c.value->>'summable')::bool, 1000000 * (1 + dense_rank() over (order by sup.code)) + c.ord
              from sup, jsonb_array_elements(sup.definition->'cells') with ordinality c(value, ord)) x order by key, ord),
sums_all as (
  select x.unit_id as child, x.key, sum(x.total)::float8 as total, sum(x.units)::int as units, x.unit_id <> $3 as per_child
    from stat_subtree_total x
   where x.year = $1 and x.template_id in (select t.id from statistics_template t join tpl on t.code = tpl.code)
     and x.key = any(array(select key from cells where summable))
     and x.unit_id = any(array(select $3::int union all select id from org_unit where parent_id = $3))
   group by x.unit_id, x.key having sum(x.units) > 0),
sums as (select key, total, units from sums_all where not per_child),
states as (
  select c.id, c.name, c.sort_order, c.id = $3 as own,
         case when bool_or(s.status = 'ACCEPTED') then 'ACCEPTED' else coalesce(max(s.status), 'MISSING') end as state,
         (array_agg(s.figures) filter (where s.status = 'ACCEPTED'))[1] as figures
    from org_unit c left join annual_statistics s on s.unit_id = c.id and s.year = $1 and s.status <> 'SUPERSEDED'
   where c.id = $3 or (c.parent_id = $3 and c.active and c.reporting_role <> all($4::text[]))
   group by c.id),
own as (select state, figures from states where own),
cov as (
  select coalesce((select n from liaison_required where unit_id = $3), 0)::int as required,
         coalesce((select sum(n) from liaison_cover where unit_id = $3 and day <= $5::date), 0)::int as covered,
         (select coalesce(json_agg(json_build_object('id', ${gid('OrgUnit', 'u.id')}, 'name', u.name) order by u.path), '[]')
            from liaison_gap g join org_unit u on u.id = g.gap_unit_id where g.unit_id = $3 and g.during @> $5::date) as gaps),
ending as (
  select coalesce(json_agg(json_build_object('id', ${gid('LiaisonAppointment', 'a.id')}) order by a.end_date, a.id), '[]') as list
    from liaison_appointment a join org_unit u on u.id = a.unit_id
   where u.path like $2 and u.active and a.kind = 'DEPARTMENT' and a.start_date <= $5::date and a.end_date between $5::date and $5::date + 30)
select case when not exists (select 1 from root) then null else json_build_object('data', json_build_object(
  'statisticsRollup', json_build_object(
    'year', $1::int,
    'acceptedUnits', coalesce((select accepted from stat_subtree_accepted where unit_id = $3 and year = $1), 0),
    'ownState', (select state from own),
    'complete', coalesce((select state from own) = 'ACCEPTED', false) and not exists (select 1 from states where not own and state <> 'ACCEPTED'),
    'cells', (select json_agg(json_build_object('key', c.key, 'subtreeTotal', case when c.summable then s.total end, 'reportingUnits', coalesce(s.units, 0),
                'ownNumber', case when jsonb_typeof(o.figures -> c.key) = 'number' then o.figures -> c.key end) order by c.ord)
                from cells c left join sums s on s.key = c.key left join own o on true),
    'children', (select coalesce(json_agg(json_build_object('state', st.state, 'unit', json_build_object('id', ${gid('OrgUnit', 'st.id')}, 'name', st.name),
                   'totals', (select coalesce(json_agg(json_build_object('key', a.key, 'total', a.total, 'reportingUnits', a.units) order by c.ord), '[]')
                                from sums_all a join cells c on c.key = a.key where a.per_child and a.child = st.id)) order by st.sort_order, st.id), '[]')
                   from states st where not st.own)),
  'liaisonCoverage', (select json_build_object('requiredUnits', required, 'coveredUnits', covered,
                        'rate', case when required > 0 then covered::float8 / required else 1 end, 'gaps', gaps, 'endingSoon', (select list from ending)) from cov)))::text end as body`;

const SQL_C = `
with old as (select * from annual_statistics where unit_id = $1 and year = $2 and status in ('DRAFT', 'SUBMITTED', 'RETURNED')),
up as (
  insert into annual_statistics (unit_id, year, template_id, revision, status, figures, notes, warnings, created_by_id)
  values ($1, $2, (select id from statistics_template where year_from <= $2 and (year_to is null or year_to >= $2) order by year_from desc, version desc limit 1),
          1, 'DRAFT', $3::jsonb, '{}', '[]', $4)
  on conflict (unit_id, year) where status in ('DRAFT', 'SUBMITTED', 'RETURNED')
  do update set figures = excluded.figures, status = 'DRAFT', version = annual_statistics.version + 1, updated_at = now()
  returning *),
audit as (
  insert into audit_record (actor_id, actor_username, action, target_type, target_id, scope_path, before, after)
  select $4, $5, 'statistics.saveAnnualStatistics', 'AnnualStatistics', ${gid('AnnualStatistics', 'up.id')},
         (select path from org_unit where id = $1), (select to_jsonb(old) from old), to_jsonb(up) from up)
select json_build_object('data', json_build_object('saveAnnualStatistics',
  json_build_object('id', ${gid('AnnualStatistics', 'up.id')}, 'status', up.status, 'version', up.version)))::text as body from up`;

const ITEM_STATUSES = ['DRAFT', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'PUBLISHED', 'RETIRED'];
const YEAR_STATES = ['MISSING', 'DRAFT', 'SUBMITTED', 'RETURNED', 'ACCEPTED'];

/** E: the overview of a unit for a year from the same maintained aggregates ours reads ($1 year, $2 unit, $3 date, $4 user). */
const SQL_E = `
with root as (select id, path from org_unit where id = $2 and exists (select 1 from role_assignment r where r.user_id = $4 and r.role = 'CENTRAL_ADMIN' and r.revoked_at is null)),
kids as (select id, name, sort_order, reporting_role <> 'NONE' as reports from org_unit where parent_id = $2 and active),
cnt as (select unit_id, sum(n)::int as total, coalesce(sum(n) filter (where status = 'PUBLISHED'), 0)::int as published
          from item_status_count where unit_id = $2 or unit_id in (select id from kids) group by unit_id),
due as (select unit_id, sum(n)::int as overdue from item_due
         where (unit_id = $2 or unit_id in (select id from kids)) and kind = 'OVERDUE' and day < $3::date group by unit_id),
states as (select c.id, c.reports,
                  case when bool_or(s.status = 'ACCEPTED') then 'ACCEPTED' else coalesce(max(s.status), 'MISSING') end as state
             from kids c left join annual_statistics s on s.unit_id = c.id and s.year = $1 and s.status <> 'SUPERSEDED' group by c.id, c.reports),
own as (select r.reporting_role <> 'NONE' as reports,
               (select case when bool_or(s.status = 'ACCEPTED') then 'ACCEPTED' else coalesce(max(s.status), 'MISSING') end
                  from annual_statistics s where s.unit_id = r.id and s.year = $1 and s.status <> 'SUPERSEDED') as state
          from org_unit r where r.id = $2),
cov as (select coalesce((select n from liaison_required where unit_id = $2), 0)::int as required,
               coalesce((select sum(n) from liaison_cover where unit_id = $2 and day <= $3::date), 0)::int as covered)
select case when not exists (select 1 from root) then null else json_build_object('data', json_build_object('overview', json_build_object(
  'items', json_build_object(
    'total', coalesce((select total from cnt where unit_id = $2), 0),
    'published', coalesce((select published from cnt where unit_id = $2), 0),
    'overdue', coalesce((select overdue from due where unit_id = $2), 0),
    'byStatus', (select json_agg(json_build_object('status', st, 'count', coalesce((select sum(n) from item_status_count where unit_id = $2 and status = st), 0)) order by ord)
                   from unnest($5::text[]) with ordinality x(st, ord))),
  'liaison', (select json_build_object('requiredUnits', required, 'coveredUnits', covered, 'rate', case when required > 0 then covered::float8 / required else 1 end) from cov),
  'statistics', json_build_object(
    'acceptedUnits', coalesce((select accepted from stat_subtree_accepted where unit_id = $2 and year = $1), 0),
    'expectedChildren', (select count(*)::int from states where reports),
    'complete', (select not reports or state = 'ACCEPTED' from own) and not exists (select 1 from states where reports and state <> 'ACCEPTED'),
    'byState', (select json_agg(json_build_object('state', ys, 'count', (select count(*)::int from states where reports and state = ys)) order by ord)
                  from unnest($6::text[]) with ordinality y(ys, ord))),
  'children', (select coalesce(json_agg(json_build_object('unit', json_build_object('id', ${gid('OrgUnit', 'k.id')}, 'name', k.name),
                 'items', coalesce(c.total, 0), 'overdue', coalesce(d.overdue, 0)) order by k.sort_order, k.id), '[]')
                 from kids k left join cnt c on c.unit_id = k.id left join due d on d.unit_id = k.id))))::text end as body`;

/** F: accepting submitted figures in one statement (the aggregate triggers run as for ours), with its audit record. */
const SQL_F = `
with up as (
  update annual_statistics set status = 'ACCEPTED', accepted_at = now(), reviewed_at = now(), reviewed_by_id = $2, version = version + 1, updated_at = now()
   where id = $1 and status = 'SUBMITTED'
  returning *),
audit as (
  insert into audit_record (actor_id, actor_username, action, target_type, target_id, scope_path, before, after)
  select $2, $3, 'statistics.acceptAnnualStatistics', 'AnnualStatistics', ${gid('AnnualStatistics', 'up.id')},
         (select path from org_unit where id = up.unit_id), null, to_jsonb(up) from up)
select json_build_object('data', json_build_object('acceptAnnualStatistics',
  json_build_object('id', ${gid('AnnualStatistics', 'up.id')}, 'status', up.status, 'version', up.version)))::text as body from up`;

function main(): void {
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DB_POOL_SIZE ?? 10) });
  const tokens = new TokenService(process.env.JWT_SECRET ?? '', 3600);
  let statements = 0;
  let requests = 0;
  const users = new Map<number, string>();
  const query = async (sql: string, params: unknown[]): Promise<string | null> => {
    statements++;
    // Named prepared statements: each is parsed and planned once per connection, as ours are.
    const name =
      sql === SQL_A
        ? 'limit_a'
        : sql === SQL_A_DEEP
          ? 'limit_a_deep'
          : sql === SQL_B
            ? 'limit_b'
            : sql === SQL_E
              ? 'limit_e'
              : sql === SQL_F
                ? 'limit_f'
                : 'limit_c';
    const { rows } = await pool.query<{ body: string | null }>({ name, text: sql, values: params });
    return rows[0]?.body ?? null;
  };
  const send = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const userOf = async (req: IncomingMessage): Promise<number | null> => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    return m ? tokens.verify(m[1]) : null;
  };
  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const forbidden = '{"errors":[{"message":"Forbidden","extensions":{"code":"FORBIDDEN"}}]}';

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/metrics' && url.pathname !== '/healthz') requests++;
    if (url.pathname === '/a') {
      const q = url.searchParams;
      return send(res, 200, (await query(SQL_A, [q.get('unit'), Number(q.get('category')), Number(q.get('first') ?? 50)]))!);
    }
    if (url.pathname === '/a-deep') {
      const q = url.searchParams;
      return send(res, 200, (await query(SQL_A_DEEP, [q.get('key'), Number(q.get('id')), Number(q.get('first') ?? 50)]))!);
    }
    if (url.pathname === '/b') {
      const uid = await userOf(req);
      if (!uid) return send(res, 401, forbidden);
      const q = url.searchParams;
      const root = Number(q.get('root'));
      const body = await query(SQL_B, [Number(q.get('year')), `${q.get('path')}%`, root, ['NONE'], q.get('date'), uid]);
      return body ? send(res, 200, body) : send(res, 403, forbidden);
    }
    if (url.pathname === '/c' && req.method === 'POST') {
      const uid = await userOf(req);
      if (!uid) return send(res, 401, forbidden);
      const input = JSON.parse(await readBody(req)) as { unitId: number; year: number; figures: unknown };
      if (!users.has(uid)) {
        statements++;
        const { rows } = await pool.query<{ username: string }>('select username from app_user where id = $1', [uid]);
        users.set(uid, rows[0]?.username ?? '');
      }
      return send(res, 200, (await query(SQL_C, [input.unitId, input.year, JSON.stringify(input.figures), uid, users.get(uid)]))!);
    }
    if (url.pathname === '/e') {
      const uid = await userOf(req);
      if (!uid) return send(res, 401, forbidden);
      const q = url.searchParams;
      const body = await query(SQL_E, [Number(q.get('year')), Number(q.get('root')), q.get('date'), uid, ITEM_STATUSES, YEAR_STATES]);
      return body ? send(res, 200, body) : send(res, 403, forbidden);
    }
    if (url.pathname === '/f' && req.method === 'POST') {
      const uid = await userOf(req);
      if (!uid) return send(res, 401, forbidden);
      const input = JSON.parse(await readBody(req)) as { id: number };
      if (!users.has(uid)) {
        statements++;
        const { rows } = await pool.query<{ username: string }>('select username from app_user where id = $1', [uid]);
        users.set(uid, rows[0]?.username ?? '');
      }
      const body = await query(SQL_F, [input.id, uid, users.get(uid)]);
      return body ? send(res, 200, body) : send(res, 409, '{"errors":[{"message":"not submitted","extensions":{"code":"CONFLICT"}}]}');
    }
    if (url.pathname === '/metrics') return send(res, 200, JSON.stringify({ sqlStatements: statements, graphqlRequests: requests }));
    if (url.pathname === '/healthz') return send(res, 200, '{"status":"ok"}');
    return send(res, 404, '{"errors":[{"message":"Not found"}]}');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error(err);
      if (!res.headersSent) send(res, 500, JSON.stringify({ errors: [{ message: String(err) }] }));
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1');
  const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main();
