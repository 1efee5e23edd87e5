import { Migration } from '@mikro-orm/migrations';

/**
 * Who reports (org_unit.reporting_role, defaulted by kind), own or consolidated submissions
 * (annual_statistics.scope), and the maintained aggregates that dashboards read instead of raw rows:
 *
 * - stat_subtree_total: per (unit, year, template, key) the subtree's accepted total, counting a
 *   CONSOLIDATED submission for its whole subtree and never its contributors again;
 * - stat_subtree_accepted: accepted submissions per (unit subtree, year);
 * - item_count: items per (unit subtree, category, status, level, public, withholding pending);
 * - item_due: items per (unit subtree, kind, day) for the time-dependent counters (overdue by
 *   deadline, maintenance and periodic updates by due day, published by year).
 *
 * They are kept by triggers in the writing transaction, so every writer (services, seeds,
 * factories, bulk loads) keeps them, and a rolled-back write rolls them back. The rebuild functions
 * recompute them from the base tables (the migration runs them once; `npm run rebuild-aggregates`
 * calls them). Unit paths are at most five levels deep, so a change is one upsert per ancestor and key.
 */

/** Ancestor ids (with their depth, 0 at the root) of the unit at path expression `p`, including the unit. */
const ANCESTORS = (p: string) => `unnest(string_to_array(trim(both '/' from ${p}), '/')::int[]) with ordinality`;

/** Item contributions of a relation `r` of disclosure_item rows, with `sign`: count keys and due keys. */
function itemDeltaSql(sources: { rel: string; sign: number }[]): { count: string; due: string } {
  const union = (cols: string, where = 'true') =>
    sources.map((s) => `select ${cols.replace(/\$sign/g, String(s.sign))} from ${s.rel} i where ${where}`).join(' union all ');
  const withheld = `coalesce(i.withholding_status, '') in ('PENDING', 'WITHHOLD')`;
  const count = `
    with d as (select owner_unit_id, category_id, status, level, is_public, wp, sum(sign)::int as n
                 from (${union(`i.owner_unit_id, i.category_id, i.status, i.level, i.is_public, coalesce(i.withholding_status = 'PENDING', false) as wp, $sign as sign`)}) x
                group by 1, 2, 3, 4, 5, 6 having sum(sign) <> 0)
    insert into item_count as c (unit_id, category_id, status, level, is_public, withholding_pending, n)
    select a.id, d.category_id, d.status, d.level, d.is_public, d.wp, sum(d.n)
      from d join org_unit u on u.id = d.owner_unit_id, ${ANCESTORS('u.path')} a(id, ord)
     group by 1, 2, 3, 4, 5, 6 order by 1, 2, 3, 4, 5, 6
    on conflict (unit_id, category_id, status, level, is_public, withholding_pending) do update set n = c.n + excluded.n`;
  const due = `
    with d as (select owner_unit_id, kind, day, sum(sign)::int as n from (
                 ${union(`i.owner_unit_id, 'OVERDUE' as kind, i.publish_deadline as day, $sign as sign`, `i.status not in ('PUBLISHED', 'RETIRED') and not ${withheld} and i.publish_deadline is not null`)}
                 union all ${union(`i.owner_unit_id, 'MAINTENANCE', i.next_maintenance_date, $sign`, `i.mode = 'STANDING' and i.is_public and i.next_maintenance_date is not null`)}
                 union all ${union(`i.owner_unit_id, 'PERIODIC', i.next_due_date, $sign`, `i.mode = 'PERIODIC' and i.status <> 'RETIRED' and not ${withheld} and i.next_due_date is not null`)}
                 union all ${union(`i.owner_unit_id, 'PUBLISHED', date_trunc('year', i.published_at at time zone 'Asia/Shanghai')::date, $sign`, `i.published_at is not null`)}
               ) x group by 1, 2, 3 having sum(sign) <> 0)
    insert into item_due as c (unit_id, kind, day, n)
    select a.id, d.kind, d.day, sum(d.n)
      from d join org_unit u on u.id = d.owner_unit_id, ${ANCESTORS('u.path')} a(id, ord)
     group by 1, 2, 3 order by 1, 2, 3
    on conflict (unit_id, kind, day) do update set n = c.n + excluded.n`;
  return { count, due };
}

