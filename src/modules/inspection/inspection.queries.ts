import { raw, sql, type Sql } from '../../db/sql';

/** The inspection module's hand-written statements. Inspections are aliased `i`, units `u`. */

/** An inspection that a later finalised correction replaced is not a result any more. */
const NOT_CORRECTED = sql`not exists (select 1 from inspection c where c.corrects_id = i.id and c.status = 'FINALIZED')`;

/**
 * Ranking among the units inspected under a scheme: the latest finalised inspection of each, by
 * total, standard competition ranking (1, 1, 3) by RANK(); `visible` filters the ranked rows `r`.
 */
export function schemeRankingSql(schemeId: number, visible: Sql): Sql {
  return sql`select r.* from (
         select i.id as inspection_id, i.unit_id, u.path, i.total, i.grade,
                rank() over (order by i.total desc)::int as rank
           from inspection i join org_unit u on u.id = i.unit_id
          where i.scheme_id = ${schemeId} and i.status = 'FINALIZED'
            and ${NOT_CORRECTED}) r
        where ${visible}
        order by r.rank, r.path`;
}

/** How many indicators a scheme has and the sum of their maximum scores. */
export function indicatorTotalsSql(schemeId: number): Sql {
  return sql`select count(*)::int as n, sum(max_score) as total from inspection_indicator where scheme_id = ${schemeId}`;
}

/** The latest finalised (uncorrected) inspection of a unit under a scheme. */
export function latestFinalisedSql(schemeId: number, unitId: number): Sql {
  return sql`select i.id from inspection i where i.scheme_id = ${schemeId} and i.unit_id = ${unitId} and i.status = 'FINALIZED'
            and ${NOT_CORRECTED}`;
}

/** The sum of an inspection's scores. */
export function scoreTotalSql(inspectionId: number): Sql {
  return sql`select sum(score) as total from inspection_score where inspection_id = ${inspectionId}`;
}

/** Rank of finalised, uncorrected inspections among their scheme's (RANK(): 1, 1, 3). */
export function inspectionRanksSql(ids: readonly number[]): Sql {
  return sql`select r.id, r.rank from (
         select i.id, rank() over (partition by i.scheme_id order by i.total desc)::int as rank
           from inspection i
          where i.status = 'FINALIZED'
            and i.scheme_id in (select scheme_id from inspection where id = any(${[...ids]}::int[]))
            and ${NOT_CORRECTED}) r
        where r.id = any(${[...ids]}::int[])`;
}

/** Inspections of the subtree (`subtree`: a LIKE pattern) under schemes of `year`, counted by status. */
export function inspectionsByStatusSql(subtree: string, year: number): Sql {
  return sql`select i.status, count(*)::int as count
       from inspection i join org_unit u on u.id = i.unit_id join inspection_scheme s on s.id = i.scheme_id
      where u.path like ${subtree} and s.year = ${year}
      group by i.status order by i.status`;
}

/**
 * The latest finalised results of units in the subtree of `unitPath` under schemes of `year` issued
 * by that unit or its ancestors, with their rank among all units inspected under the same scheme.
 */
export function subtreeResultsSql(unitPath: string, subtree: string, year: number): Sql {
  return sql`select r.* from (
       select i.id as inspection_id, s.id as scheme_id, s.name as scheme_name, u.id as unit_id, u.name as unit_name, u.path as unit_path,
              to_jsonb(u) as unit_row, iu.path as issuer_path, i.total, i.grade,
              rank() over (partition by i.scheme_id order by i.total desc)::int as rank,
              count(*) over (partition by i.scheme_id)::int as ranked_units
         from inspection i
         join inspection_scheme s on s.id = i.scheme_id
         join org_unit iu on iu.id = s.issuer_unit_id
         join org_unit u on u.id = i.unit_id
        where s.year = ${year} and i.status = 'FINALIZED' and ${unitPath} like iu.path || '%'
          and ${NOT_CORRECTED}) r
      where r.unit_path like ${subtree}
      order by r.scheme_id, r.rank, r.unit_path`;
}

/** A timestamp column's day in China. */
function local(column: 'i.published_at' | 's.submitted_at' | 's.accepted_at'): Sql {
  return raw(`(${column} at time zone 'Asia/Shanghai')::date`);
}

/** Dates and scope of the automatic indicators of a subtree for a year (see computeAutomaticFigures). */
export interface AutomaticMetricsArgs {
  /** LIKE pattern of the subtree. */
  subtree: string;
  asOf: string;
  from: string;
  statYear: number;
  submitBy: string;
  acceptBy: string;
}

