import type { Client } from 'pg';
import { hashPassword } from '../src/auth/password';
import { toGlobalId } from '../src/common/global-id';
import { REPORTING_KINDS } from '../src/modules/statistics/statistics.service';
import { TEMPLATE_SEEDS, TemplateDefinition } from '../src/modules/statistics/template-definitions';
import { ITEM_TEMPLATES, STANDARD_CATEGORIES } from '../seeds/catalogue.data';
import { documentVector } from '../src/modules/catalogue/search/segmenter';
import { ITEM_DUE_DAYS_KEPT } from '../src/modules/catalogue/item-aggregates';
import { addDays, todayInChina } from '../src/common/dates';

/** Fixed seed: the same options always make the same world. */
export const WORLD_SEED = 20261123;
/** The password of every bench user. */
export const BENCH_PASSWORD = 'bench-password';
/** Years of statistics: ten accepted years up to STATS_LAST_YEAR (its last year partly in progress). */
export const STATS_FIRST_YEAR = 2016;
export const STATS_LAST_YEAR = 2025;
/** Year the submission operation (C) saves drafts for. */
export const DRAFT_YEAR = 2026;
/** Years of submitted statistics the accept operation (F) consumes, one year per run and contender. */
export const ACCEPT_FIRST_YEAR = 2041;
export const ACCEPT_YEARS = 16;
/** Units per accept year (districts and offices first, then divisions): more than a run accepts. */
export const ACCEPT_UNITS = 1500;
/**
 * Unit kinds that report statistics in the generated world: the default reporting roles (the
 * administration, districts and subordinate offices; divisions and sections report nothing).
 */
const WORLD_REPORTING_KINDS = REPORTING_KINDS;

/** Sizes of the generated world. */
export interface WorldSize {
  districts: number;
  officesPerDistrict: number;
  divisionsPerDistrict: number;
  divisionsPerOffice: number;
  items: number;
}

/** The national-scale defaults of the issue: 1 + 50 + 700 + 10,000 units. */
export function nationalSize(items: number): WorldSize {
  return { districts: 50, officesPerDistrict: 14, divisionsPerDistrict: 10, divisionsPerOffice: 5, items };
}

/** What the harness needs to know about the loaded world. */
export interface WorldInfo {
  rootId: number;
  rootGlobalId: string;
  /** The district whose subtree operation A reads. */
  sampleDistrictId: number;
  sampleDistrictGlobalId: string;
  sampleDistrictPath: string;
  /** A district whose coverage has gaps and appointments ending soon, like the whole tree (statement-count check). */
  coverageDistrictGlobalId: string;
  /** Category of operation A (a standard category with sub-categories). */
  categoryId: number;
  categoryGlobalId: string;
  adminUsername: string;
  liaisons: { username: string; districtId: number; unitIds: number[] }[];
  counts: Record<string, number>;
  loadMs: number;
  phases: Record<string, number>;
}

