import DataLoader from 'dataloader';
import { ReferenceKind, type EntityMetadata, type MetadataStorage, type Platform } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ident, join, nameLiteral, sql, type Sql } from './sql';

/**
 * Read models: rows of an entity's table turned into plain, unmanaged objects for GraphQL reads.
 *
 * `em.map` hydrates a managed entity per row (identity map, per-instance accessors, change
 * tracking): about 100 µs a row, which dominated a 50-row public page. A read model costs a
 * property copy. It is still `instanceof` the entity class (so type resolution of interfaces
 * works) and keeps the class's own getters (e.g. `OrgUnit.level`), but MikroORM's accessors are
 * shadowed by plain fields and a many-to-one relation is a `{ id }` stand-in for its reference.
 *
 * Read models are never flushed: services that change rows load them through the EntityManager.
 */

interface Column {
  field: string;
  prop: string;
  kind: 'plain' | 'date' | 'custom' | 'ref' | 'boolean';
  convert?: (value: unknown) => unknown;
}

interface Mapper {
  proto: object;
  columns: Column[];
  /** Builds one read model from a row: compiled once per entity (see `compile`). */
  build: (row: Record<string, unknown>) => object;
}

/** The prototype and column plan of an entity's read model (`mapperOf` keeps one per entity). */
function mapperFor(meta: EntityMetadata, platform: Platform): Mapper {
  const shadow: PropertyDescriptorMap = {};
  // MikroORM defines these on the entity prototype; plain writable fields in between make
  // assignments land on the instance instead of running MikroORM's setters.
  for (const key of [...Object.keys(meta.properties), '__helper', '__meta', '__platform', '__factory', '__config', 'toJSON']) {
    shadow[key] = { value: undefined, writable: true, enumerable: false, configurable: true };
  }
  const proto = Object.create(meta.class.prototype, shadow) as object;
  const columns: Column[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || !prop.fieldNames || prop.fieldNames.length !== 1) continue;
    const field = prop.fieldNames[0];
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      if (prop.owner === false) continue;
      columns.push({ field, prop: prop.name, kind: 'ref' });
    } else if (prop.kind !== ReferenceKind.SCALAR) {
      continue;
    } else if (prop.customType) {
      const type = prop.customType;
      columns.push({ field, prop: prop.name, kind: 'custom', convert: (v) => type.convertToJSValue(v, platform) });
    } else if (prop.runtimeType === 'Date') {
      columns.push({ field, prop: prop.name, kind: 'date' });
    } else if (prop.runtimeType === 'boolean') {
      columns.push({ field, prop: prop.name, kind: 'boolean' });
    } else {
      columns.push({ field, prop: prop.name, kind: 'plain' });
    }
  }
  return { proto, columns, build: compile(proto, columns) };
}

/**
 * Compiles the column plan into a constructor that assigns every property in the same order, so all
 * read models of an entity share one hidden class and each row costs straight-line code. Copying
 * through a loop over the plan (a switch per column, properties added one by one) was 8% of the
 * server's CPU on the public page (about 130 models a page). Field and property names come from
 * entity metadata and are embedded as JSON string literals.
 */
function compile(proto: object, columns: Column[]): (row: Record<string, unknown>) => object {
  const lines = columns.map((c, i) => {
    const from = `row[${JSON.stringify(c.field)}]`;
    const to = `this[${JSON.stringify(c.prop)}]`;
    switch (c.kind) {
      case 'ref':
        return `v = ${from}; ${to} = v == null ? v : { id: v };`;
      case 'date':
        return `v = ${from}; ${to} = v == null || v instanceof Date ? v : new Date(v);`;
      case 'boolean':
        return `v = ${from}; ${to} = v == null ? v : !!v;`;
      case 'custom':
        return `v = ${from}; ${to} = v == null ? v : convert[${i}](v);`;
      default:
        return `${to} = ${from};`;
    }
  });
  const convert = columns.map((c) => c.convert);
  const ReadModel = new Function('convert', `return function ReadModel(row) { let v; ${lines.join(' ')} };`)(convert) as {
    new (row: Record<string, unknown>): object;
    prototype: object;
  };
  ReadModel.prototype = proto;
  return (row) => new ReadModel(row);
}

