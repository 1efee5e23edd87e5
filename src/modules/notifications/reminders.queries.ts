import { globalIdSql } from '../../common/global-id';
import { raw, sql, type Sql } from '../../db/sql';
import { expectedToReportSql } from '../statistics/statistics.queries';

/**
 * What the daily reminders are about, as `due` rows for insertRemindersSql (target_type, target_id,
 * unit_id, unit_path, unit_name, title, date, year). Item conditions are the catalogue's own
 * (`condition` on an item aliased `i`), so a reminder and a task never disagree.
 */
export function itemsDueSql(condition: Sql, dateColumn: 'publish_deadline' | 'next_maintenance_date'): Sql {
  return sql`select 'DisclosureItem'::text as target_type, ${raw(globalIdSql('DisclosureItem', 'i.id'))} as target_id, u.id as unit_id, u.path as unit_path,
        u.name as unit_name, i.title, to_char(i.${raw(dateColumn)}, 'YYYY-MM-DD') as date, null::int as year
      from disclosure_item i join org_unit u on u.id = i.owner_unit_id
     where u.active and ${condition}`;
}

/** Units expected to report (reporting role not NONE) that have neither submitted nor had accepted their statistics of `year`. */
export function statisticsMissingSql(year: number, dueDate: string): Sql {
  return sql`select 'OrgUnit'::text as target_type, ${raw(globalIdSql('OrgUnit', 'u.id'))} as target_id, u.id as unit_id, u.path as unit_path,
        u.name as unit_name, null::text as title, ${dueDate}::text as date, ${year}::int as year
      from org_unit u
     where u.active and ${expectedToReportSql('u')}
       and not exists (select 1 from annual_statistics s where s.unit_id = u.id and s.year = ${year} and s.status in ('SUBMITTED', 'ACCEPTED', 'SUPERSEDED'))`;
}
