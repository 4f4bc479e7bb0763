import { z } from 'zod';

/**
 * Default page size when `limit` is omitted. The real default is not documented (UNCONFIRMED); a small value
 * makes a client that forgets to paginate fail visibly.
 */
export const DEFAULT_LIMIT = 10;

/** `limit` as sent in a query string: an integer 1–100 (AJV coerces query strings). */
export const queryLimit = z.coerce.number().int().min(1).max(100).optional();

/** `limit` in a JSON body (`POST /leads/list`). */
export const bodyLimit = z.number().int().min(1).max(100).optional();

/** A page of `{items, next_starting_after}`. */
export interface Page<T> {
  items: T[];
  next_starting_after?: string;
}

/**
 * Cursor pagination over items sorted ascending by `key` (ids are time-ordered UUIDv7 strings).
 * Strict stop semantics (§1.5): every non-empty page carries `next_starting_after`, even the last one, so a
 * client must stop on an empty page (or a short one); an empty page carries no cursor.
 */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => string,
  limit = DEFAULT_LIMIT,
  after?: string,
): Page<T> {
  const start = after === undefined ? 0 : items.findIndex((item) => key(item) > after);
  const slice = start < 0 ? [] : items.slice(start, start + limit);
  const last = slice[slice.length - 1];
  return last === undefined ? { items: [] } : { items: slice, next_starting_after: key(last) };
}

/** Sorts a copy by id (creation order). */
export function byId<T extends { id: string }>(items: Iterable<T>): T[] {
  return [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
