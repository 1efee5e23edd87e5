import type { TestApp } from '../helpers/app';

export const OVERVIEW = `query($u: ID!, $y: Int!, $d: LocalDate) {
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

/** Creates an org unit with SQL under the unit `parentCode`. */
export async function makeUnit(app: TestApp, code: string, kind: string, parentCode: string, active = true): Promise<void> {
  const [row] = await app.sql<{ id: number }>(
    `with n as (select nextval('org_unit_id_seq')::int as id)
     insert into org_unit (id, code, name, kind, parent_id, path, depth, active)
     select n.id, $1::text, $1::text || '单位', $2, p.id, p.path || n.id || '/', p.depth + 1, $4 from n, org_unit p where p.code = $3
     returning id`,
    [code, kind, parentCode, active],
  );
  if (!row) throw new Error(`no parent ${parentCode}`);
}

export interface ItemSpec {
  status: string;
  mode?: string;
  deadline?: string;
  publishedAt?: string;
  isPublic?: boolean;
  nextMaintenance?: string;
  nextDue?: string;
  withholding?: string;
}

/** Inserts a disclosure item of the unit `unitCode` directly (level from the unit's kind). */
export async function makeItem(app: TestApp, unitCode: string, spec: ItemSpec): Promise<void> {
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
    [unitCode, mode, spec.deadline ?? '2026-12-31', spec.nextMaintenance ?? null, spec.nextDue ?? null, spec.status, isPublic,
      spec.publishedAt ?? null, spec.withholding ?? null],
  );
}

/** Inserts a liaison appointment directly. */
export async function makeAppointment(app: TestApp, unitCode: string, person: string, kind: string, start: string, end: string | null = null): Promise<void> {
  const outside = kind === 'DEPARTMENT' ? [null, null] : ['某企业', 'ENTERPRISE'];
  await app.sql(
    `insert into liaison_appointment (person_name, organisation, organisation_kind, unit_id, kind, start_date, end_date)
     select $1, $2, $3, u.id, $4, $5::date, $6::date from org_unit u where u.code = $7`,
    [person, ...outside, kind, start, end, unitCode],
  );
}
