import { globalIdSql } from '../../common/global-id';
import { raw, sql, type Sql } from '../../db/sql';
import { QUEUE_EMAILS } from './notifications.queries';

/** The notification kind of an appointment ending soon. */
export const APPOINTMENT_ENDING = 'APPOINTMENT_ENDING';

/**
 * Tells, for every appointment of an active unit in force on `day` whose end date falls in
 * [day, until] and that nobody has ended by hand (`ended_at` null): the appointed user (when it is
 * a staff user) and the OFFICE_ADMINs over the unit. One notification per person and appointment,
 * ever (the dedupe key names the appointment, not the day): a second run, the same day or later,
 * writes nothing. The e-mail jobs are queued in the same statement. `texts` have the placeholders
 * {{person}}, {{unit}} and {{date}}, filled in SQL.
 */
export function insertAppointmentEndingSql(day: string, until: string, texts: { title: string; body: string }): Sql {
  const filled = (template: string) =>
    sql`replace(replace(replace(${template}::text, '{{person}}', d.person_name), '{{unit}}', d.unit_name), '{{date}}', d.end_date)`;
  return sql`with due as (
      select a.id, a.user_id, u.id as unit_id, u.path as unit_path, u.name as unit_name, a.person_name, to_char(a.end_date, 'YYYY-MM-DD') as end_date,
             ${raw(globalIdSql('LiaisonAppointment', 'a.id'))} as target_id
        from liaison_appointment a join org_unit u on u.id = a.unit_id
       where u.active and a.ended_at is null and a.start_date <= ${day}::date and a.end_date between ${day}::date and ${until}::date
    ), recipients as (
      select d.user_id as recipient, d.* from due d where d.user_id is not null
      union
      select ra.user_id as recipient, d.*
        from due d
        join role_assignment ra on ra.revoked_at is null and ra.role = 'OFFICE_ADMIN'
        join org_unit ru on ru.id = ra.unit_id and (d.unit_path = ru.path or (ra.cascade and d.unit_path like ru.path || '%'))
    ), inserted as (
      insert into notification (user_id, kind, title, body, target_type, target_id, unit_id, dedupe_key)
      select d.recipient, ${APPOINTMENT_ENDING}, ${filled(texts.title)}, ${filled(texts.body)}, 'LiaisonAppointment', d.target_id, d.unit_id,
             'appointment-ending:' || d.target_id
        from recipients d join app_user au on au.id = d.recipient and au.active
      on conflict (user_id, dedupe_key) where dedupe_key is not null do nothing
      returning id, user_id
    )
    ${QUEUE_EMAILS}`;
}
