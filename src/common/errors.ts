import { GraphQLError } from 'graphql';
import { defaultMessage, type MessageParams, type Translate } from '../i18n';

/**
 * A user-facing text: a catalogue key with its parameters (src/i18n), or a plain string not yet
 * moved into the catalogue. Keyed texts are rendered in Chinese when thrown and re-rendered in the
 * request's locale before the response is sent (src/graphql/plugins.ts `localizeErrors`).
 */
export type Text = string | Msg;

/** A catalogue key and its parameters. */
export interface Msg {
  key: string;
  params?: MessageParams;
}

/** A catalogue message: `msg('catalogue.publishNeedsSecrecy')`. */
export function msg(key: string, params?: MessageParams): Msg {
  return { key, params };
}

function renderText(text: Text, t?: Translate): string {
  if (typeof text === 'string') return text;
  return t ? t(text.key, text.params) : defaultMessage(text.key, text.params);
}

function keyOf(text: Text): string | undefined {
  return typeof text === 'string' ? undefined : text.key;
}

/** One failing input field and why (`messageKey` when the reason comes from the catalogue). */
export interface FieldProblem {
  field: string;
  message: string;
  messageKey?: string;
}

/** Base for the errors we show to clients; anything else is masked. */
export abstract class PublicError extends GraphQLError {
  abstract readonly code: string;
  /** The text the message was rendered from, to render it again in another locale. */
  protected text?: Text;

  protected constructor(text: Text, extensions: Record<string, unknown>) {
    const key = keyOf(text);
    super(renderText(text), { extensions: key ? { ...extensions, messageKey: key } : extensions });
    this.text = text;
  }

  /** The message in the locale of `t` (unchanged when it is not from the catalogue). */
  localize(t: Translate): string {
    return this.text === undefined ? this.message : renderText(this.text, t);
  }
}

/** The caller is not logged in, or its token is invalid or expired. */
export class UnauthenticatedError extends PublicError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message: Text = msg('errors.unauthenticated')) {
    super(message, { code: 'UNAUTHENTICATED' });
  }
}

/** The caller is known but may not do this. */
export class ForbiddenError extends PublicError {
  readonly code = 'FORBIDDEN';
  constructor(message: Text = msg('errors.forbidden')) {
    super(message, { code: 'FORBIDDEN' });
  }
}

/** The row does not exist, or is outside the caller's scope (the two look the same). `what` is an entity name (`entities.<what>` in the catalogue). */
export class NotFoundError extends PublicError {
  readonly code = 'NOT_FOUND';
  constructor(private readonly what: string) {
    super(msg('errors.notFound', { what: defaultMessage(`entities.${what}`, { defaultValue: what }) }), { code: 'NOT_FOUND' });
  }
  override localize(t: Translate): string {
    return t('errors.notFound', { what: t(`entities.${this.what}`, { defaultValue: this.what }) });
  }
}

/** Bad input; names every failing field. */
export class ValidationError extends PublicError {
  readonly code = 'BAD_USER_INPUT';
  readonly problems: FieldProblem[];
  private readonly texts: Text[];
  constructor(problems: (FieldProblem | { field: string; message: Text })[]) {
    const texts = problems.map((p) => p.message as Text);
    // Extra properties of a problem (a statistics check's `rule`, `cell`) stay in `extensions.fields`.
    const rendered: FieldProblem[] = problems.map((p, i) => {
      const key = keyOf(texts[i]);
      const out = { ...p, message: renderText(texts[i]) } as FieldProblem;
      return key ? { ...out, messageKey: key } : out;
    });
    super(msg('errors.invalidInput', { problems: ValidationError.join(rendered) }), { code: 'BAD_USER_INPUT', fields: rendered });
    this.problems = rendered;
    this.texts = texts;
  }
  private static join(problems: readonly FieldProblem[]): string {
    return problems.map((p) => `${p.field}: ${p.message}`).join('; ');
  }
  /** Re-renders the field reasons too (they are the same objects as `extensions.fields`). */
  override localize(t: Translate): string {
    this.problems.forEach((p, i) => (p.message = renderText(this.texts[i], t)));
    return t('errors.invalidInput', { problems: ValidationError.join(this.problems) });
  }
  /** Shorthand for a single failing field. */
  static field(field: string, message: Text): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

/** A concurrent change or a uniqueness clash; nothing was written. */
export class ConflictError extends PublicError {
  readonly code = 'CONFLICT';
  constructor(message: Text) {
    super(message, { code: 'CONFLICT' });
  }
}

/**
 * The input is well-formed but the object's state does not allow the action now (a workflow step
 * out of order, a missing review). The message names what is missing; BAD_USER_INPUT stays for
 * malformed input.
 */
export class FailedPreconditionError extends PublicError {
  readonly code = 'FAILED_PRECONDITION';
  constructor(message: Text, extensions: Record<string, unknown> = {}) {
    super(message, { ...extensions, code: 'FAILED_PRECONDITION' });
  }
}

/** Collects problems and throws them all at once. */
export class ProblemList {
  private readonly items: { field: string; message: Text }[] = [];
  add(field: string, message: Text): this {
    this.items.push({ field, message });
    return this;
  }
  check(condition: boolean, field: string, message: Text): this {
    if (!condition) this.add(field, message);
    return this;
  }
  get problems(): readonly FieldProblem[] {
    return this.items.map((p) => ({ field: p.field, message: renderText(p.message) }));
  }
  throwIfAny(): void {
    if (this.items.length) throw new ValidationError([...this.items]);
  }
}

/** Too many attempts (failed logins); `retryAfterSeconds` says when to try again. HTTP 429. */
export class TooManyRequestsError extends PublicError {
  readonly code = 'TOO_MANY_REQUESTS';
  constructor(message: Text, retryAfterSeconds: number) {
    super(message, {
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds,
      // Apollo applies `http` to the response (a Map of headers, as its HeaderMap is) and drops it from the error.
      http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
    });
  }
}