/** The SQL-computed automatic indicators of a subtree in one statement. */
export function automaticMetricsSql({ subtree, asOf, from, statYear, submitBy, acceptBy }: AutomaticMetricsArgs): Sql {
  return sql`with recursive
       subtree as (select id, kind, active, reporting_role from org_unit where path like ${subtree}),
       pub as (
         select count(*) filter (where x.counted)::int as due, count(*) filter (where x.counted and x.on_time)::int as on_time
           from (select (i.published_at is not null and ${local('i.published_at')} <= ${asOf}::date) or i.publish_deadline < ${asOf}::date as counted,
                        i.published_at is not null and ${local('i.published_at')} <= i.publish_deadline as on_time
                   from disclosure_item i
                  where i.owner_unit_id in (select id from subtree)
                    and i.formed_date between ${from}::date and ${asOf}::date
                    and i.mode <> 'WITHHELD' and coalesce(i.withholding_status, '') not in ('PENDING', 'WITHHOLD')) x),
       mroot(root_id, id) as (
         select c.id, c.id from catalogue_category c
          where c.mandatory and c.owner_unit_id is null
            and not exists (select 1 from catalogue_category p where p.id = c.parent_id and p.mandatory and p.owner_unit_id is null)
         union all
         select m.root_id, c.id from catalogue_category c join mroot m on c.parent_id = m.id),
       mand as (
         select count(distinct m.root_id)::int as total,
                count(distinct m.root_id) filter (where exists (
                  select 1 from disclosure_item i
                   where coalesce(i.pub_category_id, i.category_id) = m.id and i.is_public
                     and i.owner_unit_id in (select id from subtree) and ${local('i.published_at')} <= ${asOf}::date))::int as covered
           from mroot m),
       stat as (
         select count(*)::int as required,
                count(*) filter (where exists (
                  select 1 from annual_statistics s where s.unit_id = u.id and s.year = ${statYear} and s.submitted_at is not null
                     and ${local('s.submitted_at')} <= ${submitBy}::date))::int as submitted,
                count(*) filter (where exists (
                  select 1 from annual_statistics s where s.unit_id = u.id and s.year = ${statYear} and s.status in ('ACCEPTED', 'SUPERSEDED')
                     and ${local('s.submitted_at')} <= ${submitBy}::date and ${local('s.accepted_at')} <= ${acceptBy}::date))::int as on_time
           from subtree u where u.active and u.reporting_role <> 'NONE'),
       maint as (
         select count(*)::int as total, count(*) filter (where i.next_maintenance_date >= ${asOf}::date)::int as on_time
           from disclosure_item i
          where i.owner_unit_id in (select id from subtree) and i.mode = 'STANDING' and i.is_public
            and ${local('i.published_at')} <= ${asOf}::date)
       select pub.due as pub_due, pub.on_time as pub_on_time, mand.total as mand_total, mand.covered as mand_covered,
              stat.required as stat_required, stat.submitted as stat_submitted, stat.on_time as stat_on_time,
              maint.total as maint_total, maint.on_time as maint_on_time
         from pub, mand, stat, maint`;
}

/** What the inspection action rules read (inspection-actions.policy.ts), by inspection id; one statement per batch. */
export function inspectionActionFactsSql(ids: readonly number[]): Sql {
  return sql`select i.id, i.status, i.scheme_id, i.unit_id, u.path as unit_path, u.name as unit_name, iu.path as issuer_path, iu.name as issuer_name,
         (select count(*)::int from inspection_score sc join inspection_indicator ind on ind.id = sc.indicator_id
           where sc.inspection_id = i.id and ind.method = 'MANUAL') as manual_indicators,
         coalesce((select array_agg(ind.code || ' ' || ind.name order by ind.sort_order, ind.id)
                     from inspection_score sc join inspection_indicator ind on ind.id = sc.indicator_id
                    where sc.inspection_id = i.id and ind.method = 'MANUAL' and sc.score is null), '{}') as unscored,
         exists (select 1 from inspection c where c.corrects_id = i.id and c.status = 'FINALIZED') as corrected
    from inspection i
    join org_unit u on u.id = i.unit_id
    join inspection_scheme s on s.id = i.scheme_id
    join org_unit iu on iu.id = s.issuer_unit_id
   where i.id = any(${[...ids]}::int[])`;
}