/** mulberry32: a tiny deterministic PRNG. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real district names first (China has 42 直属海关 plus the 广东分署 offices); the rest are numbered.
const DISTRICT_NAMES = [
  '天津',
  '黄埔',
  '西宁',
  '北京',
  '上海',
  '广州',
  '深圳',
  '拱北',
  '汕头',
  '江门',
  '湛江',
  '南宁',
  '南京',
  '杭州',
  '宁波',
  '合肥',
  '福州',
  '厦门',
  '南昌',
  '青岛',
  '济南',
  '郑州',
  '武汉',
  '长沙',
  '海口',
  '重庆',
  '成都',
  '贵阳',
  '昆明',
  '拉萨',
  '西安',
  '兰州',
  '银川',
  '乌鲁木齐',
  '石家庄',
  '太原',
  '满洲里',
  '呼和浩特',
  '沈阳',
  '大连',
  '长春',
  '哈尔滨',
];
const OFFICE_SUFFIXES = [
  '新港',
  '机场',
  '港区',
  '开发区',
  '保税区',
  '邮局',
  '车站',
  '综保区',
  '口岸',
  '东区',
  '西区',
  '南区',
  '北区',
  '经济区',
  '高新区',
  '物流园',
];
const DISTRICT_DIVISIONS = ['办公室', '监察室', '政工办', '法规处', '技术处', '财务处', '通关处', '监管处', '稽查处', '缉私局', '统计处', '关税处'];
const OFFICE_DIVISIONS = ['办公室', '综合业务科', '查验科', '监管科', '稽查科', '物流监控科', '企业管理科', '关税科'];

interface UnitRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  path: string;
  depth: number;
  sortOrder: number;
}

/** The organisation tree, ids assigned in insertion order (parents first). */
export function generateUnits(size: WorldSize): UnitRow[] {
  const units: UnitRow[] = [];
  const add = (code: string, name: string, kind: string, parent: UnitRow | null, sortOrder: number): UnitRow => {
    const id = units.length + 1;
    const u: UnitRow = {
      id,
      code,
      name,
      kind,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? '/'}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      sortOrder,
    };
    units.push(u);
    return u;
  };
  const root = add('GACC', '海关总署', 'ADMINISTRATION', null, 0);
  let divisionIndex = 0;
  const addDivision = (code: string, name: string, parent: UnitRow, sortOrder: number) => {
    const d = add(code, name, 'DIVISION', parent, sortOrder);
    // Alternate two sections and one: 4,000 divisions carry 6,000 sections at national scale.
    const sections = divisionIndex++ % 2 === 0 ? 2 : 1;
    for (let s = 1; s <= sections; s++) add(`${code}-S${s}`, `${name}第${s}科`, 'SECTION', d, s);
  };
  for (let d = 1; d <= size.districts; d++) {
    const dn = DISTRICT_NAMES[d - 1] ?? `第${d}`;
    const dCode = `D${String(d).padStart(2, '0')}`;
    const district = add(dCode, `${dn}海关`, 'DISTRICT', root, d);
    for (let v = 1; v <= size.divisionsPerDistrict; v++) {
      addDivision(
        `${dCode}-V${String(v).padStart(2, '0')}`,
        `${dn}海关${DISTRICT_DIVISIONS[(v - 1) % DISTRICT_DIVISIONS.length]}${v > DISTRICT_DIVISIONS.length ? v : ''}`,
        district,
        v,
      );
    }
    for (let o = 1; o <= size.officesPerDistrict; o++) {
      const oCode = `${dCode}-O${String(o).padStart(2, '0')}`;
      const on = `${dn}${OFFICE_SUFFIXES[(o - 1) % OFFICE_SUFFIXES.length]}${o > OFFICE_SUFFIXES.length ? o : ''}海关`;
      const office = add(oCode, on, 'SUBORDINATE_OFFICE', district, 100 + o);
      for (let v = 1; v <= size.divisionsPerOffice; v++) {
        addDivision(`${oCode}-V${v}`, `${on}${OFFICE_DIVISIONS[(v - 1) % OFFICE_DIVISIONS.length]}`, office, v);
      }
    }
  }
  return units;
}

/**
 * Figures that pass the template's type checks and (apart from carry-over) its rules: random
 * leaves, then SUM totals, BALANCE targets and AT_MOST totals fixed until nothing changes.
 */
