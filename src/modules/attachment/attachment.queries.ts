import { sql, type Sql } from '../../db/sql';

/**
 * Every hand-written statement over attachments. What the public may read of an owner's files
 * follows the owner's publication: a published item's (or report's) attachments that were attached
 * before its current publication; staff of the owner read all of them.
 */

/** Attachments the public sees: the owner is public, and the file was attached before its current publication. */
const PUBLIC_ATTACHMENT = sql`(case
    when a.item_id is not null then exists (select 1 from disclosure_item i where i.id = a.item_id and i.is_public and a.attached_at <= i.published_at)
    when a.report_id is not null then exists (select 1 from annual_report_publication p
                                               where p.report_id = a.report_id and p.superseded_at is null and a.attached_at <= p.published_at)
    else false end)`;

/** One attachment with what decides who may download it: the owner unit's path and whether the public sees it. */
export function attachmentAccessSql(id: string): Sql {
  return sql`select a.id, a.sha256, a.size, a.media_type, a.file_name, a.uploaded_by_id, a.item_id, a.report_id,
                    coalesce(iu.path, ru.path) as owner_path, ${PUBLIC_ATTACHMENT} as is_public
               from attachment a
               left join disclosure_item i on i.id = a.item_id
               left join org_unit iu on iu.id = i.owner_unit_id
               left join annual_report r on r.id = a.report_id
               left join org_unit ru on ru.id = r.unit_id
              where a.id = ${id}::uuid`;
}

/** Attachments of the given items (or reports, `column` = 'report_id'), all of them for owners in `staffOwnerIds`, the public ones otherwise. */
export function ownerAttachmentsSql(column: 'item_id' | 'report_id', ownerIds: number[], staffOwnerIds: number[]): Sql {
  const owner = column === 'item_id' ? sql`a.item_id` : sql`a.report_id`;
  return sql`select a.* from attachment a
              where ${owner} = any(${ownerIds}::int[])
                and (${owner} = any(${staffOwnerIds}::int[]) or ${PUBLIC_ATTACHMENT})
              order by a.attached_at, a.id`;
}

/** Removes uploads never attached that are older than `before`. */
export function deleteStalePendingSql(before: Date): Sql {
  return sql`delete from attachment where attached_at is null and created_at < ${before} returning id`;
}

/** Which of these hashes some attachment row still references. */
export function referencedHashesSql(hashes: string[]): Sql {
  return sql`select distinct sha256 from attachment where sha256 = any(${hashes}::text[])`;
}
