import { Cursor, EntityManager, FilterQuery, FindByCursorOptions, QueryOrderMap } from '@mikro-orm/core';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { ArgsType, ClassType, Field, ID, InterfaceType, Int, ObjectType } from 'type-graphql';
import { ProblemList, ValidationError } from './errors';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** Every globally fetchable object. */
@InterfaceType({ description: 'An object with an opaque global id, fetchable with node(id:).' })
export abstract class Node {
  @Field(() => ID)
  id!: string;
}

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => Boolean) hasPreviousPage!: boolean;
  @Field(() => String, { nullable: true }) startCursor!: string | null;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

/** Forward pagination arguments shared by every list. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size, 1–${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge of the previous page.' })
  after?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** Builds the Connection and Edge object types for a node type. */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => String) cursor!: string;
    @Field(() => nodeType) node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} rows.` })
  class ConnectionClass {
    @Field(() => [EdgeType]) edges!: EdgeType[];
    @Field(() => [nodeType], { description: 'The nodes of the edges, for clients that need no cursors.' }) nodes!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
    @Field(() => Int, { description: 'Rows matching the filter, across all pages.' }) totalCount!: number;
  }
  return { Connection: ConnectionClass, Edge: EdgeType };
}

/**
 * Checks `first` and `after`, returning the page size; every problem is named. `after` must be
 * a keyset cursor with one value per sort key, each a value the key's column can hold
 * (`keyTypes`: the MikroORM property types of the sort keys): a forged or truncated cursor is
 * BAD_USER_INPUT here, never an SQL error later.
 */
export function checkPageArgs(args: PageArgs, sortKeys: number | string[]): { first: number; after?: string } {
  const problems = new ProblemList();
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  problems.check(Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE, 'first', `must be between 1 and ${MAX_PAGE_SIZE}`);
  if (args.after != null) {
    const keyTypes = typeof sortKeys === 'number' ? Array<string>(sortKeys).fill('') : sortKeys;
    let ok = false;
    try {
      const decoded: unknown = Cursor.decode(args.after);
      ok = Array.isArray(decoded) && decoded.length === keyTypes.length && decoded.every((v, i) => fitsColumn(v, keyTypes[i]));
    } catch {
      ok = false;
    }
    problems.check(ok, 'after', 'is not a valid cursor');
  }
  problems.throwIfAny();
  return { first, after: args.after ?? undefined };
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  integer: [-2_147_483_648n, 2_147_483_647n],
  number: [-2_147_483_648n, 2_147_483_647n],
  bigint: [-9_223_372_036_854_775_808n, 9_223_372_036_854_775_807n],
};

/** Can a cursor value be compared with a column of this MikroORM type ('' = any scalar)? */
function fitsColumn(value: unknown, type: string): boolean {
  const range = INT_RANGE[type.toLowerCase()];
  if (range) {
    const digits = typeof value === 'number' ? (Number.isSafeInteger(value) ? String(value) : null) : typeof value === 'string' ? value : null;
    return digits !== null && /^-?(0|[1-9][0-9]{0,18})$/.test(digits) && BigInt(digits) >= range[0] && BigInt(digits) <= range[1];
  }
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  if (typeof value === 'string') return !value.includes('\u0000');
  return (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

/** Keyset pagination over an entity, with totalCount; two SQL statements. */
export async function paginate<T extends object>(
  em: EntityManager,
  entity: ClassType<T>,
  where: FilterQuery<T>,
  args: PageArgs,
  orderBy: QueryOrderMap<T>,
  options: Omit<FindByCursorOptions<T, never>, 'first' | 'after' | 'orderBy'> = {},
): Promise<Connection<T>> {
  const meta = em.getMetadata().get(entity.name);
  const keyTypes = Object.keys(orderBy).map((key) => String((meta.properties as Record<string, { type?: string }>)[key]?.type ?? ''));
  const { first, after } = checkPageArgs(args, keyTypes);
  let cursor: Cursor<T, never>;
  try {
    cursor = await em.findByCursor(entity, where, { ...options, first, after, orderBy } as FindByCursorOptions<T, never>);
  } catch (err) {
    if (after && err instanceof Error && /cursor/i.test(err.message)) throw ValidationError.field('after', 'is not a valid cursor');
    throw err;
  }
  return toConnection(cursor.items, cursor.totalCount ?? cursor.items.length, cursor.hasNextPage, !!after, (item) => cursor.from(item));
}

/**
 * Shapes rows into a Relay connection. The edges and page info (a cursor per row) are made when
 * first read: most pages select `nodes` only, and encoding fifty cursors nobody reads was a few
 * percent of a public page's Node time.
 */
export function toConnection<T>(
  items: T[],
  totalCount: number,
  hasNextPage: boolean,
  hasPreviousPage: boolean,
  cursorOf: (item: T, index: number) => string,
): Connection<T> {
  let edges: { node: T; cursor: string }[] | undefined;
  const edgesOf = () => (edges ??= items.map((node, i) => ({ node, cursor: cursorOf(node, i) })));
  return {
    get edges() {
      return edgesOf();
    },
    nodes: items,
    totalCount,
    get pageInfo() {
      const all = edgesOf();
      return { hasNextPage, hasPreviousPage, startCursor: all[0]?.cursor ?? null, endCursor: all[all.length - 1]?.cursor ?? null };
    },
  };
}

/** An offset cursor (`o:<n>`, base64url): the position after an edge, for lists paged by offset. */
export function encodeOffsetCursor(n: number): string {
  return Buffer.from(`o:${n}`).toString('base64url');
}

/** The offset an `after` cursor from `encodeOffsetCursor` points at (0 without one); BAD_USER_INPUT on anything else. */
export function decodeOffsetCursor(cursor?: string | null): number {
  if (cursor == null) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw ValidationError.field('after', 'is not a valid cursor');
  return Number(m[1]);
}

/**
 * Whether the query selects `name` on the field being resolved (directly or through fragments), so
 * a list computes what costs extra (its totalCount) only when asked for.
 */
export function selectsField(info: GraphQLResolveInfo, name: string): boolean {
  const visit = (set: SelectionSetNode | undefined): boolean =>
    !!set &&
    set.selections.some((s) =>
      s.kind === Kind.FIELD
        ? s.name.value === name
        : s.kind === Kind.INLINE_FRAGMENT
          ? visit(s.selectionSet)
          : visit(info.fragments[s.name.value]?.selectionSet),
    );
  return info.fieldNodes.some((f) => visit(f.selectionSet));
}