export function generateFigures(def: TemplateDefinition, rng: () => number): Record<string, number | string> {
  const f: Record<string, number | string> = {};
  const int = (max: number) => Math.floor(rng() * (max + 1));
  const sumRules = def.rules.filter((r) => r.kind === 'SUM');
  const balance = def.rules.filter((r) => r.kind === 'BALANCE');
  const derived = new Set([...sumRules.map((r) => r.total!), ...balance.map((r) => r.left![0])]);
  for (const c of def.cells) {
    if (derived.has(c.key)) continue;
    if (c.kind === 'COUNT') f[c.key] = int(rng() < 0.2 ? 60 : 6);
    else if (c.kind === 'AMOUNT') f[c.key] = int(500) / 10;
    else if (c.kind === 'RATE') f[c.key] = 90 + int(100) / 10;
    else f[c.key] = '政务公开办公室';
  }
  const num = (k: string) => (typeof f[k] === 'number' ? (f[k] as number) : undefined);
  const sum = (ks: string[]) => ks.reduce((s, k) => s + (num(k) ?? 0), 0);
  for (let pass = 0; pass < 20; pass++) {
    let changed = false;
    const set = (k: string, v: number) => {
      if (f[k] !== v) {
        f[k] = v;
        changed = true;
      }
    };
    for (const r of sumRules) if (r.parts!.every((p) => num(p) !== undefined)) set(r.total!, sum(r.parts!));
    for (const r of balance) {
      const [target, ...others] = r.left!;
      if (![...others, ...r.right!].every((k) => num(k) !== undefined)) continue;
      let v = sum(r.right!) - sum(others);
      // Too much carried over: lower it so the new requests are not negative.
      if (v < 0) {
        set(others[0], num(others[0])! + v);
        v = 0;
      }
      set(target, v);
    }
    for (const r of def.rules.filter((x) => x.kind === 'AT_MOST')) {
      const excess = sum(r.parts!) - (num(r.total!) ?? 0);
      if (excess <= 0) continue;
      // Raise the total, or the first part of the SUM that makes it.
      const feeder = sumRules.find((s) => s.total === r.total);
      const k = feeder ? feeder.parts![0] : r.total!;
      set(k, (num(k) ?? 0) + excess);
    }
    if (!changed) break;
  }
  return f;
}

const timed = async <T>(phases: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> => {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    phases[name] = Date.now() - t;
  }
};

/**
 * Loads the world into a freshly migrated database through bulk statements (multi-row INSERT …
 * SELECT FROM unnest / generate_series), never one row at a time. Secondary indexes of the item
 * table are dropped during the load and rebuilt after it, as a bulk load would.
 */