/** The mapper of `entity` in `em`'s metadata (looked up once per metadata storage and entity). */
const byEntity = new WeakMap<MetadataStorage, Map<Function, Mapper>>();
function mapperOf(em: EntityManager, entity: Function): Mapper {
  const metadata: MetadataStorage = em.getMetadata();
  let forStorage = byEntity.get(metadata);
  if (!forStorage) byEntity.set(metadata, (forStorage = new Map()));
  let mapper = forStorage.get(entity);
  if (!mapper) forStorage.set(entity, (mapper = mapperFor(metadata.get(entity.name), em.getPlatform())));
  return mapper;
}

/**
 * SQL for one JSON object of a row of `entity`'s table over `relation`: every single-column
 * property's column (by column name, as read models take them) that `keep` accepts, then the
 * `extra` keys with their SQL expressions. Statements
 * that hand rows to `readModel(s)` this way leave out what they need not send.
 */
export function rowJsonSql(
  em: EntityManager,
  entity: Function,
  relation: string,
  keep: (column: string) => boolean = () => true,
  extra: Record<string, Sql> = {},
): Sql {
  const columns = em
    .getMetadata()
    .get(entity.name)
    .props.filter((p) => p.persist !== false && p.fieldNames?.length === 1 && keep(p.fieldNames[0]))
    .map((p) => sql`${nameLiteral(p.fieldNames[0])}, ${ident(relation, p.fieldNames[0])}`);
  const pairs = [...columns, ...Object.entries(extra).map(([key, expr]) => sql`${nameLiteral(key)}, ${expr}`)];
  return sql`json_build_object(${join(pairs, ', ')})`;
}

/** Maps raw rows of `entity`'s table to read models (see the module comment). */
export function readModels<T extends object>(em: EntityManager, entity: new (...args: never[]) => T, rows: Record<string, unknown>[]): T[] {
  const { build } = mapperOf(em, entity);
  return rows.map((r) => build(r) as T);
}

/** Maps one raw row to a read model. */
export function readModel<T extends object>(em: EntityManager, entity: new (...args: never[]) => T, row: Record<string, unknown>): T {
  return mapperOf(em, entity).build(row) as T;
}

/**
 * A per-request loader of read models by id that remembers what the request has already read:
 * `get` answers a known id without a promise (so graphql-js completes rows synchronously), and
 * `primeRows` takes raw rows another statement brought along (nulls and known ids are skipped).
 * Every model a batch returns is remembered and primed, extra rows (e.g. ancestors) included.
 */
export class ReadModelLoader<T extends { id: number }> {
  private readonly known = new Map<number, T>();
  readonly loader: DataLoader<number, T | null>;

  constructor(
    private readonly ctx: { em: EntityManager },
    private readonly entity: new (...args: never[]) => T,
    fetch: (ids: readonly number[]) => Promise<Record<string, unknown>[]>,
  ) {
    this.loader = new DataLoader(async (ids) => {
      const models = readModels(this.ctx.em, entity, await fetch(ids));
      for (const m of models) this.remember(m);
      return ids.map((id) => this.known.get(id) ?? null);
    });
  }

  /** The model itself when this request has read it, else a batched load. */
  get(id: number): T | Promise<T | null> {
    return this.known.get(id) ?? this.loader.load(id);
  }

  /** Remembers and primes models from raw rows read by another statement. */
  primeRows(rows: unknown[]): void {
    for (const row of rows) {
      if (row && typeof row === 'object' && !this.known.has((row as { id: number }).id)) {
        this.remember(readModel(this.ctx.em, this.entity, row as Record<string, unknown>));
      }
    }
  }

  private remember(model: T): void {
    this.known.set(model.id, model);
    this.loader.prime(model.id, model);
  }
}
