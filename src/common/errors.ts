import { GraphQLError } from 'graphql';

/** One failing input field and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** Base for the errors we show to clients; anything else is masked. */
export abstract class PublicError extends GraphQLError {
  abstract readonly code: string;
}

/** The caller is not logged in, or its token is invalid or expired. */
export class UnauthenticatedError extends PublicError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Authentication required') {
    super(message, { extensions: { code: 'UNAUTHENTICATED' } });
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends PublicError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'Not allowed') {
    super(message, { extensions: { code: 'FORBIDDEN' } });
  }
}

/** The row does not exist, or is outside the caller's scope (the two look the same). */
export class NotFoundError extends PublicError {
  readonly code = 'NOT_FOUND';
  constructor(what: string) {
    super(`${what} not found`, { extensions: { code: 'NOT_FOUND' } });
  }
}

/** Bad input; names every failing field. */
export class ValidationError extends PublicError {
  readonly code = 'BAD_USER_INPUT';
  constructor(public readonly problems: FieldProblem[]) {
    super(`Invalid input: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, { extensions: { code: 'BAD_USER_INPUT', fields: problems } });
  }
  /** Shorthand for a single failing field. */
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

/** A concurrent change or a uniqueness clash; nothing was written. */
export class ConflictError extends PublicError {
  readonly code = 'CONFLICT';
  constructor(message: string) {
    super(message, { extensions: { code: 'CONFLICT' } });
  }
}

/**
 * The input is well-formed but the object's state does not allow the action now (a workflow step
 * out of order, a missing review). The message names what is missing; BAD_USER_INPUT stays for
 * malformed input.
 */
export class FailedPreconditionError extends PublicError {
  readonly code = 'FAILED_PRECONDITION';
  constructor(message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code: 'FAILED_PRECONDITION' } });
  }
}

/** Collects problems and throws them all at once. */
export class ProblemList {
  private readonly items: FieldProblem[] = [];
  add(field: string, message: string): this {
    this.items.push({ field, message });
    return this;
  }
  check(condition: boolean, field: string, message: string): this {
    if (!condition) this.add(field, message);
    return this;
  }
  get problems(): readonly FieldProblem[] {
    return this.items;
  }
  throwIfAny(): void {
    if (this.items.length) throw new ValidationError([...this.items]);
  }
}

/** Too many attempts (failed logins); `retryAfterSeconds` says when to try again. HTTP 429. */
export class TooManyRequestsError extends PublicError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(message: string, retryAfterSeconds: number) {
    super(message, {
      extensions: {
        code: 'TOO_MANY_REQUESTS',
        retryAfterSeconds,
        // Apollo applies `http` to the response (a Map of headers, as its HeaderMap is) and drops it from the error.
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}
