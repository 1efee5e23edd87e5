import { Migration } from '@mikro-orm/migrations';
import { CUSTOMS_SUPPLEMENT_2021 } from '../src/modules/statistics/template-definitions';

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Statistics as offices report them: template versions with a lifecycle (DRAFT until a central
 * admin activates them; only ACTIVE ones apply to a year), the customs supplement to GOV-2021,
 * report titles after the source format, and a report's own title and section headings.
 */
export class Migration20261201000400_statistics_model extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table statistics_template
      add column status text not null default 'ACTIVE' check (status in ('DRAFT', 'ACTIVE')),
      add column created_by_id int null references app_user(id),
      add column activated_at timestamptz null`);
    const t = CUSTOMS_SUPPLEMENT_2021;
    this.addSql(`insert into statistics_template (code, version, name, year_from, year_to, definition, activated_at)
      values (${literal(t.code)}, ${t.version}, ${literal(t.name)}, ${t.yearFrom}, ${t.yearTo ?? 'null'}, ${literal(JSON.stringify(t.definition))}::jsonb, now())`);
    // Presentation only (no cell or check changes): the title each format gives its report.
    this.addSql(
      `update statistics_template set definition = jsonb_set(definition, '{reportTitle}', '"{unit} {year} 年度信息公开报告"') where code = 'CUSTOMS-2009'`,
    );
    this.addSql(
      `update statistics_template set definition = jsonb_set(definition, '{reportTitle}', '"{unit}{year}年政府信息公开工作年度报告"') where code = 'GOV-2021'`,
    );
    this.addSql(`alter table annual_report
      add column title text null,
      add column section_titles jsonb not null default '{}'::jsonb`);
  }
}
