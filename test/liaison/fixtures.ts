import type { TestApp } from '../helpers/app';

export const APPOINT = `mutation($input: AppointLiaisonInput!) {
  appointLiaison(input: $input) { id personName organisation organisationKind kind startDate endDate active version unit { code } user { username } }
}`;
export const END = `mutation($input: EndLiaisonAppointmentInput!) {
  endLiaisonAppointment(input: $input) { id startDate endDate active version endedAt }
}`;

/** Row counts that a refused mutation must leave unchanged. */
export async function writeCounts(app: TestApp): Promise<{ appointments: number; audits: number }> {
  const [row] = await app.sql<{ appointments: number; audits: number }>(
    `select (select count(*) from liaison_appointment)::int as appointments, (select count(*) from audit_record)::int as audits`,
  );
  return row;
}
