import type { z } from 'zod';
import { HttpError } from '../errors';

/** Parses `value` with a zod schema; a failure is a 400 naming every bad field (`details[].path`). */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((i) => ({
    path: [where, ...i.path].join('.'),
    message: i.message,
  }));
  throw new HttpError(
    400,
    'validation_failed',
    `invalid ${where}: ${details.map((d) => d.path).join(', ')}`,
    details,
  );
}
