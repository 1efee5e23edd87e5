import { Client } from 'pg';
import type { Credentials } from './embedded';
import { ensureDatabase } from './embedded';

/** The role the server connects as on its embedded PostgreSQL: owns the schema, is no superuser. */
export const APP_ROLE = 'disclosure_app';

/**
 * Makes `credentials.user` a login role without superuser, database or role creation rights, with
 * `credentials.password`, owning `database` and every object in its `public` schema and the job
 * queue's `graphile_worker` schema. Objects a superuser created there (data folders from before
 * this role existed were migrated as `postgres`) are handed over, so migrations can keep altering them as the application role.
 * Idempotent: cheap on every start.
 */
export async function ensureAppRole(adminUrl: string, database: string, credentials: Credentials): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const role = admin.escapeIdentifier(credentials.user);
    const password = admin.escapeLiteral(credentials.password);
    const { rowCount } = await admin.query('select 1 from pg_roles where rolname = $1', [credentials.user]);
    await admin.query(
      `${rowCount ? 'alter' : 'create'} role ${role} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${password}`,
    );
  } finally {
    await admin.end();
  }
  await ensureDatabase(adminUrl, database, undefined, credentials.user);
  const u = new URL(adminUrl);
  u.pathname = `/${encodeURIComponent(database)}`;
  const db = new Client({ connectionString: u.toString() });
  await db.connect();
  try {
    // Tables, views and standalone sequences (a serial's sequence follows its table); functions
    // and types that are not part of an extension.
    await db.query(
      `do $$
       declare r record;
       begin
         for r in
           select format('alter schema %I owner to %I', n.nspname, $1) as stmt
             from pg_namespace n
            where n.nspname = 'graphile_worker' and n.nspowner <> (select oid from pg_roles where rolname = $1)
           union all
           select format('alter %s %s owner to %I', case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' when 'f' then 'foreign table' else 'table' end, c.oid::regclass, $1) as stmt
             from pg_class c
            where c.relnamespace in (select oid from pg_namespace where nspname in ('public', 'graphile_worker')) and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
              and c.relowner <> (select oid from pg_roles where rolname = $1)
              and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype in ('a', 'i', 'e'))
           union all
           select format('alter routine %s owner to %I', p.oid::regprocedure, $1)
             from pg_proc p
            where p.pronamespace in (select oid from pg_namespace where nspname in ('public', 'graphile_worker'))
              and p.proowner <> (select oid from pg_roles where rolname = $1)
              and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
           union all
           select format('alter type %s owner to %I', t.oid::regtype, $1)
             from pg_type t
            where t.typnamespace in (select oid from pg_namespace where nspname in ('public', 'graphile_worker')) and t.typtype in ('e', 'd', 'r', 'm')
              and t.typowner <> (select oid from pg_roles where rolname = $1)
              and not exists (select 1 from pg_depend d where d.classid = 'pg_type'::regclass and d.objid = t.oid and d.deptype = 'e')
         loop
           execute r.stmt;
         end loop;
       end $$`.replace(/\$1/g, db.escapeLiteral(credentials.user)),
    );
  } finally {
    await db.end();
  }
}
