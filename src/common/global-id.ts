import { ValidationError } from './errors';

const encode = (type: string, id: number | string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
const encoded = new Map<string, Map<number | string, string>>();
const ENCODED_PER_TYPE = 50_000;

/**
 * Encodes an opaque Relay global id for a row of a GraphQL type. A page of 50 items encodes about
 * 200 ids, mostly the same units and categories again: encodings are remembered per type (they
 * never change), at most 50,000 per type, forgotten all at once beyond that. Only the server's
 * own calls are remembered: decoding a client's id checks it without caching anything.
 */
export function toGlobalId(type: string, id: number | string): string {
  let byId = encoded.get(type);
  if (!byId) encoded.set(type, (byId = new Map()));
  let gid = byId.get(id);
  if (gid === undefined) {
    if (byId.size >= ENCODED_PER_TYPE) byId.clear();
    gid = encode(type, id);
    byId.set(id, gid);
  }
  return gid;
}

/** `toGlobalId` in SQL, over an id expression (base64url without padding, as Buffer's). */
export function globalIdSql(type: string, idSql: string): string {
  if (!/^[A-Za-z]+$/.test(type)) throw new Error(`not a type name: ${type}`);
  return `translate(rtrim(encode(convert_to('${type}:' || (${idSql})::text, 'UTF8'), 'base64'), '='), '+/', '-_')`;
}

/** Decodes a global id; throws BAD_USER_INPUT naming `field` when it is malformed. */
export function fromGlobalId(globalId: string, field = 'id'): { type: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0 || sep === decoded.length - 1 || encode(decoded.slice(0, sep), decoded.slice(sep + 1)) !== globalId) {
    throw ValidationError.field(field, 'is not a valid id');
  }
  return { type: decoded.slice(0, sep), id: decoded.slice(sep + 1) };
}

/** Decodes a global id that must be of `type` and carry an integer key. */
export function decodeIntId(globalId: string, type: string, field = 'id'): number {
  const { type: actual, id } = fromGlobalId(globalId, field);
  const n = Number(id);
  if (actual !== type || !Number.isSafeInteger(n) || n <= 0) {
    throw ValidationError.field(field, `is not a valid ${type} id`);
  }
  return n;
}
