import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Crockford's base32 without I, L, O, U: nothing to misread on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A tracking number for something the public filed on `receivedOn`: a prefix (ZW for contact
 * cases, YS for disclosure requests), the year and ten random base32 characters (50 bits).
 */
export function newTrackingNumber(receivedOn: string, prefix = 'ZW'): string {
  const bytes = randomBytes(10);
  let s = '';
  for (const b of bytes) s += ALPHABET[b & 31];
  return `${prefix}${receivedOn.slice(0, 4)}-${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A secret for the reporter (144 random bits); only its hash is stored. */
export function newSecret(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * SHA-256 of a secret, hex. The secret is random and long, so a fast unsalted hash is enough: there
 * is no dictionary to try, unlike a password.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Does `secret` match the stored hash? (constant time) */
export function secretMatches(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