export async function loadWorld(db: Client, size: WorldSize, log: (m: string) => void): Promise<WorldInfo> {
  const started = Date.now();
  const phases: Record<string, number> = {};
  const rng = mulberry32(WORLD_SEED);
  const units = generateUnits(size);
  const byCode = new Map(units.map((u) => [u.code, u]));
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  await db.query('begin');
  // Bulk load without the aggregate triggers; the aggregates are rebuilt from the loaded rows at the end.
  await db.query(`alter table disclosure_item disable trigger item_aggregates_insert; alter table disclosure_item disable trigger item_public_count_insert;
                  alter table annual_statistics disable trigger stat_aggregates;
                  alter table org_unit disable trigger liaison_unit_inserted; alter table liaison_appointment disable trigger liaison_aggregates_insert`);
  await timed(phases, 'units', async () => {
    await db.query(
      `insert into org_unit (id, code, name, kind, parent_id, path, depth, sort_order)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[], $8::int[])`,
      [
        units.map((u) => u.id),
        units.map((u) => u.code),
        units.map((u) => u.name),
        units.map((u) => u.kind),
        units.map((u) => u.parentId),
        units.map((u) => u.path),
        units.map((u) => u.depth),
        units.map((u) => u.sortOrder),
      ],
    );
    await db.query(`select setval('org_unit_id_seq', (select max(id) from org_unit))`);
  });

  const districts = units.filter((u) => u.kind === 'DISTRICT');
  const liaisons = districts.map((d, i) => ({ username: `bench-liaison-${String(i + 1).padStart(2, '0')}`, district: d }));
  await timed(phases, 'users', async () => {
    const users = [
      { username: 'bench-admin', name: '总署管理员', unitId: 1 },
      ...liaisons.map((l) => ({ username: l.username, name: `${l.district.name}联络员`, unitId: l.district.id })),
    ];
    const { rows } = await db.query<{ id: number; username: string }>(
      `insert into app_user (username, display_name, unit_id, password_hash)
       select u, n, unit, $4 from unnest($1::text[], $2::text[], $3::int[]) as t(u, n, unit) returning id, username`,
      [users.map((u) => u.username), users.map((u) => u.name), users.map((u) => u.unitId), passwordHash],
    );
    const idOf = new Map(rows.map((r) => [r.username, r.id]));
    const grants = [
      { user: idOf.get('bench-admin')!, role: 'CENTRAL_ADMIN', unit: 1 },
      ...liaisons.map((l) => ({ user: idOf.get(l.username)!, role: 'LIAISON', unit: l.district.id })),
    ];
    await db.query(
      `insert into role_assignment (user_id, role, unit_id, cascade) select u, r, unit, true from unnest($1::int[], $2::text[], $3::int[]) as t(u, r, unit)`,
      [grants.map((g) => g.user), grants.map((g) => g.role), grants.map((g) => g.unit)],
    );
  });

  // Standard categories, parents first, ids in order.
  const cats: { id: number; code: string; name: string; description: string; parentId: number | null; defaultMode: string; levels: string; cycle: number }[] =
    [];
  for (const top of STANDARD_CATEGORIES) {
    const t = {
      id: cats.length + 1,
      code: top.code,
      name: top.name,
      description: top.description,
      parentId: null,
      defaultMode: top.defaultMode,
      levels: (top.allowedLevels ?? ['OFFICE', 'DIVISION']).join(','),
      cycle: top.reviewCycleMonths ?? 12,
    };
    cats.push(t);
    for (const c of top.children ?? []) {
      cats.push({
        id: cats.length + 1,
        code: c.code,
        name: c.name,
        description: c.description,
        parentId: t.id,
        defaultMode: c.defaultMode,
        levels: (c.allowedLevels ?? top.allowedLevels ?? ['OFFICE', 'DIVISION']).join(','),
        cycle: c.reviewCycleMonths ?? t.cycle,
      });
    }
  }
  await timed(phases, 'categories', async () => {
    await db.query(
      `insert into catalogue_category (id, code, name, description, parent_id, mandatory, default_mode, allowed_levels, review_cycle_months, sort_order)
       select id, code, name, descr, parent, true, mode, string_to_array(levels, ','), cycle, id
         from unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::int[]) as t(id, code, name, descr, parent, mode, levels, cycle)`,
      [
        cats.map((c) => c.id),
        cats.map((c) => c.code),
        cats.map((c) => c.name),
        cats.map((c) => c.description),
        cats.map((c) => c.parentId),
        cats.map((c) => c.defaultMode),
        cats.map((c) => c.levels),
        cats.map((c) => c.cycle),
      ],
    );
    await db.query(`select setval('catalogue_category_id_seq', (select max(id) from catalogue_category))`);
  });

  await timed(phases, 'items', async () => {
    const idx = await db.query<{ indexname: string; indexdef: string }>(
      `select indexname, indexdef from pg_indexes
        where tablename = 'disclosure_item' and schemaname = current_schema()
          and indexname not in (select conname from pg_constraint)`,
    );
    for (const i of idx.rows) await db.query(`drop index ${i.indexname}`);
    // Leaf categories with the item text of the seed's template for it.
    const leaves = cats.filter((c) => !cats.some((x) => x.parentId === c.id));
    const tpl = leaves.map((c) => ITEM_TEMPLATES.find((t) => t.category === c.code)!);
    // Search vectors as the application writes them (jieba in Node): the template's words, then the
    // owner unit's name where the template says {关} (title: weight A, body: B) and the item number.
    const strip = (t: string) => t.replaceAll('{关}', ' ');
    await db.query(
      `create temp table bench_cat as
       select rn::int, id, office_only, title, body, legal, channels, vec::tsvector, title like '%{关}%' as name_in_title, body like '%{关}%' as name_in_body
         from unnest($1::int[], $2::bool[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) with ordinality as t(id, office_only, title, body, legal, channels, vec, rn)`,
      [
        leaves.map((c) => c.id),
        leaves.map((c) => c.levels === 'OFFICE'),
        tpl.map((t) => t.title),
        tpl.map((t) => t.body),
        tpl.map((t) => t.legalBasis),
        tpl.map((t) => t.channels.join(',')),
        tpl.map((t) => documentVector({ A: strip(t.title), B: strip(t.body), C: t.legalBasis }) ?? ''),
      ],
    );
    await db.query(`create temp table bench_unit as select row_number() over (order by id)::int as rn, id, kind, name from org_unit where depth > 0`);
    const names = await db.query<{ id: number; name: string }>(`select id, name from bench_unit`);
    await db.query(`alter table bench_unit add column vec_a tsvector, add column vec_b tsvector`);
    await db.query(
      `update bench_unit b set vec_a = v.a::tsvector, vec_b = v.b::tsvector from unnest($1::int[], $2::text[], $3::text[]) as v(id, a, b) where b.id = v.id`,
      [names.rows.map((r) => r.id), names.rows.map((r) => documentVector({ A: r.name }) ?? ''), names.rows.map((r) => documentVector({ B: r.name }) ?? '')],
    );
    const fallback = leaves.find((c) => c.levels !== 'OFFICE')!.id;
    const nUnits = units.length - 1;
    const batch = 100_000;
    for (let start = 1; start <= size.items; start += batch) {
      const end = Math.min(size.items, start + batch - 1);
      // hashint4 spreads ids deterministically; statuses: 7 in 12 published, the rest in every other state.
      await db.query(
        `insert into disclosure_item (id, category_id, owner_unit_id, level, mode, channels, title, body, legal_basis, formed_date,
            publish_deadline, next_maintenance_date, status, review_round, version, is_public, published_at, published_version,
            pub_title, pub_body, pub_category_id, pub_legal_basis, pub_channels, created_at, updated_at, search_vector, pub_search_vector)
         select g, cat, uid, lvl, 'STANDING', ch, title, body, legal, fd, fd + 28, fd + 365, st,
                case when st = 'DRAFT' then 0 else 1 end, 1, st = 'PUBLISHED',
                case when st in ('PUBLISHED', 'RETIRED') then fd + time '09:00' + (g % 28800) * interval '1 second' end,
                case when st in ('PUBLISHED', 'RETIRED') then 1 end,
                case when st in ('PUBLISHED', 'RETIRED') then title end, case when st in ('PUBLISHED', 'RETIRED') then body end,
                case when st in ('PUBLISHED', 'RETIRED') then cat end, case when st in ('PUBLISHED', 'RETIRED') then legal end,
                case when st in ('PUBLISHED', 'RETIRED') then ch end, fd, fd,
                vec, case when st in ('PUBLISHED', 'RETIRED') then vec end
           from (select g, u.id as uid,
                        c.vec || case when c.name_in_title then u.vec_a else '' end || case when c.name_in_body then u.vec_b else '' end
                          || format('%s:1A', g)::tsvector as vec,
                        case when u.kind in ('DISTRICT', 'SUBORDINATE_OFFICE') then 'OFFICE' else 'DIVISION' end as lvl,
                        case when c.office_only and u.kind in ('DIVISION', 'SECTION') then $4::int else c.id end as cat,
                        replace(c.title, '{关}', u.name) || '（' || g || '）' as title, replace(c.body, '{关}', u.name) as body, c.legal,
                        string_to_array(c.channels, ',') as ch,
                        (date '2016-01-01' + ((2147483648 + hashint4(g + 7)) % 3650)::int) as fd,
                        (array['PUBLISHED','PUBLISHED','PUBLISHED','PUBLISHED','PUBLISHED','PUBLISHED','PUBLISHED','DRAFT','IN_REVIEW','APPROVED','RETURNED','RETIRED'])[1 + ((2147483648 + hashint4(g + 11)) % 12)::int] as st
                   from generate_series($1::int, $2::int) g
                   join bench_unit u on u.rn = 1 + ((2147483648 + hashint4(g)) % $3::int)::int
                   join bench_cat c on c.rn = 1 + ((2147483648 + hashint4(g + 3)) % $5::int)::int) x`,
        [start, end, nUnits, fallback, leaves.length],
      );
      log(`  items ${end}/${size.items}`);
    }
    await db.query(`select setval('disclosure_item_id_seq', $1)`, [size.items]);
    const t = Date.now();
    for (const i of idx.rows) await db.query(i.indexdef);
    phases.itemIndexes = Date.now() - t;
  });

  await timed(phases, 'liaisons', async () => {
    // Every required unit but about 1% has a DEPARTMENT liaison; about 1% of appointments end within 30 days.
    await db.query(
      `insert into liaison_appointment (unit_id, person_name, kind, start_date, end_date, duties, office_phone, mobile, email)
       select u.id, '联络员' || u.id, 'DEPARTMENT', date '2024-01-01',
              case when u.id % 97 = 0 then (now() at time zone 'Asia/Shanghai')::date + (u.id % 25) end,
              '负责本部门政务公开信息的报送、维护和联络', '022-' || lpad((u.id % 10000000)::text, 8, '0'), '139' || lpad(u.id::text, 8, '0'), 'liaison' || u.id || '@customs.gov.cn'
         from org_unit u where u.kind in ('DIVISION', 'SUBORDINATE_OFFICE') and u.id % 101 <> 0`,
    );
    await db.query(
      `insert into liaison_appointment (unit_id, person_name, organisation, organisation_kind, kind, start_date, duties)
       select u.id, '特邀联络员' || u.id, '进出口商会', 'TRADE_ASSOCIATION', 'INVITED', date '2024-01-01', '对关务公开工作提出意见和建议'
         from org_unit u where u.kind = 'DISTRICT'`,
    );
  });

  await timed(phases, 'statistics', async () => {
    const { rows: templates } = await db.query<{ id: number; code: string; year_from: number; year_to: number | null }>(
      `select id, code, year_from, year_to from statistics_template`,
    );
    const variants = (code: string) => {
      const def = TEMPLATE_SEEDS.find((t) => t.code === code)!.definition;
      return Array.from({ length: 32 }, () => JSON.stringify(generateFigures(def, rng)));
    };
    for (const t of templates) {
      // Supplements (CUSTOMS-SUPPLEMENT-2021) keep their cells in the main template's rows: no rows of their own.
      if (!TEMPLATE_SEEDS.some((s) => s.code === t.code)) continue;
      const from = Math.max(t.year_from, STATS_FIRST_YEAR);
      const to = Math.min(t.year_to ?? STATS_LAST_YEAR, STATS_LAST_YEAR);
      if (from > to) continue;
      // Earlier years all accepted; the last year mostly accepted, some units in every other state or missing.
      await db.query(
        `insert into annual_statistics (unit_id, year, template_id, revision, status, figures, submitted_at, accepted_at, created_at, updated_at)
         select unit_id, y, $3, 1, st, ($4::jsonb[])[1 + ((2147483648 + hashint4(unit_id * 31 + y)) % 32)::int],
                case when st <> 'DRAFT' then make_date(y + 1, 2, 1) end, case when st = 'ACCEPTED' then make_date(y + 1, 3, 1) end,
                make_date(y + 1, 1, 15), make_date(y + 1, 1, 15)
           from (select u.id as unit_id, y,
                        case when y < $6 or ((2147483648 + hashint4(u.id)) % 20)::int > 3 then 'ACCEPTED'
                             else (array['DRAFT','SUBMITTED','RETURNED','MISSING'])[1 + ((2147483648 + hashint4(u.id)) % 20)::int] end as st
                   from org_unit u cross join generate_series($1::int, $2::int) y
                  where u.kind = any($5::text[])) x
          where st <> 'MISSING'`,
        [from, to, t.id, variants(t.code), WORLD_REPORTING_KINDS, STATS_LAST_YEAR],
      );
    }
    // Submitted figures for F to accept: ACCEPT_UNITS units per year, offices first.
    const t = templates.find((x) => x.code === 'GOV-2021')!;
    await db.query(
      `insert into annual_statistics (unit_id, year, template_id, revision, status, figures, submitted_at, created_at, updated_at)
       select u.id, y, $3, 1, 'SUBMITTED', ($4::jsonb[])[1 + ((2147483648 + hashint4(u.id * 31 + y)) % 32)::int], now(), now(), now()
         from (select id from org_unit where kind <> 'ADMINISTRATION' order by depth, id limit $5) u cross join generate_series($1::int, $2::int) y`,
      [ACCEPT_FIRST_YEAR, ACCEPT_FIRST_YEAR + ACCEPT_YEARS - 1, t.id, variants(t.code), ACCEPT_UNITS],
    );
  });
  await db.query(`alter table disclosure_item enable trigger item_aggregates_insert; alter table disclosure_item enable trigger item_public_count_insert;
                  alter table annual_statistics enable trigger stat_aggregates;
                  alter table org_unit enable trigger liaison_unit_inserted; alter table liaison_appointment enable trigger liaison_aggregates_insert`);
  await timed(phases, 'aggregates', async () => {
    await db.query('select rebuild_stat_aggregates()');
    await db.query('select rebuild_item_aggregates()');
    await db.query('select rebuild_item_public_count()');
    // As the daily fold-item-due job leaves a database in service.
    await db.query(`select fold_item_due($1::date)`, [addDays(todayInChina(), -ITEM_DUE_DAYS_KEPT)]);
    await db.query('select rebuild_liaison_aggregates()');
  });
  await db.query('commit');
  // Vacuum as well as analyse: a freshly loaded table has an empty visibility map, so every
  // "index-only" scan still reads the heap until autovacuum gets round to it (right after loading
  // 1,000,000 items it had not: relallvisible 0, and a public page read ~11,600 heap rows). A
  // database in service is vacuumed; so is the world, for every contender alike.
  await timed(phases, 'vacuumAnalyze', async () => {
    await db.query('vacuum (analyze)');
  });

  const { rows: countRows } = await db.query<{ t: string; n: string }>(
    `select 'org_unit' t, count(*) n from org_unit union all select 'disclosure_item', count(*) from disclosure_item
     union all select 'published_items', count(*) from disclosure_item where is_public
     union all select 'liaison_appointment', count(*) from liaison_appointment union all select 'annual_statistics', count(*) from annual_statistics
     union all select 'app_user', count(*) from app_user union all select 'catalogue_category', count(*) from catalogue_category`,
  );
  const sample = byCode.get('D01')!;
  const category = cats.find((c) => c.code === 'C2')!;
  // Mirrors the liaison rules above: no liaison when id % 101 = 0, ending soon when id % 97 = 0.
  const required = (u: UnitRow) => u.kind === 'DIVISION' || u.kind === 'SUBORDINATE_OFFICE';
  const coverageDistrict =
    districts.find((d) => {
      const sub = units.filter((u) => u.path.startsWith(d.path) && required(u));
      return sub.some((u) => u.id % 101 === 0) && sub.some((u) => u.id % 97 === 0 && u.id % 101 !== 0);
    }) ?? sample;
  const subtreeIds = (root: UnitRow) => units.filter((u) => u.path.startsWith(root.path) && WORLD_REPORTING_KINDS.includes(u.kind)).map((u) => u.id);
  return {
    rootId: 1,
    rootGlobalId: toGlobalId('OrgUnit', 1),
    sampleDistrictId: sample.id,
    sampleDistrictGlobalId: toGlobalId('OrgUnit', sample.id),
    sampleDistrictPath: sample.path,
    coverageDistrictGlobalId: toGlobalId('OrgUnit', coverageDistrict.id),
    categoryId: category.id,
    categoryGlobalId: toGlobalId('CatalogueCategory', category.id),
    adminUsername: 'bench-admin',
    liaisons: liaisons.map((l) => ({ username: l.username, districtId: l.district.id, unitIds: subtreeIds(l.district) })),
    counts: Object.fromEntries(countRows.map((r) => [r.t, Number(r.n)])),
    loadMs: Date.now() - started,
    phases,
  };
}
