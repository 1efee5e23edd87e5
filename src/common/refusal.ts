import { FailedPreconditionError, ForbiddenError, type Msg } from './errors';

/**
 * Why an action may not be done now, or null when it may. A policy's `can…` function returns one;
 * the mutation throws it (`enforce`) and `viewerCan` shows its absence as `true`, so the button a
 * front-end shows and the rule the mutation applies are one definition.
 */
export type Refusal = { code: 'FORBIDDEN'; message: Msg } | { code: 'FAILED_PRECONDITION'; message: Msg } | null;

/** The caller lacks the role, scope or independence the action needs. */
export function forbidden(message: Msg): Refusal {
  return { code: 'FORBIDDEN', message };
}

/** The object's state does not allow the action now; the message names what is missing. */
export function precondition(message: Msg): Refusal {
  return { code: 'FAILED_PRECONDITION', message };
}

/** The first refusal of several checks, in order (null when none refuses). */
export function firstRefusal(...checks: (() => Refusal)[]): Refusal {
  for (const check of checks) {
    const r = check();
    if (r) return r;
  }
  return null;
}

/** Throws a refusal as its typed error (FORBIDDEN or FAILED_PRECONDITION). */
export function enforce(refusal: Refusal): void {
  if (!refusal) return;
  throw refusal.code === 'FORBIDDEN' ? new ForbiddenError(refusal.message) : new FailedPreconditionError(refusal.message);
}
