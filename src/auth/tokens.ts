import { createSecretKey, type KeyObject } from 'node:crypto';
import { jwtVerify, SignJWT, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';

const ISSUER = 'disclosure-federation';
const AUDIENCE = 'disclosure-federation-api';

/** How many verified tokens are remembered (about 200 bytes each). */
const VERIFIED_TOKENS = 10_000;

/** Signs and verifies the bearer tokens returned by `login`. */
export class TokenService {
  private readonly key: KeyObject;
  /**
   * Tokens already verified, with their user id, each until its own expiry. Every authenticated
   * request presents a token, and most present one seen before: checking the HMAC, decoding and
   * validating the claims again cost about 0.1 ms of CPU a request. A token is a signed, immutable
   * string, so the same string verifies the same way until it expires; the expiry is checked on
   * every read (`ttl`, with no stale reads). Failures are never remembered. Whether the user is
   * still active and what they may do is not part of this: the principal is checked per request.
   */
  private readonly verified = new LRUCache<string, number>({ max: VERIFIED_TOKENS, allowStale: false });
  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  /** Issues a signed HS256 JWT for a user. */
  async issue(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const exp = now + this.ttlSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(String(userId))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, expiresAt: new Date(exp * 1000) };
  }

  /** Returns the user id of a valid token, or null for any invalid, forged or expired one. */
  async verify(token: string): Promise<number | null> {
    const known = this.verified.get(token);
    if (known !== undefined) return known;
    try {
      const { payload } = await jwtVerify(token, this.key, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp'] });
      const id = Number(payload.sub);
      if (!Number.isSafeInteger(id) || id <= 0) return null;
      // jwtVerify has checked that `exp` is there and in the future; the token is remembered until then.
      const ttl = payload.exp! * 1000 - Date.now();
      if (ttl > 0) this.verified.set(token, id, { ttl });
      return id;
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) return null;
      throw err;
    }
  }
}
