import type { z } from 'zod';
import { badRequest } from './errors';

/** Where a value came from; Fastify prefixes AJV messages with it (`body/…`, `querystring/…`, `params/…`). */
export type Where = 'body' | 'querystring' | 'params';

type Issue = z.core.$ZodIssue;
type PathKey = PropertyKey;

const TYPE_NAMES: Record<string, string> = { int: 'integer', record: 'object', map: 'object' };

function location(where: Where, path: readonly PathKey[]): string {
  return [where, ...path.map((p) => String(p))].join('/');
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function unionTypes(issue: Extract<Issue, { code: 'invalid_union' }>): string | undefined {
  const types = issue.errors.flatMap((branch) =>
    branch
      .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
      .map((i) => (i as { expected: string }).expected),
  );
  return types.length === issue.errors.length ? types.map((t) => TYPE_NAMES[t] ?? t).join(',') : undefined;
}

function sizeMessage(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = small ? issue.minimum : issue.maximum;
  const word = small ? 'fewer' : 'more';
  if (issue.origin === 'array') return `must NOT have ${word} than ${String(limit)} items`;
  if (issue.origin === 'string') return `must NOT have ${word} than ${String(limit)} characters`;
  const op = small ? '>' : '<';
  return `must be ${op}${issue.inclusive ? '=' : ''} ${String(limit)}`;
}

function missing(issue: Issue, root: unknown, where: Where): string | undefined {
  if (issue.code === 'custom' || issue.path.length === 0 || valueAt(root, issue.path) !== undefined)
    return undefined;
  const key = String(issue.path[issue.path.length - 1]);
  return `${location(where, issue.path.slice(0, -1))} must have required property '${key}'`;
}

/** Turns the first zod issue into the AJV-style sentence Fastify answers with (e.g. `body/x must be string`). */
export function describeIssue(issue: Issue, root: unknown, where: Where): string {
  const at = location(where, issue.path);
  const required = missing(issue, root, where);
  if (required) return required;
  if (issue.message.startsWith('must ')) return `${at} ${issue.message}`;
  switch (issue.code) {
    case 'invalid_type':
      return `${at} must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
    case 'too_big':
      return `${at} ${sizeMessage(issue)}`;
    case 'invalid_value':
      return `${at} must be equal to ${issue.values.length === 1 ? 'constant' : 'one of the allowed values'}`;
    case 'invalid_format': {
      const pattern = (issue as { pattern?: string }).pattern;
      if (issue.format === 'regex' && pattern)
        return `${at} must match pattern "${pattern.replace(/^\/|\/$/g, '')}"`;
      return `${at} must match format "${issue.format}"`;
    }
    case 'unrecognized_keys':
      return `${at} must NOT have additional properties ('${issue.keys.join("', '")}')`;
    case 'invalid_union': {
      const types = unionTypes(issue);
      return types ? `${at} must be ${types}` : `${at} must match a schema in anyOf`;
    }
    default:
      return `${at} ${issue.message}`;
  }
}

/** Parses `data` with `schema` or throws a 400 whose message names the first bad field. */
export function parseOr400<S extends z.ZodType>(schema: S, data: unknown, where: Where): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  throw badRequest(first ? describeIssue(first, data, where) : `${where} is invalid`);
}
