import { Client } from 'pg';
import { toGlobalId } from '../../src/common/global-id';
import { moveSubtreeSql } from '../../src/modules/organisation/organisation.queries';
import { TestApp } from '../helpers/app';

/**
 * The maintained liaison coverage aggregates (Migration20261201001300_liaison_coverage) against the
 * raw computation over units and appointments, after random histories of appointments, ends,
 * replacements, deletions, unit creations, moves, deactivations and kind changes.
 */

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const COVERAGE = `query($u: ID!, $d: LocalDate) { liaisonCoverage(unitId: $u, date: $d) { requiredUnits coveredUnits gaps { code } } }`;
const OVERVIEW = `query($u: ID!, $y: Int!, $d: LocalDate) { overview(unitId: $u, year: $y, asOf: $d) { yearOnYear { figure current previous } } }`;

/** DESIGN.md §4 computed from the base tables, as the service did before the aggregates. */
async function rawCoverage(unit: number, day: string): Promise<{ requiredUnits: number; coveredUnits: number; gaps: string[] }> {
  const [r] = await app.sql(
    `select count(*)::int as required, count(*) filter (where c.covered)::int as covered,
            coalesce(array_agg(c.code order by c.path) filter (where not c.covered), '{}') as gaps
       from (select u.code, u.path, exists (select 1 from liaison_appointment a where a.unit_id = u.id and a.kind = 'DEPARTMENT'
                                             and a.start_date <= $2::date and (a.end_date is null or a.end_date >= $2::date)) as covered
               from org_unit u
              where starts_with(u.path, (select path from org_unit where id = $1)) and u.active and u.kind in ('DIVISION', 'SUBORDINATE_OFFICE')) c`,
    [unit, day],
  );
  return { requiredUnits: r.required, coveredUnits: r.covered, gaps: r.gaps };
}

/** Every aggregate row that carries data, in a stable order (zero rows left by decrements are not data). */
async function aggregates(): Promise<string[]> {
  const rows = await app.sql<{ r: string }>(`
    select 'U ' || unit_id || ' ' || covered as r from liaison_unit_cover
    union all select 'R ' || unit_id || ' ' || n from liaison_required where n <> 0
    union all select 'C ' || unit_id || ' ' || day || ' ' || n from liaison_cover where n <> 0
    union all select 'G ' || unit_id || ' ' || gap_unit_id || ' ' || during from liaison_gap
    order by 1`);
  return rows.map((r) => r.r);
}

