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

const INT4_MAX = 2_147_483_647n;
const INT8_MAX = 9_223_372_036_854_775_807n;

/**
 * The key of a global id as a canonical positive decimal no larger than `max`, or null. Only
 * the digits the server itself writes are accepted: no sign, space, leading zero, exponent or
 * `0x` prefix (which `Number()` would read), nothing beyond the key column's range.
 */
function canonicalKey(id: string, max: bigint): string | null {
  return /^[1-9][0-9]{0,18}$/.test(id) && BigInt(id) <= max ? id : null;
}

/** Decodes a global id that must be of `type` and carry an integer (int4, serial) key. */
export function decodeIntId(globalId: string, type: string, field = 'id'): number {
  const { type: actual, id } = fromGlobalId(globalId, field);
  const key = actual === type ? canonicalKey(id, INT4_MAX) : null;
  if (key === null) throw ValidationError.field(field, `is not a valid ${type} id`);
  return Number(key);
}

/** Decodes a global id that must be of `type` and carry a bigint (int8, bigserial) key, as a string. */
export function decodeBigIntId(globalId: string, type: string, field = 'id'): string {
  const { type: actual, id } = fromGlobalId(globalId, field);
  const key = actual === type ? canonicalKey(id, INT8_MAX) : null;
  if (key === null) throw ValidationError.field(field, `is not a valid ${type} id`);
  return key;
}
