import { Client } from 'pg';
import { toGlobalId } from '../../src/common/global-id';
import { moveSubtreeSql } from '../../src/modules/organisation/organisation.queries';
import { codes, TestApp, unitId } from '../helpers/app';
import { ACCEPT, SAVE } from './helpers';

/**
 * The maintained aggregates (statistics subtree totals, item counters) against a full
 * recomputation, consolidated submissions in the roll-up, and accepts under concurrency.
 */

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

const ROLLUP = `query($unitId: ID!, $year: Int!) { statisticsRollup(unitId: $unitId, year: $year) {
  acceptedUnits cells { key ownNumber subtreeTotal reportingUnits } children { unit { code } totals { key total } } } }`;
const MOVE_UNIT = `mutation($input: MoveOrgUnitInput!) { moveOrgUnit(input: $input) { code parent { code } } }`;

/** Every aggregate row that carries a count, in a stable order (zero rows left by decrements are not data). */
async function aggregates(): Promise<string[]> {
  const rows = await app.sql<{ r: string }>(`
    select 'T ' || unit_id || ' ' || year || ' ' || template_id || ' ' || key || ' ' || round(total::numeric, 6) || ' ' || units as r from stat_subtree_total where units <> 0 or total <> 0
    union all select 'A ' || unit_id || ' ' || year || ' ' || accepted from stat_subtree_accepted where accepted <> 0
    union all select 'C ' || unit_id || ' ' || category_id || ' ' || status || ' ' || level || ' ' || is_public || ' ' || withholding_pending || ' ' || n from item_count where n <> 0
    union all select 'D ' || unit_id || ' ' || kind || ' ' || day || ' ' || n from item_due where n <> 0
    union all select 'P ' || unit_id || ' ' || category_id || ' ' || level || ' ' || n from item_public_count where n <> 0
    union all select 'S ' || unit_id || ' ' || status || ' ' || level || ' ' || withholding_pending || ' ' || n from item_status_count where n <> 0
    order by 1`);
  return rows.map((r) => r.r);
}

/** The maintained aggregates, then the same after a full rebuild from the base tables. */
async function maintainedAndRebuilt(): Promise<[string[], string[]]> {
  const maintained = await aggregates();
  await app.sql('select rebuild_stat_aggregates(); select rebuild_item_aggregates(); select rebuild_item_public_count(); select rebuild_item_status_count();');
  return [maintained, await aggregates()];
}

async function total(code: string, year: number, key = 'proactive.total'): Promise<number | null> {
  const [row] = await app.sql<{ total: number }>(
    `select sum(t.total)::float8 as total from stat_subtree_total t join org_unit u on u.id = t.unit_id where u.code = $1 and t.year = $2 and t.key = $3`,
    [code, year, key],
  );
  return row?.total ?? null;
}

describe('consolidated submissions', () => {
  it('count a consolidated figure once: Huangpu 2009 has 5846 as its system total', async () => {
    const res = await app.gql(ROLLUP, { unitId: await unitId(app, 'HP'), year: 2009 }, 'hp-admin');
    expect(res.errors).toBeUndefined();
    const cell = res.data!.statisticsRollup.cells.find((c: any) => c.key === 'proactive.total');
    // 黄埔海关's report states 5846 for the whole district; its subordinates' accepted figures are in it already.
    expect(cell).toMatchObject({ ownNumber: 5846, subtreeTotal: 5846, reportingUnits: 1 });
    // The subordinates' own totals are still shown per child.
    const dg = res.data!.statisticsRollup.children.find((c: any) => c.unit.code === 'HP-DG');
    expect(dg.totals.find((t: any) => t.key === 'proactive.total').total).toBe(1320);
    // The administration counts Huangpu's consolidated figure once.
    expect(await total('GACC', 2009)).toBe(5846);
  });

  it('refuses a consolidated submission that claims contributors outside the unit, and contributors on an own one; nothing is written', async () => {
    const hp = await unitId(app, 'HP');
    const figures = { 'proactive.total': 6000 };
    const outside = await app.gql(
      SAVE,
      { input: { unitId: hp, year: 2010, figures, scope: 'CONSOLIDATED', contributorIds: [await unitId(app, 'HP-DG'), await unitId(app, 'TJ-XG')] } },
      'hp-admin',
    );
    expect(codes(outside)).toEqual(['BAD_USER_INPUT']);
    expect(outside.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'input.contributorIds.1' })]);
    const self = await app.gql(SAVE, { input: { unitId: hp, year: 2010, figures, scope: 'CONSOLIDATED', contributorIds: [hp] } }, 'hp-admin');
    expect(codes(self)).toEqual(['BAD_USER_INPUT']);
    const own = await app.gql(SAVE, { input: { unitId: hp, year: 2010, figures, contributorIds: [await unitId(app, 'HP-DG')] } }, 'hp-admin');
    expect(codes(own)).toEqual(['BAD_USER_INPUT']);
    expect(own.errors![0].extensions!.fields).toEqual([expect.objectContaining({ field: 'input.contributorIds' })]);
    expect(await app.sql(`select 1 from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP' and s.year = 2010`)).toHaveLength(0);

    const ok = await app.gql(
      SAVE,
      { input: { unitId: hp, year: 2010, figures, scope: 'CONSOLIDATED', contributorIds: [await unitId(app, 'HP-DG')] } },
      'hp-admin',
    );
    expect(ok.errors).toBeUndefined();
    const [row] = await app.sql(
      `select s.scope, s.contributor_ids from annual_statistics s join org_unit u on u.id = s.unit_id where u.code = 'HP' and s.year = 2010`,
    );
    expect(row.scope).toBe('CONSOLIDATED');
    expect(row.contributor_ids).toHaveLength(1);
  });
});

