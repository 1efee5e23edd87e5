import { toGlobalId } from '../../src/common/global-id';
import type { TestApp } from '../helpers/app';

export const APPOINT = `mutation($input: AppointLiaisonInput!) {
  appointLiaison(input: $input) { id personName organisation organisationKind kind startDate endDate active version unit { code } user { username } }
}`;
export const END = `mutation($input: EndLiaisonAppointmentInput!) {
  endLiaisonAppointment(input: $input) { id startDate endDate active version endedAt }
}`;

/** Creates an org unit with SQL under the unit `parentCode`; returns its global id. */
export async function makeUnit(app: TestApp, code: string, name: string, kind: string, parentCode: string, active = true): Promise<string> {
  const [row] = await app.sql<{ id: number }>(
    `with n as (select nextval('org_unit_id_seq')::int as id)
     insert into org_unit (id, code, name, kind, parent_id, path, depth, active)
     select n.id, $1, $2, $3, p.id, p.path || n.id || '/', p.depth + 1, $5 from n, org_unit p where p.code = $4
     returning id`,
    [code, name, kind, parentCode, active],
  );
  if (!row) throw new Error(`no parent ${parentCode}`);
  return toGlobalId('OrgUnit', row.id);
}

/** Row counts that a refused mutation must leave unchanged. */
export async function writeCounts(app: TestApp): Promise<{ appointments: number; audits: number }> {
  const [row] = await app.sql<{ appointments: number; audits: number }>(
    `select (select count(*) from liaison_appointment)::int as appointments, (select count(*) from audit_record)::int as audits`,
  );
  return row;
}
