import { sql, type Sql } from '../../db/sql';

/**
 * Statements behind the catalogue's tasks for reviewers, publishers and admins (role-tasks.ts); items `i`, owner units `u`.
 * Each row says when the item entered the state that asks for the work (`since`, China date) and its
 * statutory publication deadline (`statutory`); the due date is computed from both on the holiday calendar.
 */

/** The path of an item's owner unit's parent, in SQL ('/1/5/12/' → '/1/5/'). */
export const PARENT_PATH = sql`regexp_replace(u.path, '[0-9]+/$', '')`;

/** The China date of the item's latest revision whose action matches `action` (a LIKE pattern); its last change without one. */
function enteredSql(action: string): Sql {
  return sql`to_char(coalesce((select max(v.changed_at) from disclosure_revision v where v.item_id = i.id and v.action like ${action}), i.updated_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD')`;
}

/** Items in review still waiting for a review kind the caller holds over them (`legal`/`secrecy`: reach conditions on u.path); since the submission. */
export function reviewPendingSql(legal: Sql, secrecy: Sql): Sql {
  return sql`select i.id, i.owner_unit_id, i.title, ${enteredSql('submit')} as since, to_char(i.publish_deadline, 'YYYY-MM-DD') as statutory, k.kind as detail
      from disclosure_item i join org_unit u on u.id = i.owner_unit_id
      cross join (values ('LEGAL'), ('SECRECY')) as k(kind)
     where i.status = 'IN_REVIEW' and ((k.kind = 'LEGAL' and ${legal}) or (k.kind = 'SECRECY' and ${secrecy}))
       and not exists (select 1 from disclosure_review r where r.item_id = i.id and r.round = i.review_round and r.kind = k.kind)
     order by i.id`;
}

/** Approved items the caller may publish (`office`: OFFICE_PUBLISHER reach; `division`: DIVISION_PUBLISHER reach, division-level items only); since the last review. */
export function publishPendingSql(office: Sql, division: Sql): Sql {
  return sql`select i.id, i.owner_unit_id, i.title, ${enteredSql('review.%')} as since, to_char(i.publish_deadline, 'YYYY-MM-DD') as statutory, null::text as detail
      from disclosure_item i join org_unit u on u.id = i.owner_unit_id
     where i.status = 'APPROVED' and coalesce(i.withholding_status, '') not in ('PENDING', 'WITHHOLD')
       and (${office} or (i.level = 'DIVISION' and ${division}))
     order by i.id`;
}

/** Pending withholding requests of units whose parent is in the caller's OFFICE_ADMIN reach (`ruler`: condition on PARENT_PATH); since the request. */
export function withholdingRulingPendingSql(ruler: Sql): Sql {
  return sql`select i.id, i.owner_unit_id, i.title, to_char(i.withholding_requested_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as since, null::text as statutory,
        i.withholding_reason as detail
      from disclosure_item i join org_unit u on u.id = i.owner_unit_id
     where i.withholding_status = 'PENDING' and ${ruler}
     order by i.id`;
}
