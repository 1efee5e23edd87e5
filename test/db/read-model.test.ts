import { readModels } from '../../src/db/read-model';
import { CatalogueCategory, DisclosureItem } from '../../src/modules/catalogue';
import { OrgUnit, PublishingLevel } from '../../src/modules/organisation';
import { TestApp } from '../helpers/app';

let app: TestApp;
beforeAll(async () => {
  app = await TestApp.create();
});
afterAll(() => app.close());

/** Scalar properties and reference ids of an object, for comparing a read model with an entity. */
function shape(meta: { props: { name: string; kind: string; persist?: boolean }[] }, obj: Record<string, any>) {
  const out: Record<string, unknown> = {};
  for (const p of meta.props) {
    if (p.persist === false) continue;
    const v = obj[p.name];
    if (p.kind === 'm:1' || p.kind === '1:1') out[p.name] = v == null ? (v ?? null) : v.id;
    else if (p.kind === 'scalar') out[p.name] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

describe('read models', () => {
  it.each([
    ['disclosure_item', DisclosureItem],
    ['org_unit', OrgUnit],
    ['catalogue_category', CatalogueCategory],
  ])('map every %s row to the same values as em.map, as an instance of the entity class', async (table, entity) => {
    const em = app.em();
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(`select * from ${table} order by id`);
    expect(rows.length).toBeGreaterThan(5);
    const models = readModels(
      em,
      entity as never,
      rows.map((r) => ({ ...r })),
    );
    // Nothing entered the identity map through the read models.
    expect(em.getUnitOfWork().getIdentityMap().values()).toHaveLength(0);
    const meta = em.getMetadata().get((entity as { name: string }).name) as never;
    rows.forEach((row, i) => {
      const managed = em.map(entity as never, { ...row }) as Record<string, unknown>;
      expect(models[i]).toBeInstanceOf(entity);
      expect(shape(meta, models[i] as Record<string, unknown>)).toEqual(shape(meta, managed));
    });
  });

  it('reads disclosure items that came through to_jsonb like the raw rows', async () => {
    const em = app.em();
    const raw = await em.getConnection().execute<Record<string, unknown>[]>(`select * from disclosure_item order by id`);
    const json = await em.getConnection().execute<{ j: Record<string, unknown> }[]>(`select to_jsonb(i) as j from disclosure_item i order by id`);
    const meta = em.getMetadata().get('DisclosureItem') as never;
    const a = readModels(em, DisclosureItem, raw);
    const b = readModels(
      em,
      DisclosureItem,
      json.map((r) => r.j),
    );
    expect(b.map((m) => shape(meta, m as never))).toEqual(a.map((m) => shape(meta, m as never)));
    expect(b.some((m) => m.publishedAt instanceof Date)).toBe(true);
  });

  it('keeps the class getters and reads rows that came through to_jsonb', async () => {
    const em = app.em();
    const [row] = await em.getConnection().execute<{ j: Record<string, unknown> }[]>(`select to_jsonb(u) as j from org_unit u where code = 'TJ-BGS'`);
    const [unit] = readModels(em, OrgUnit, [row.j]);
    expect(unit.level).toBe(PublishingLevel.DIVISION);
    expect(unit.createdAt).toBeInstanceOf(Date);
    expect(unit.parent?.id).toBeGreaterThan(0);
  });
});
