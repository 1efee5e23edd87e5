import { Migration } from '@mikro-orm/migrations';
import { renderHtml, renderMarkdown } from '../src/modules/statistics/report.render';
import { SECTION_KEYS, type TemplateDefinition } from '../src/modules/statistics/template-definitions';

/**
 * Annual reports go through the catalogue's legal and secrecy review, and what the public reads
 * is a frozen publication: markdown and html rendered once, with the unit's name of that day.
 */
export class Migration20261130000100_report_publication extends Migration {
  async up(): Promise<void> {
    // Executed in order (not queued): reports published before this migration are frozen below,
    // rendered by the same code as a publication, so they stay public.
    await this.execute(`alter table annual_report drop constraint annual_report_status_check`);
    await this.execute(`alter table annual_report add constraint annual_report_status_check
      check (status in ('DRAFT','IN_REVIEW','RETURNED','APPROVED','PUBLISHED'))`);
    await this.execute(`alter table annual_report
      add column review_round int not null default 0,
      add column submitted_by_id int references app_user(id),
      add column submitted_at timestamptz`);
    await this.execute(`
      create table annual_report_review (
        id serial primary key,
        report_id int not null references annual_report(id),
        round int not null check (round > 0),
        kind varchar(16) not null check (kind in ('LEGAL','SECRECY')),
        decision varchar(16) not null check (decision in ('PASS','RETURN')),
        comment text not null,
        reviewer_id int not null references app_user(id),
        created_at timestamptz not null default now(),
        unique (report_id, round, kind)
      )`);
    await this.execute(`
      create table annual_report_publication (
        id serial primary key,
        report_id int not null references annual_report(id),
        revision int not null check (revision > 0),
        unit_id int not null references org_unit(id),
        year int not null,
        unit_name varchar(200) not null,
        sections jsonb not null,
        markdown text not null,
        html text not null,
        statistics_id int references annual_statistics(id),
        review_round int not null,
        correction_reason text,
        published_at timestamptz not null default now(),
        published_by_id int references app_user(id),
        superseded_at timestamptz,
        unique (report_id, revision)
      )`);
    // One current publication per report; the public page reads it by unit and year.
    await this.execute(`create unique index annual_report_publication_current_uq on annual_report_publication (unit_id, year) where superseded_at is null`);
    await this.execute(`create index annual_report_publication_report_idx on annual_report_publication (report_id, revision desc)`);
    // A publication is a snapshot: nothing may rewrite or delete it, whatever the code path; the
    // only change is to be marked superseded, once.
    await this.execute(`
      create function annual_report_publication_frozen() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and old.superseded_at is null and new.superseded_at is not null
           and (to_jsonb(new) - 'superseded_at') = (to_jsonb(old) - 'superseded_at') then
          return new;
        end if;
        raise exception 'publication % of annual report % is frozen', old.id, old.report_id using errcode = 'check_violation';
      end $$`);
    await this.execute(`create trigger annual_report_publication_frozen before update or delete on annual_report_publication
      for each row execute function annual_report_publication_frozen()`);

    const published = await this.execute(`
      select r.id, r.unit_id, r.year, r.sections, r.published_at, r.published_by_id, u.name as unit_name,
             s.id as statistics_id, s.figures, s.notes, t.name as template_name, t.definition
        from annual_report r
        join org_unit u on u.id = r.unit_id
        left join annual_statistics s on s.unit_id = r.unit_id and s.year = r.year and s.status = 'ACCEPTED'
        left join lateral (
          select name, definition from statistics_template t
           where (s.id is not null and t.id = s.template_id)
              or (s.id is null and t.year_from <= r.year and (t.year_to is null or t.year_to >= r.year))
           order by t.year_from desc, t.version desc limit 1
        ) t on true
       where r.status = 'PUBLISHED'`);
    for (const row of published as Record<string, any>[]) {
      const input = {
        unitName: row.unit_name,
        year: row.year,
        templateName: row.template_name ?? '',
        definition: (row.definition as TemplateDefinition | null) ?? {
          sections: SECTION_KEYS.map((key) => ({ key, title: key })),
          tables: [],
          cells: [],
          rules: [],
        },
        figures: row.statistics_id ? row.figures : null,
        notes: row.notes ?? {},
        sections: row.sections ?? {},
      } as Parameters<typeof renderMarkdown>[0];
      const markdown = renderMarkdown(input);
      await this.execute(
        `insert into annual_report_publication
           (report_id, revision, unit_id, year, unit_name, sections, markdown, html, statistics_id, review_round, published_at, published_by_id)
         values (?, 1, ?, ?, ?, ?::jsonb, ?, ?, ?, 0, coalesce(?, now()), ?)`,
        [
          row.id,
          row.unit_id,
          row.year,
          row.unit_name,
          JSON.stringify(row.sections ?? {}),
          markdown,
          renderHtml(input, markdown),
          row.statistics_id,
          row.published_at,
          row.published_by_id,
        ],
      );
    }
  }
}
