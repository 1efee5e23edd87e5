import { z } from 'zod';
import { hasMessage } from '../i18n';
import { msg, ValidationError, type Text } from './errors';

/** Parses input with a zod schema, turning every issue into a named BAD_USER_INPUT field. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, prefix = 'input'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.map((i) => ({
      field: [prefix, ...i.path.map(String)].join('.'),
      message: messageOf(i),
    })),
  );
}

/** An issue's message: a catalogue key given as a schema's message becomes that message, with the bound it broke (`{{max}}`, `{{min}}`). */
function messageOf(issue: z.ZodIssue): Text {
  if (!issue.message.includes('.') || !hasMessage(issue.message)) return issue.message;
  const bound = issue as { maximum?: unknown; minimum?: unknown };
  return msg(issue.message, { max: Number(bound.maximum ?? 0) || undefined, min: Number(bound.minimum ?? 0) || undefined });
}

/** Shared field schemas. */
export const fields = {
  code: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(64)
    .regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: z.string().trim().max(254).email('must be an e-mail address'),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ()-]{4,30}$/, 'must be a phone number'),
};
