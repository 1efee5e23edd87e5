import { Migration } from '@mikro-orm/migrations';

/**
 * Maintained liaison coverage (DESIGN.md §4: every active DIVISION / SUBORDINATE_OFFICE unit has a
 * DEPARTMENT liaison in office that day), so coverage reads small aggregates instead of the subtree's
 * units and appointments:
 *
 * - liaison_unit_cover: per required unit (active, of a covered kind), its own covered days as a
 *   multirange (the union of its DEPARTMENT appointments); no row for units that need no liaison.
 *   It is the per-unit state the triggers diff against.
 * - liaison_required: per unit, how many required units its subtree holds.
 * - liaison_cover: per (unit, day), +1 where a required unit of its subtree becomes covered and -1
 *   where it stops (like item_due: keyed by day). Covered units on D = sum of n over day <= D.
 * - liaison_gap: per (unit, gap unit), each stretch of days on which a required unit of its subtree
 *   has no liaison; a GiST index on (unit_id, during) finds a subtree's gaps on D without visiting
 *   its covered units.
 *
 * Kept by triggers in the writing transaction (appointments inserted, changed, ended or deleted; a
 * unit created, moved, deactivated or of another kind), like Migration20261201000500_aggregates;
 * liaison_refresh recomputes given units from the base tables and applies the difference to them
 * and their ancestors (at most five levels), one upsert per table.
 */

/** Ancestor ids (with their depth, 0 at the root) of the unit at path expression `p`, including the unit. */
const ANCESTORS = (p: string) => `unnest(string_to_array(trim(both '/' from ${p}), '/')::int[]) with ordinality`;

/** Recomputes the coverage of the units `p_units` and applies the change to their ancestors' aggregates. */
const REFRESH = `create function liaison_refresh(p_units int[]) returns void language sql as $f$
  with fresh as (
    select u.id as unit_id,
           coalesce((select range_agg(daterange(a.start_date, a.end_date, '[]')) from liaison_appointment a
                      where a.unit_id = u.id and a.kind = 'DEPARTMENT'), '{}'::datemultirange) as covered
      from org_unit u
     where u.id = any(p_units) and u.active and u.kind in ('DIVISION', 'SUBORDINATE_OFFICE')),
  old as (select unit_id, covered from liaison_unit_cover where unit_id = any(p_units)),
  changed as materialized (
    select coalesce(f.unit_id, o.unit_id) as unit_id, o.covered as old_cov, f.covered as new_cov
      from fresh f full join old o on o.unit_id = f.unit_id
     where f.covered is distinct from o.covered),
  sides as (select unit_id, old_cov as cov, -1 as sign from changed where old_cov is not null
            union all select unit_id, new_cov, 1 from changed where new_cov is not null),
  bounds as (
    select unit_id, day, sum(n)::int as n
      from (select s.unit_id, lower(r) as day, s.sign as n from sides s, unnest(s.cov) r
            union all select s.unit_id, upper(r), -s.sign from sides s, unnest(s.cov) r where not upper_inf(r)) x
     group by 1, 2 having sum(n) <> 0),
  req as (select unit_id, sum(sign)::int as n from sides group by 1 having sum(sign) <> 0),
  own_gone as (delete from liaison_unit_cover where unit_id in (select unit_id from changed where new_cov is null)),
  own_set as (insert into liaison_unit_cover as c (unit_id, covered)
              select unit_id, new_cov from changed where new_cov is not null order by 1
              on conflict (unit_id) do update set covered = excluded.covered),
  cover as (insert into liaison_cover as c (unit_id, day, n)
            select a.id, b.day, sum(b.n) from bounds b join org_unit u on u.id = b.unit_id, ${ANCESTORS('u.path')} a(id, ord)
             group by 1, 2 order by 1, 2
            on conflict (unit_id, day) do update set n = c.n + excluded.n),
  required as (insert into liaison_required as c (unit_id, n)
               select a.id, sum(r.n) from req r join org_unit u on u.id = r.unit_id, ${ANCESTORS('u.path')} a(id, ord)
                group by 1 order by 1
               on conflict (unit_id) do update set n = c.n + excluded.n),
  gaps_gone as (delete from liaison_gap where gap_unit_id in (select unit_id from changed))
  insert into liaison_gap (unit_id, gap_unit_id, during)
  select a.id, c.unit_id, r
    from changed c join org_unit u on u.id = c.unit_id, ${ANCESTORS('u.path')} a(id, ord), unnest('{(,)}'::datemultirange - c.new_cov) r
   where c.new_cov is not null
$f$`;

/** Appointment rows changed in one statement: refresh the units they were or are in (DEPARTMENT ones only). */
function appointmentTrigger(name: string, rels: string[]): string {
  const units = rels.map((r) => `select unit_id from ${r} where kind = 'DEPARTMENT'`).join(' union ');
  return `create function ${name}() returns trigger language plpgsql as $f$
    begin
      perform liaison_refresh(array(${units}));
      return null;
    end $f$`;
}