const BASE = '2026-03-01';
const day = (n: number) => new Date(Date.parse(`${BASE}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('maintained liaison coverage', () => {
  it('equals the raw computation after a random history of appointments and unit changes, and a rebuild', async () => {
    // A district of its own: three offices with two divisions and a section each.
    await app.sql(`
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, 'LC', '覆盖海关', 'DISTRICT', p.id, p.path || n.id || '/', 1 from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = 'GACC'`);
    for (const o of [1, 2, 3]) {
      await app.sql(
        `insert into org_unit (id, code, name, kind, parent_id, path, depth)
         select n.id, 'LC-' || $1::int, '隶属' || $1::int, 'SUBORDINATE_OFFICE', p.id, p.path || n.id || '/', 2
           from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = 'LC'`,
        [o],
      );
      for (const [d, kind] of [
        [1, 'DIVISION'],
        [2, 'DIVISION'],
        [3, 'SECTION'],
      ] as const) {
        await app.sql(
          `insert into org_unit (id, code, name, kind, parent_id, path, depth)
           select n.id, p.code || '-' || $1::int, '处' || $1::int, $3, p.id, p.path || n.id || '/', 3
             from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = $2`,
          [d, `LC-${o}`, kind],
        );
      }
    }
    const db = new Client({ connectionString: app.url });
    await db.connect();
    // mulberry32: 32-bit integer arithmetic, so every residue comes up (a float LCG loses its low bits).
    let seed = 20261201;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)];
    const units = async () =>
      (
        await db.query<{ id: number; code: string; kind: string; path: string; depth: number }>(
          `select id, code, kind, path, depth from org_unit where code like 'LC%' order by id`,
        )
      ).rows;
    const checks: [number, string][] = [];
    const done = new Map<string, number>();
    const mismatches: unknown[] = [];
    let created = 0;
    try {
      for (let step = 0; step < 160; step++) {
        const op = random(10);
        const all = await units();
        const u = pick(all);
        const start = day(random(90) - 30);
        if (op <= 2) {
          // Appoint, open-ended or for a term; several persons may hold overlapping appointments.
          await db.query(`insert into liaison_appointment (person_name, unit_id, kind, start_date, end_date) values ($1, $2, $3, $4::date, $5::date)`, [
            `随机${step}`,
            u.id,
            pick(['DEPARTMENT', 'DEPARTMENT', 'DEPARTMENT', 'INVITED']),
            start,
            random(2) ? null : day(random(90) - 30 + 90),
          ]);
        } else if (op === 3) {
          // End an appointment (a day within its term), or delete one entered by mistake.
          const [a] = (await db.query(`select id, start_date from liaison_appointment where unit_id = $1 order by id desc limit 1`, [u.id])).rows;
          if (!a) continue;
          if (random(3)) await db.query(`update liaison_appointment set end_date = start_date + $2::int where id = $1`, [a.id, random(60)]);
          else await db.query(`delete from liaison_appointment where id = $1`, [a.id]);
        } else if (op === 4) {
          // Replace: the open appointment ends the day before its successor starts, in one statement pair.
          await db.query(
            `update liaison_appointment set end_date = greatest(start_date, $2::date - 1) where unit_id = $1 and end_date is null and kind = 'DEPARTMENT'`,
            [u.id, start],
          );
          await db.query(`insert into liaison_appointment (person_name, unit_id, kind, start_date) values ($1, $2, 'DEPARTMENT', $3::date)`, [
            `接任${step}`,
            u.id,
            start,
          ]);
        } else if (op === 5) {
          // Move a division (or section) to another office, or an office to another district.
          if (u.kind === 'DISTRICT') continue;
          const parentKind = u.kind === 'SUBORDINATE_OFFICE' ? 'DISTRICT' : 'SUBORDINATE_OFFICE';
          const parents = (
            await db.query(`select id, path, depth from org_unit where kind = $1 and not starts_with(path, $2) and (code like 'LC%' or code in ('TJ', 'XN'))`, [
              parentKind,
              u.path,
            ])
          ).rows;
          if (!parents.length) continue;
          const p = pick(parents);
          const q = moveSubtreeSql({ unitId: u.id, parentId: p.id, oldPath: u.path, newPath: `${p.path}${u.id}/`, depthDelta: p.depth + 1 - u.depth });
          await db.query(q.text, q.values);
        } else if (op === 6) {
          // Deactivate or reactivate a unit.
          await db.query(`update org_unit set active = not active where id = $1 and kind <> 'DISTRICT'`, [u.id]);
        } else if (op === 7) {
          // A section becomes a division, or the reverse.
          await db.query(
            `update org_unit set kind = case kind when 'SECTION' then 'DIVISION' else 'SECTION' end where id = $1 and kind in ('SECTION', 'DIVISION')`,
            [u.id],
          );
        } else if (op === 8) {
          // A new division under an office, sometimes with its liaison in the same transaction.
          const offices = all.filter((x) => x.kind === 'SUBORDINATE_OFFICE');
          if (!offices.length) continue;
          const p = pick(offices);
          created++;
          await db.query('begin');
          const [n] = (
            await db.query(
              `insert into org_unit (id, code, name, kind, parent_id, path, depth)
               select n.id, 'LC-N' || $1::int, '新设处' || $1::int, 'DIVISION', $2, $3 || n.id || '/', $4 from (select nextval('org_unit_id_seq')::int as id) n returning id`,
              [created, p.id, p.path, p.depth + 1],
            )
          ).rows;
          if (random(2))
            await db.query(`insert into liaison_appointment (person_name, unit_id, kind, start_date) values ('新任', $1, 'DEPARTMENT', $2::date)`, [
              n.id,
              start,
            ]);
          await db.query('commit');
        } else {
          // An appointment moved to another unit (entered against the wrong one).
          const [a] = (await db.query(`select id from liaison_appointment where unit_id = $1 order by id limit 1`, [u.id])).rows;
          if (a) await db.query(`update liaison_appointment set unit_id = $2 where id = $1`, [a.id, pick(all).id]);
        }
        done.set(String(op), (done.get(String(op)) ?? 0) + 1);
        if (step % 20 === 19) checks.push([step, pick([day(-31), day(0), day(random(120) - 30), day(59), day(150)])]);
      }
    } finally {
      await db.end();
    }
    // Every kind of change happened (a skipped step does not count).
    expect([...done.keys()].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    // Compare for the district, each office, the administration, on each checked day.
    const roots = (
      await app.sql<{ id: number }>(`select id from org_unit where code = 'LC' or code = 'GACC' or (code like 'LC-%' and kind = 'SUBORDINATE_OFFICE')`)
    ).map((r) => r.id);
    for (const [, d] of checks) {
      for (const root of roots) {
        const res = await app.gql(COVERAGE, { u: toGlobalId('OrgUnit', root), d }, 'admin');
        expect(res.errors).toBeUndefined();
        const got = { ...res.data!.liaisonCoverage, gaps: res.data!.liaisonCoverage.gaps.map((g: { code: string }) => g.code) };
        const want = await rawCoverage(root, d);
        if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push({ root, d, got, want });
      }
    }
    expect(mismatches).toEqual([]);
    // The overview's year-end rates read the same aggregates.
    const lc = (await app.sql<{ id: number }>(`select id from org_unit where code = 'LC'`))[0].id;
    const o = await app.gql(OVERVIEW, { u: toGlobalId('OrgUnit', lc), y: 2026, d: day(59) }, 'admin');
    expect(o.errors).toBeUndefined();
    const rate = o.data!.overview.yearOnYear.find((f: { figure: string }) => f.figure === 'LIAISON_COVERAGE_RATE');
    const [now, before] = [await rawCoverage(lc, day(59)), await rawCoverage(lc, '2025-12-31')];
    expect(rate.current).toBeCloseTo(now.requiredUnits ? now.coveredUnits / now.requiredUnits : 1, 10);
    expect(rate.previous).toBeCloseTo(before.requiredUnits ? before.coveredUnits / before.requiredUnits : 1, 10);

    const maintained = await aggregates();
    expect(maintained.length).toBeGreaterThan(30);
    await app.sql('select rebuild_liaison_aggregates()');
    expect(await aggregates()).toEqual(maintained);
    // Idempotent.
    await app.sql('select rebuild_liaison_aggregates()');
    expect(await aggregates()).toEqual(maintained);
  });

  it('read in as many SQL statements for one district as for the whole country', async () => {
    const QUERY = `query($u: ID!, $d: LocalDate) {
      liaisonCoverage(unitId: $u, date: $d) { requiredUnits coveredUnits rate gaps { code } endingSoon { personName } }
      overview(unitId: $u, year: 2026, asOf: $d) { liaison { requiredUnits coveredUnits gaps { code } endingSoon { personName } } yearOnYear { figure current } }
    }`;
    const run = async (code: string) => {
      const [{ id }] = await app.sql<{ id: number }>(`select id from org_unit where code = $1`, [code]);
      const r = await app.countStatements(() => app.gql(QUERY, { u: toGlobalId('OrgUnit', id), d: '2026-11-23' }, 'admin'));
      expect(r.result.errors).toBeUndefined();
      return r;
    };
    const district = await run('TJ');
    const country = await run('GACC');
    // The country has more units, more covered ones and more gaps than the district, in the same statements.
    expect(country.result.data!.liaisonCoverage.requiredUnits).toBeGreaterThan(district.result.data!.liaisonCoverage.requiredUnits);
    expect(country.result.data!.liaisonCoverage.gaps.length).toBeGreaterThan(district.result.data!.liaisonCoverage.gaps.length);
    expect(country.result.data!.overview.liaison).toEqual(
      (({ requiredUnits, coveredUnits, gaps, endingSoon }) => ({ requiredUnits, coveredUnits, gaps, endingSoon }))(country.result.data!.liaisonCoverage),
    );
    expect(country.statements).toBe(district.statements);
  });

  it('roll back with a write that fails after updating them', async () => {
    const before = await aggregates();
    await expect(
      app.sql(`do $$ begin
        insert into liaison_appointment (person_name, unit_id, kind, start_date) select '回滚', id, 'DEPARTMENT', '2026-01-01' from org_unit where code = 'TJ-CWC';
        update org_unit set active = false where code = 'HP-LG';
        raise exception 'fails after the aggregates changed';
      end $$`),
    ).rejects.toThrow('fails after the aggregates changed');
    expect(await aggregates()).toEqual(before);
  });
});
