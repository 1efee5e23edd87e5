import type { EntityManager } from '@mikro-orm/postgresql';
import { consumePublicLimit, type PublicLimit } from '../../common/public-limiter';

/** Public submissions per client address per hour. */
export const SUBMISSIONS_PER_HOUR = 5;
/** Public case look-ups (tracking number + secret) per client address per hour. */
export const LOOKUPS_PER_HOUR = 60;

const LIMITS: Record<'submit' | 'lookup', PublicLimit> = {
  submit: { keyPrefix: 'contact-submit', points: SUBMISSIONS_PER_HOUR },
  lookup: { keyPrefix: 'contact-lookup', points: LOOKUPS_PER_HOUR },
};

/** Takes one point of the contact module's `kind` allowance for the client address, or throws TOO_MANY_REQUESTS (src/common/public-limiter.ts). */
export function consumePublicPoint(em: EntityManager, kind: keyof typeof LIMITS, clientAddress: string | undefined): Promise<void> {
  return consumePublicLimit(em, LIMITS[kind], clientAddress);
}
