import { msg, PublicError, type Text } from './errors';

/** Seconds a client is told to wait before trying again. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database cannot be reached or did not answer in time. Says nothing about why: addresses,
 * ports and driver messages stay in the log.
 */
export class ServiceUnavailableError extends PublicError {
  readonly code = 'SERVICE_UNAVAILABLE';
  constructor(message: Text = msg('transport.unavailable')) {
    super(message, { code: 'SERVICE_UNAVAILABLE' });
  }
}

/** The request's deadline passed before it finished; whatever it was writing is rolled back. */
export class RequestDeadlineError extends Error {
  constructor() {
    super('the request deadline passed');
    this.name = 'RequestDeadlineError';
  }
}

/** PostgreSQL error classes and codes that mean "not now" rather than "wrong". */
const UNAVAILABLE_SQLSTATES = new Set([
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
  '55P03', // lock_not_available
  '57P01',
  '57P02',
  '57P03', // admin shutdown, crash shutdown, cannot connect now
  '53300', // too_many_connections
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout expired|Timeout acquiring a connection|Client has encountered a connection error|Connection ended/i;

/**
 * Does this error (or what it wraps) say the database is down, unreachable or too slow? Follows
 * `originalError` (GraphQL), `cause` and `previous` (MikroORM keeps the driver's error's fields).
 */
export function isUnavailable(err: unknown): boolean {
  for (let e = err as Record<string, unknown> | undefined, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    if (e instanceof ServiceUnavailableError || e instanceof RequestDeadlineError) return true;
    if (e.name === 'KnexTimeoutError') return true;
    const code = typeof e.code === 'string' ? e.code : '';
    if (UNAVAILABLE_SOCKET_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08')) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.originalError ?? e.cause ?? e.previous) as Record<string, unknown> | undefined;
  }
  return false;
}

/** A request's deadline: `passed` turns true when it expires (a plain flag, checked before commit). */
export interface Deadline {
  passed: boolean;
}

/**
 * The deadline of the request each EntityManager fork belongs to. Kept beside the fork rather
 * than in an AsyncLocalStorage: entering a storage on every request cost measurable CPU (promise
 * hooks on every promise), and every transaction of a request starts from the request's fork.
 */
const deadlines = new WeakMap<object, Deadline>();

/** Ties a request's EntityManager fork to the request's deadline. */
export function setDeadline(em: object, deadline: Deadline): void {
  deadlines.set(em, deadline);
}

/** Throws RequestDeadlineError when the deadline of the request `em` belongs to has passed. */
export function throwIfDeadlinePassed(em: object): void {
  if (deadlines.get(em)?.passed) throw new RequestDeadlineError();
}