describe('maintained aggregates', () => {
  it('move a unit’s contribution with it, and match a rebuild', async () => {
    // HP-XT (own, accepted 410 in 2009) sits under Huangpu, whose consolidated 5846 already includes it.
    expect(await total('TJ', 2009)).toBeNull();
    const res = await app.gql(MOVE_UNIT, { input: { id: await unitId(app, 'HP-XT'), newParentId: await unitId(app, 'TJ') } }, 'admin');
    expect(res.errors).toBeUndefined();
    expect(await total('TJ', 2009)).toBe(410);
    expect(await total('HP', 2009)).toBe(5846);
    expect(await total('GACC', 2009)).toBe(5846 + 410);
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
  });

  it('roll back with a write that fails after updating them', async () => {
    const before = await aggregates();
    await expect(
      app.sql(`do $$ begin
        update annual_statistics set status = 'ACCEPTED' where unit_id = (select id from org_unit where code = 'HP-LG') and year = 2009;
        insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status)
        select c.id, u.id, 'OFFICE', 'AD_HOC', '{PORTAL}', '回滚', '正文', '2026-01-01', '2026-02-01', 'DRAFT'
          from catalogue_category c, org_unit u where u.code = 'HP' limit 1;
        raise exception 'fails after the aggregates changed';
      end $$`),
    ).rejects.toThrow('fails after the aggregates changed');
    expect(await aggregates()).toEqual(before);
  });

  it('equal a full recomputation after a random history of accepts, corrections, moves and item transitions', async () => {
    // A district of its own: three offices with two divisions each.
    await app.sql(`
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, 'RH', '随机海关', 'DISTRICT', p.id, p.path || n.id || '/', 1 from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = 'GACC'`);
    for (const o of [1, 2, 3]) {
      await app.sql(
        `insert into org_unit (id, code, name, kind, parent_id, path, depth)
         select n.id, 'RH-' || $1::int, '隶属' || $1::int, 'SUBORDINATE_OFFICE', p.id, p.path || n.id || '/', 2 from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = 'RH'`,
        [o],
      );
      for (const d of [1, 2]) {
        await app.sql(
          `insert into org_unit (id, code, name, kind, parent_id, path, depth)
           select n.id, p.code || '-' || $1::int, '处' || $1::int, 'DIVISION', p.id, p.path || n.id || '/', 3 from org_unit p, (select nextval('org_unit_id_seq')::int as id) n where p.code = $2`,
          [d, `RH-${o}`],
        );
      }
    }
    const units = await app.sql<{ id: number; code: string; kind: string }>(`select id, code, kind from org_unit where code like 'RH%' order by id`);
    const [{ id: templateId }] = await app.sql(`select id from statistics_template where code = 'CUSTOMS-2009'`);
    const [{ id: categoryId }] = await app.sql(`select id from catalogue_category order by id limit 1`);
    // One connection for the whole history (each step is one or two statements).
    const db = new Client({ connectionString: app.url });
    await db.connect();
    let seed = 20261201;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[random(xs.length)];
    const statuses = ['DRAFT', 'IN_REVIEW', 'APPROVED', 'PUBLISHED', 'RETIRED', 'RETURNED'];
    try {
      for (let step = 0; step < 120; step++) {
        const op = random(6);
        const u = pick(units);
        const year = 2009 + random(2);
        if (op <= 1) {
          // An accept, or a correction of accepted figures (the accepted revision superseded).
          const scope = u.kind === 'DIVISION' || random(3) > 0 ? 'OWN' : 'CONSOLIDATED';
          await db.query(`update annual_statistics set status = 'SUPERSEDED' where unit_id = $1 and year = $2 and status = 'ACCEPTED'`, [u.id, year]);
          await db.query(
            `insert into annual_statistics (unit_id, year, template_id, status, scope, revision, figures)
           values ($1, $2, $3, 'ACCEPTED', $4, coalesce((select max(revision) from annual_statistics where unit_id = $1 and year = $2), 0) + 1,
                   jsonb_build_object('proactive.total', $5::int, 'proactive.portal', $6::int, 'org.office', '办公室'))`,
            [u.id, year, templateId, scope, 1 + random(500), random(100)],
          );
        } else if (op === 2) {
          // Move an office to another district-level parent, or a division to another office.
          const [row] = (await db.query(`select id, kind, path, parent_id from org_unit where id = $1`, [u.id])).rows;
          if (row.kind === 'DISTRICT') continue;
          const parents = (
            await db.query(`select id, path, depth from org_unit where kind = $1 and not starts_with(path, $2) and (code like 'RH%' or code in ('TJ', 'XN'))`, [
              row.kind === 'DIVISION' ? 'SUBORDINATE_OFFICE' : 'DISTRICT',
              row.path,
            ])
          ).rows;
          if (!parents.length) continue;
          const p = pick(parents);
          const [self] = (await db.query(`select depth from org_unit where id = $1`, [u.id])).rows;
          const q = moveSubtreeSql({ unitId: u.id, parentId: p.id, oldPath: row.path, newPath: `${p.path}${u.id}/`, depthDelta: p.depth + 1 - self.depth });
          await db.query(q.text, q.values);
        } else if (op === 3) {
          await db.query(
            `insert into disclosure_item (category_id, owner_unit_id, level, mode, channels, title, body, formed_date, publish_deadline, status, next_maintenance_date, is_public, published_at)
           select $1, $2, $3, $4, '{PORTAL}', '随机事项', '正文', '2026-01-01', date '2026-01-01' + $5::int, $6::text, date '2026-03-01' + $5::int, $6::text = 'PUBLISHED',
                  case when $6::text = 'PUBLISHED' then timestamptz '2025-12-31 20:00+00' + ($5::int || ' days')::interval end
             from generate_series(1, 1 + $7::int)`,
            [categoryId, u.id, u.kind === 'DIVISION' ? 'DIVISION' : 'OFFICE', pick(['STANDING', 'AD_HOC', 'PERIODIC']), random(60), pick(statuses), random(3)],
          );
        } else if (op === 4) {
          // An item transition: status, withholding, maintenance date.
          await db.query(
            `update disclosure_item set status = $2::text, withholding_status = $3, next_maintenance_date = next_maintenance_date + $4::int,
                  is_public = $2::text = 'PUBLISHED', published_at = case when $2::text = 'PUBLISHED' then coalesce(published_at, now()) else published_at end
            where id in (select id from disclosure_item where owner_unit_id in (select id from org_unit where code like 'RH%') order by id offset $1 limit 3)`,
            [random(20), pick(statuses), pick([null, 'PENDING', 'WITHHOLD', 'DISCLOSE']), random(40) - 20],
          );
        } else {
          // An accepted revision returned to the unit, or deleted.
          await db.query(
            random(2)
              ? `update annual_statistics set status = 'RETURNED' where unit_id = $1 and year = $2 and status = 'ACCEPTED'`
              : `delete from annual_statistics where unit_id = $1 and year = $2 and status = 'ACCEPTED'`,
            [u.id, year],
          );
        }
      }
    } finally {
      await db.end();
    }
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained.length).toBeGreaterThan(50);
    expect(maintained).toEqual(rebuilt);
  });
});

