import { ValidationError } from './errors';

/** Encodes an opaque Relay global id for a row of a GraphQL type. */
export function toGlobalId(type: string, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** Decodes a global id; throws BAD_USER_INPUT naming `field` when it is malformed. */
export function fromGlobalId(globalId: string, field = 'id'): { type: string; id: string } {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const sep = decoded.indexOf(':');
  if (sep <= 0 || sep === decoded.length - 1 || toGlobalId(decoded.slice(0, sep), decoded.slice(sep + 1)) !== globalId) {
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
