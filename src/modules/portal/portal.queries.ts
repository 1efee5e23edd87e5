import { join, sql, type Sql } from '../../db/sql';

/**
 * Every hand-written statement of the portal module: the index of published reports and the
 * items of a feed. Both read only what is public (current publications, live published snapshots).
 */

/** Units in the subtree of `unitId` (itself included), as a condition on `u.path`; served by the path index. */
function inSubtreeOf(unitId: number): Sql {
  return sql`u.path ~>=~ (select path from org_unit where id = ${unitId}) and u.path ~<~ (select path || '~' from org_unit where id = ${unitId})`;
}

/** Filters of the report index. */
export interface ReportIndexFilter {
  unitId?: number | null;
  /** With `unitId`: the unit's whole subtree (default) or the unit alone. */
  includeSubunits?: boolean | null;
  year?: number | null;
}

/** Current publications of annual reports, newest year first, then in tree order, with the total. */
export function publishedReportsSql(f: ReportIndexFilter, limit: number, offset: number): Sql {
  const where: Sql[] = [sql`p.superseded_at is null`];
  if (f.unitId != null) where.push(f.includeSubunits === false ? sql`u.id = ${f.unitId}` : inSubtreeOf(f.unitId));
  if (f.year != null) where.push(sql`p.year = ${f.year}`);
  return sql`select p.id, p.report_id, p.unit_id, u.code as unit_code, p.unit_name, p.year, p.revision, p.published_at, count(*) over () as total_count
               from annual_report_publication p join org_unit u on u.id = p.unit_id
              where ${join(where, ' and ')}
              order by p.year desc, u.path, p.id
              limit ${limit} offset ${offset}`;
}

/** The latest published items of a unit's subtree, optionally of one category and its sub-categories, newest first. */
export function feedItemsSql(unitId: number, categoryId: number | null, limit: number): Sql {
  const category =
    categoryId == null
      ? sql``
      : sql`and i.pub_category_id in (with recursive t as (select id from catalogue_category where id = ${categoryId}
                                      union all select c.id from catalogue_category c join t on c.parent_id = t.id) select id from t)`;
  return sql`select i.id, i.pub_title, i.pub_body, i.pub_legal_basis, i.published_at, c.code as category_code, c.name as category_name, u.code as unit_code, u.name as unit_name
               from disclosure_item i
               join org_unit u on u.id = i.owner_unit_id
               left join catalogue_category c on c.id = i.pub_category_id
              where i.is_public and ${inSubtreeOf(unitId)} ${category}
              order by i.published_at desc, i.id desc
              limit ${limit}`;
}
