import { fromGlobalId, toGlobalId } from '../../src/common/global-id';
import type { TestApp } from './app';

/**
 * Rows the tests build, in SQL through `app.sql` (its own connection, and the principal cache has
 * heard of new users and grants before it returns). Units, users and categories are named by
 * code or username, as in the demo world; ids come back as global ids.
 */

export interface UnitSpec {
  code: string;
  /** Default: the code followed by 单位. */
  name?: string;
  kind: string;
  /** Code of the parent unit. */
  parent: string;
  active?: boolean;
}

/** A grant: role, unit code (default the user's own unit), cascade (default true). */
export type GrantSpec = [role: string, unit?: string, cascade?: boolean];

export interface UserSpec {
  username: string;
  /** Code of the user's own unit. */
  unit: string;
  grants?: GrantSpec[];
}

export interface ItemSpec {
  /** Code of the owner unit. */
  unit: string;
  status: string;
  mode?: string;
  deadline?: string;
  publishedAt?: string;
  isPublic?: boolean;
  nextMaintenance?: string;
  nextDue?: string;
  withholding?: string;
}

export interface AppointmentSpec {
  /** Code of the unit served. */
  unit: string;
  person: string;
  kind: string;
  start: string;
  end?: string | null;
}

export interface StatisticsSpec {
  /** Code of the reporting unit. */
  unit: string;
  year: number;
  status: string;
  figures: Record<string, unknown>;
}

export const make = {
  /** An org unit under the unit `parent`; returns its global id. */
  async unit(app: TestApp, spec: UnitSpec): Promise<string> {
    const [row] = await app.sql<{ id: number }>(
      `with n as (select nextval('org_unit_id_seq')::int as id)
       insert into org_unit (id, code, name, kind, parent_id, path, depth, active)
       select n.id, $1, $2, $3, p.id, p.path || n.id || '/', p.depth + 1, $5 from n, org_unit p where p.code = $4
       returning id`,
      [spec.code, spec.name ?? `${spec.code}单位`, spec.kind, spec.parent, spec.active ?? true],
    );
    if (!row) throw new Error(`no parent ${spec.parent}`);
    return toGlobalId('OrgUnit', row.id);
  },

  /** A user of `unit` with the given grants, in one statement; no password needed for tokenFor. Returns its global id. */
  async user(app: TestApp, spec: UserSpec): Promise<string> {
    const grants = spec.grants ?? [];
    const [row] = await app.sql<{ id: number }>(
      `with u as (
         insert into app_user (username, display_name, unit_id, password_hash)
         select $1, $1, id, 'x' from org_unit where code = $2 returning id
       ), g as (
         insert into role_assignment (user_id, role, unit_id, cascade)
         select u.id, g.role, o.id, g.cascade
           from u, unnest($3::text[], $4::text[], $5::boolean[]) with ordinality as g(role, unit_code, cascade, n)
           join org_unit o on o.code = g.unit_code
          order by g.n
       )
       select id from u`,
      [spec.username, spec.unit, grants.map(([role]) => role), grants.map(([, unit]) => unit ?? spec.unit), grants.map(([, , cascade]) => cascade ?? true)],
    );
    if (!row) throw new Error(`no unit ${spec.unit}`);
    return toGlobalId('User', row.id);
  },

  /** A disclosure item of category C1 owned by the unit `unit` (level from the unit's kind), written directly. */
  async item(app: TestApp, spec: ItemSpec): Promise<void> {
    const mode = spec.mode ?? 'AD_HOC';
    const isPublic = spec.isPublic ?? false;
    await app.sql(
      `insert into disclosure_item (category_id, owner_unit_id, level, mode, cadence, channels, title, body, formed_date, publish_deadline,
                                    next_maintenance_date, next_due_date, status, is_public, published_at, pub_title, withholding_status)
       select (select id from catalogue_category where code = 'C1'), u.id,
              case when u.kind in ('ADMINISTRATION', 'DISTRICT', 'SUBORDINATE_OFFICE') then 'OFFICE' else 'DIVISION' end,
              $2::text, case when $2::text = 'PERIODIC' then 'MONTHLY' end, '{PORTAL}', '测试事项', '正文', '2026-01-01', $3::date,
              $4::date, $5::date, $6::text, $7::boolean, $8::timestamptz, case when $7::boolean then '测试事项' end, $9::text
         from org_unit u where u.code = $1`,
      [
        spec.unit,
        mode,
        spec.deadline ?? '2026-12-31',
        spec.nextMaintenance ?? null,
        spec.nextDue ?? null,
        spec.status,
        isPublic,
        spec.publishedAt ?? null,
        spec.withholding ?? null,
      ],
    );
  },

  /** A liaison appointment (an outside organisation unless DEPARTMENT). */
  async appointment(app: TestApp, spec: AppointmentSpec): Promise<void> {
    const outside = spec.kind === 'DEPARTMENT' ? [null, null] : ['某企业', 'ENTERPRISE'];
    await app.sql(
      `insert into liaison_appointment (person_name, organisation, organisation_kind, unit_id, kind, start_date, end_date)
       select $1, $2, $3, u.id, $4, $5::date, $6::date from org_unit u where u.code = $7`,
      [spec.person, ...outside, spec.kind, spec.start, spec.end ?? null, spec.unit],
    );
  },

  /** An annual statistics row on the template in force that year (for roll-up and dashboard fixtures). */
  async statistics(app: TestApp, spec: StatisticsSpec): Promise<void> {
    await app.sql(
      `insert into annual_statistics (unit_id, year, template_id, status, figures)
       select u.id, $2, t.id, $3, $4::jsonb from org_unit u, statistics_template t
        where u.code = $1 and t.year_from <= $2 and (t.year_to is null or t.year_to >= $2)
          and t.status = 'ACTIVE' and not t.definition ? 'supplementTo'`,
      [spec.unit, spec.year, spec.status, JSON.stringify(spec.figures)],
    );
  },
};

/** The numeric key of a global id. */
export function rawId(globalId: string): number {
  return Number(fromGlobalId(globalId).id);
}