function itemTriggerFunction(name: string, sources: { rel: string; sign: number }[]): string {
  const { count, due } = itemDeltaSql(sources);
  return `create function ${name}() returns trigger language plpgsql as $f$
    begin
      ${count};
      ${due};
      return null;
    end $f$`;
}

/**
 * Statistics totals: S(u) is the unit's accepted figures when CONSOLIDATED, else its own accepted
 * figures plus S of each child. stat_refresh recomputes S of one unit from its accepted row and its
 * children's stored S, and adds the difference to the unit and to each ancestor below the nearest
 * consolidated one (which already stands for its subtree), in one upsert.
 */
const STAT_REFRESH = `create function stat_refresh(p_unit int, p_year int) returns void language sql as $f$
  with acc as (select template_id, figures, scope from annual_statistics where unit_id = p_unit and year = p_year and status = 'ACCEPTED'),
  own as (select a.template_id, e.key, (e.value #>> '{}')::float8 as total, 1 as units
            from acc a, jsonb_each(a.figures) e where jsonb_typeof(e.value) = 'number'),
  kids as (select t.template_id, t.key, sum(t.total) as total, sum(t.units)::int as units
             from org_unit c join stat_subtree_total t on t.unit_id = c.id and t.year = p_year
            where c.parent_id = p_unit
              and not exists (select 1 from acc where acc.scope = 'CONSOLIDATED' and acc.template_id = t.template_id)
            group by 1, 2),
  fresh as (select template_id, key, sum(total) as total, sum(units)::int as units from (select * from own union all select * from kids) x group by 1, 2),
  old as (select template_id, key, total, units from stat_subtree_total where unit_id = p_unit and year = p_year),
  d as (select coalesce(n.template_id, o.template_id) as template_id, coalesce(n.key, o.key) as key,
               coalesce(n.total, 0) - coalesce(o.total, 0) as dt, coalesce(n.units, 0) - coalesce(o.units, 0) as du
          from fresh n full join old o on o.template_id = n.template_id and o.key = n.key),
  anc as (select a.id, a.ord from org_unit u, ${ANCESTORS('u.path')} a(id, ord) where u.id = p_unit)
  insert into stat_subtree_total as c (unit_id, year, template_id, key, total, units)
  select anc.id, p_year, d.template_id, d.key, d.dt, d.du
    from d, anc
   where (d.dt <> 0 or d.du <> 0)
     and (anc.id = p_unit or anc.ord > coalesce((
           select max(b.ord) from anc b join annual_statistics s on s.unit_id = b.id
            where b.id <> p_unit and s.year = p_year and s.status = 'ACCEPTED' and s.scope = 'CONSOLIDATED' and s.template_id = d.template_id), 0))
   order by 1, 3, 4
  on conflict (unit_id, year, template_id, key) do update set total = c.total + excluded.total, units = c.units + excluded.units
$f$`;

/** Adds `p_sign` × the unit's stored S to the strict ancestors on `p_path` below their nearest consolidated one (a unit move). */
const STAT_SHIFT = `create function stat_shift(p_unit int, p_path text, p_sign int) returns void language sql as $f$
  with anc as (select a.id, a.ord from ${ANCESTORS('p_path')} a(id, ord) where a.id <> p_unit)
  insert into stat_subtree_total as c (unit_id, year, template_id, key, total, units)
  select anc.id, t.year, t.template_id, t.key, p_sign * t.total, p_sign * t.units
    from stat_subtree_total t, anc
   where t.unit_id = p_unit
     and anc.ord > coalesce((select max(b.ord) from anc b join annual_statistics s on s.unit_id = b.id
                             where s.year = t.year and s.status = 'ACCEPTED' and s.scope = 'CONSOLIDATED' and s.template_id = t.template_id), 0)
   order by 1, 2, 3, 4
  on conflict (unit_id, year, template_id, key) do update set total = c.total + excluded.total, units = c.units + excluded.units
$f$`;

const STAT_TRIGGER = `create function stat_aggregate_trigger() returns trigger language plpgsql as $f$
  declare
    was boolean := tg_op <> 'INSERT' and old.status = 'ACCEPTED';
    now_accepted boolean := tg_op <> 'DELETE' and new.status = 'ACCEPTED';
    r record;
  begin
    if not was and not now_accepted then return null; end if;
    if tg_op = 'DELETE' then r := old; else r := new; end if;
    if was <> now_accepted then
      insert into stat_subtree_accepted as c (unit_id, year, accepted)
      select a.id, r.year, case when now_accepted then 1 else -1 end
        from org_unit u, ${ANCESTORS('u.path')} a(id, ord) where u.id = r.unit_id order by 1
      on conflict (unit_id, year) do update set accepted = c.accepted + excluded.accepted;
    end if;
    perform stat_refresh(r.unit_id, r.year);
    return null;
  end $f$`;