/** A unit moved: its subtree's coverage leaves the old strict ancestors and joins the new ones. */
const MOVE = `create function liaison_move() returns trigger language plpgsql as $f$
  declare
    old_ids int[] := string_to_array(trim(both '/' from old.path), '/')::int[];
    new_ids int[] := string_to_array(trim(both '/' from new.path), '/')::int[];
  begin
    insert into liaison_cover as c (unit_id, day, n)
    select s.id, t.day, s.sign * t.n
      from liaison_cover t,
           (select x, -1 from unnest(old_ids) x where x <> all(new_ids) union all select x, 1 from unnest(new_ids) x where x <> all(old_ids)) s(id, sign)
     where t.unit_id = new.id and t.n <> 0
     order by 1, 2
    on conflict (unit_id, day) do update set n = c.n + excluded.n;
    insert into liaison_required as c (unit_id, n)
    select s.id, s.sign * t.n
      from liaison_required t,
           (select x, -1 from unnest(old_ids) x where x <> all(new_ids) union all select x, 1 from unnest(new_ids) x where x <> all(old_ids)) s(id, sign)
     where t.unit_id = new.id and t.n <> 0
     order by 1
    on conflict (unit_id) do update set n = c.n + excluded.n;
    delete from liaison_gap g
     where g.unit_id = any(old_ids) and g.unit_id <> all(new_ids)
       and g.gap_unit_id in (select gap_unit_id from liaison_gap where unit_id = new.id);
    insert into liaison_gap (unit_id, gap_unit_id, during)
    select x, t.gap_unit_id, t.during from liaison_gap t, unnest(new_ids) x
     where t.unit_id = new.id and x <> all(old_ids);
    return null;
  end $f$`;

/** From scratch: every aggregate row dropped and every unit recomputed by the same function the triggers use. */
const REBUILD = `create function rebuild_liaison_aggregates() returns void language plpgsql as $f$
  begin
    lock table liaison_appointment in share mode;
    lock table org_unit in share mode;
    delete from liaison_unit_cover;
    delete from liaison_required;
    delete from liaison_cover;
    delete from liaison_gap;
    perform liaison_refresh(array(select id from org_unit));
  end $f$`;

export class Migration20261201001300_liaison_coverage extends Migration {
  async up(): Promise<void> {
    this.addSql(`create table liaison_unit_cover (unit_id int primary key, covered datemultirange not null)`);
    this.addSql(`create table liaison_required (unit_id int primary key, n int not null)`);
    this.addSql(`create table liaison_cover (unit_id int not null, day date not null, n int not null, primary key (unit_id, day))`);
    this.addSql(`create table liaison_gap (unit_id int not null, gap_unit_id int not null, during daterange not null)`);
    // btree_gist (Migration20261123000300_liaison) lets one GiST index take the unit and the days.
    this.addSql(`create index liaison_gap_during_idx on liaison_gap using gist (unit_id, during)`);
    this.addSql(`create index liaison_gap_unit_idx on liaison_gap (gap_unit_id)`);
    // Appointments ending soon: the window's DEPARTMENT appointments, not every appointment of the subtree.
    this.addSql(`create index liaison_appointment_end_idx on liaison_appointment (kind, end_date) where end_date is not null`);

    this.addSql(REFRESH);
    this.addSql(appointmentTrigger('liaison_aggregates_insert', ['new_rows']));
    this.addSql(appointmentTrigger('liaison_aggregates_update', ['new_rows', 'old_rows']));
    this.addSql(appointmentTrigger('liaison_aggregates_delete', ['old_rows']));
    this.addSql(`create trigger liaison_aggregates_insert after insert on liaison_appointment referencing new table as new_rows
                 for each statement execute function liaison_aggregates_insert()`);
    this.addSql(`create trigger liaison_aggregates_update after update on liaison_appointment referencing new table as new_rows old table as old_rows
                 for each statement execute function liaison_aggregates_update()`);
    this.addSql(`create trigger liaison_aggregates_delete after delete on liaison_appointment referencing old table as old_rows
                 for each statement execute function liaison_aggregates_delete()`);

    // Units created, deactivated or reactivated, or of another kind: whether they need a liaison changes.
    this.addSql(`create function liaison_unit_inserted() returns trigger language plpgsql as $f$
      begin
        perform liaison_refresh(array(select id from new_rows));
        return null;
      end $f$`);
    this.addSql(`create trigger liaison_unit_inserted after insert on org_unit referencing new table as new_rows
                 for each statement execute function liaison_unit_inserted()`);
    this.addSql(`create function liaison_unit_changed() returns trigger language plpgsql as $f$
      begin
        perform liaison_refresh(array[new.id]);
        return null;
      end $f$`);
    this.addSql(`create trigger liaison_unit_changed after update of active, kind on org_unit for each row
                 when (old.active is distinct from new.active or old.kind is distinct from new.kind) execute function liaison_unit_changed()`);
    this.addSql(MOVE);
    this.addSql(`create trigger liaison_move after update of parent_id on org_unit for each row
                 when (old.parent_id is distinct from new.parent_id) execute function liaison_move()`);

    this.addSql(REBUILD);
    this.addSql(`select rebuild_liaison_aggregates()`);
  }
}