describe('concurrent accepts', () => {
  it('lose no increment under 50 concurrent accepts in different districts', async () => {
    // Five new districts with ten offices each, every office with submitted figures for 2012.
    await app.sql(`
      with d as (insert into org_unit (id, code, name, kind, parent_id, path, depth)
                 select n.id, 'CC-' || n.g, '并发海关' || n.g, 'DISTRICT', p.id, p.path || n.id || '/', 1
                   from org_unit p, (select nextval('org_unit_id_seq')::int as id, g from generate_series(1, 5) g) n where p.code = 'GACC'
                 returning id, code, path)
      insert into org_unit (id, code, name, kind, parent_id, path, depth)
      select n.id, n.code || '-' || n.g, '隶属' || n.g, 'SUBORDINATE_OFFICE', n.did, n.path || n.id || '/', 2
        from (select nextval('org_unit_id_seq')::int as id, d.id as did, d.code, d.path, g from d, generate_series(1, 10) g) n`);
    const rows = await app.sql<{ id: number; n: number }>(`
      insert into annual_statistics (unit_id, year, template_id, status, figures, submitted_at)
      select u.id, 2012, t.id, 'SUBMITTED', jsonb_build_object('proactive.total', row_number() over (order by u.id)), now()
        from org_unit u, statistics_template t where u.code like 'CC-%-%' and t.code = 'CUSTOMS-2009'
      returning id, (figures->>'proactive.total')::int as n`);
    expect(rows).toHaveLength(50);
    const before = (await total('GACC', 2012)) ?? 0;
    const results = await Promise.all(rows.map((r) => app.gql(ACCEPT, { input: { id: toGlobalId('AnnualStatistics', r.id) } }, 'admin')));
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    expect(await total('GACC', 2012)).toBe(before + (50 * 51) / 2);
    for (let d = 1; d <= 5; d++) {
      const expected = rows.slice((d - 1) * 10, d * 10).reduce((s, r) => s + r.n, 0);
      expect(await total(`CC-${d}`, 2012)).toBe(expected);
    }
    const [maintained, rebuilt] = await maintainedAndRebuilt();
    expect(maintained).toEqual(rebuilt);
  });
});
