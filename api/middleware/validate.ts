import type { z } from 'zod';
import { unstorableStrings } from '../../contracts/schemas/pg-safe-json';
import { HttpError } from '../errors';

/** One bad field of a request: where (`body.schedule.timezone`) and why. */
export interface FieldProblem {
  path: string;
  message: string;
}

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * Parses `value` with a zod schema; a failure is a 400 naming every bad field (`details[].path`). Backstop for
 * every schema: an accepted value that still holds a string PostgreSQL refuses (NUL, lone surrogate — in a
 * value or a key) is a 400 naming it too, never a 500 from the database.
 */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(result.error.issues, where);
  const unstorable = storableProblems(result.data, where);
  if (unstorable.length > 0) throw badRequest(unstorable, where);
  return result.data;
}

/** Strings in an accepted value that PostgreSQL cannot hold, as field problems under `where`. */
export function storableProblems(value: unknown, where = 'body'): FieldProblem[] {
  return toProblems(
    unstorableStrings(value).map((u) => ({ path: u.path, message: u.problem })),
    where,
  );
}

/** zod's issues as field problems under `where`. */
export function zodProblems(error: z.ZodError, where = 'body'): FieldProblem[] {
  return toProblems(error.issues, where);
}

function toProblems(issues: readonly Issue[], where: string): FieldProblem[] {
  return issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
}

/** A 400 naming every bad field (`details[].path`, prefixed with `where`). */
export function validationFailed(issues: readonly Issue[], where = 'body'): HttpError {
  return badRequest(toProblems(issues, where), where);
}

/** The 400 naming every bad field. */
export function badRequest(details: FieldProblem[], where = 'body'): HttpError {
  return new HttpError(
    400,
    'validation_failed',
    `invalid ${where}: ${[...new Set(details.map((d) => d.path))].join(', ')}`,
    details,
  );
}