/** A unit moved: its subtree's contribution leaves the old ancestors and joins the new ones. */
const MOVE_TRIGGER = `create function org_unit_move_aggregates() returns trigger language plpgsql as $f$
  declare
    p record;
  begin
    for p in select old.path as path, -1 as sign union all select new.path, 1 loop
      insert into item_count as c (unit_id, category_id, status, level, is_public, withholding_pending, n)
      select a.id, t.category_id, t.status, t.level, t.is_public, t.withholding_pending, p.sign * t.n
        from item_count t, ${ANCESTORS('p.path')} a(id, ord) where t.unit_id = new.id and a.id <> new.id order by 1, 2, 3, 4, 5, 6
      on conflict (unit_id, category_id, status, level, is_public, withholding_pending) do update set n = c.n + excluded.n;
      insert into item_due as c (unit_id, kind, day, n)
      select a.id, t.kind, t.day, p.sign * t.n
        from item_due t, ${ANCESTORS('p.path')} a(id, ord) where t.unit_id = new.id and a.id <> new.id order by 1, 2, 3
      on conflict (unit_id, kind, day) do update set n = c.n + excluded.n;
      insert into stat_subtree_accepted as c (unit_id, year, accepted)
      select a.id, t.year, p.sign * t.accepted
        from stat_subtree_accepted t, ${ANCESTORS('p.path')} a(id, ord) where t.unit_id = new.id and a.id <> new.id order by 1, 2
      on conflict (unit_id, year) do update set accepted = c.accepted + excluded.accepted;
      perform stat_shift(new.id, p.path, p.sign);
    end loop;
    return null;
  end $f$`;

/** Every unit's S from scratch: an accepted row counts for each ancestor deeper than its nearest consolidated strict ancestor. */
const REBUILD_STATS = `create function rebuild_stat_aggregates() returns void language plpgsql as $f$
  begin
    lock table annual_statistics in share mode;
    lock table org_unit in share mode;
    delete from stat_subtree_total;
    delete from stat_subtree_accepted;
    with acc as (select s.unit_id, s.year, s.template_id, s.figures, u.path from annual_statistics s join org_unit u on u.id = s.unit_id where s.status = 'ACCEPTED'),
    cons as materialized (select s.unit_id, s.year, s.template_id, u.path, u.depth from annual_statistics s join org_unit u on u.id = s.unit_id
              where s.status = 'ACCEPTED' and s.scope = 'CONSOLIDATED'),
    barred as (select a.*, coalesce((select max(c.depth) + 1 from cons c
                                      where c.year = a.year and c.template_id = a.template_id and c.unit_id <> a.unit_id and starts_with(a.path, c.path)), 0) as ord_floor
                 from acc a),
    own as (select b.unit_id, b.year, b.template_id, b.path, b.ord_floor, e.key, (e.value #>> '{}')::float8 as total
              from barred b, jsonb_each(b.figures) e where jsonb_typeof(e.value) = 'number')
    insert into stat_subtree_total (unit_id, year, template_id, key, total, units)
    select a.id, o.year, o.template_id, o.key, sum(o.total), count(*)
      from own o, ${ANCESTORS('o.path')} a(id, ord) where a.ord > o.ord_floor
     group by 1, 2, 3, 4;
    insert into stat_subtree_accepted (unit_id, year, accepted)
    select a.id, x.year, sum(x.n)
      from (select s.unit_id, s.year, count(*) as n from annual_statistics s where s.status = 'ACCEPTED' group by 1, 2) x
      join org_unit u on u.id = x.unit_id, ${ANCESTORS('u.path')} a(id, ord)
     group by 1, 2;
  end $f$`;

/** Item counters from scratch: counted per owner unit first, then added up each unit's ancestors. */
const REBUILD_ITEMS = `create function rebuild_item_aggregates() returns void language plpgsql as $f$
  begin
    lock table disclosure_item in share mode;
    lock table org_unit in share mode;
    delete from item_count;
    delete from item_due;
    ${itemDeltaSql([{ rel: 'disclosure_item', sign: 1 }]).count.replace(/on conflict[^\n]*$/, '')};
    ${itemDeltaSql([{ rel: 'disclosure_item', sign: 1 }]).due.replace(/on conflict[^\n]*$/, '')};
  end $f$`;

export class Migration20261201000500_aggregates extends Migration {
  async up(): Promise<void> {
    this.addSql(`alter table org_unit add column reporting_role text check (reporting_role in ('DISCLOSURE_BODY', 'CONTRIBUTOR', 'NONE'))`);
    this.addSql(`update org_unit set reporting_role = case kind when 'ADMINISTRATION' then 'DISCLOSURE_BODY' when 'DISTRICT' then 'DISCLOSURE_BODY'
                 when 'SUBORDINATE_OFFICE' then 'CONTRIBUTOR' else 'NONE' end`);
    this.addSql(`alter table org_unit alter column reporting_role set not null`);
    // A writer that does not say (bulk loads, older code) gets the default of the unit's kind.
    this.addSql(`create function org_unit_default_reporting_role() returns trigger language plpgsql as $f$
      begin
        if new.reporting_role is null then
          new.reporting_role := case new.kind when 'ADMINISTRATION' then 'DISCLOSURE_BODY' when 'DISTRICT' then 'DISCLOSURE_BODY'
                                 when 'SUBORDINATE_OFFICE' then 'CONTRIBUTOR' else 'NONE' end;
        end if;
        return new;
      end $f$`);
    this.addSql(`create trigger org_unit_default_reporting_role before insert on org_unit for each row execute function org_unit_default_reporting_role()`);

    this.addSql(`alter table annual_statistics add column scope text not null default 'OWN' check (scope in ('OWN', 'CONSOLIDATED'))`);
    this.addSql(`alter table annual_statistics add column contributor_ids int[] not null default '{}'`);

    this.addSql(`create table stat_subtree_total (unit_id int not null, year int not null, template_id int not null, key text not null,
                 total float8 not null, units int not null, primary key (unit_id, year, template_id, key))`);
    this.addSql(`create table stat_subtree_accepted (unit_id int not null, year int not null, accepted int not null, primary key (unit_id, year))`);
    this.addSql(`create table item_count (unit_id int not null, category_id int not null, status text not null, level text not null,
                 is_public boolean not null, withholding_pending boolean not null, n int not null,
                 primary key (unit_id, category_id, status, level, is_public, withholding_pending))`);
    this.addSql(`create table item_due (unit_id int not null, kind text not null, day date not null, n int not null, primary key (unit_id, kind, day))`);

    this.addSql(itemTriggerFunction('item_aggregates_insert', [{ rel: 'new_rows', sign: 1 }]));
    this.addSql(
      itemTriggerFunction('item_aggregates_update', [
        { rel: 'new_rows', sign: 1 },
        { rel: 'old_rows', sign: -1 },
      ]),
    );
    this.addSql(itemTriggerFunction('item_aggregates_delete', [{ rel: 'old_rows', sign: -1 }]));
    this.addSql(`create trigger item_aggregates_insert after insert on disclosure_item referencing new table as new_rows
                 for each statement execute function item_aggregates_insert()`);
    this.addSql(`create trigger item_aggregates_update after update on disclosure_item referencing new table as new_rows old table as old_rows
                 for each statement execute function item_aggregates_update()`);
    this.addSql(`create trigger item_aggregates_delete after delete on disclosure_item referencing old table as old_rows
                 for each statement execute function item_aggregates_delete()`);

    this.addSql(STAT_REFRESH);
    this.addSql(STAT_SHIFT);
    this.addSql(STAT_TRIGGER);
    this.addSql(`create trigger stat_aggregates after insert or update or delete on annual_statistics for each row execute function stat_aggregate_trigger()`);
    this.addSql(MOVE_TRIGGER);
    this.addSql(`create trigger org_unit_move_aggregates after update of parent_id on org_unit for each row
                 when (old.parent_id is distinct from new.parent_id) execute function org_unit_move_aggregates()`);

    this.addSql(REBUILD_STATS);
    this.addSql(REBUILD_ITEMS);
    this.addSql(`select rebuild_stat_aggregates()`);
    this.addSql(`select rebuild_item_aggregates()`);
  }
}
