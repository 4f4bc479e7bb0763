import { z } from 'zod';

// Response schemas follow one rule: a field is required only when the official OpenAPI marks it required AND
// this project depends on it; everything else is optional/nullish, and every object is loose (extra fields
// pass through), so an additive change on Instantly's side never turns a successful call into a failure.

/** One page of a cursor-paginated list. */
export interface Page<T> {
  items: T[];
  /** Opaque cursor (UUID, timestamp or email depending on the endpoint); absent/null on the last page. */
  next_starting_after?: string | null;
}

/** Zod schema of a {@link Page} of `item`. */
export function pageSchema<T>(item: z.ZodType<T>): z.ZodType<Page<T>> {
  return z.looseObject({ items: z.array(item), next_starting_after: z.string().nullish() });
}

/** Cursor parameters shared by the list endpoints (`limit` 1–100, checked client-side). */
export interface PageQuery {
  limit?: number;
  starting_after?: string;
}

/** Optional number that may be null. */
export const optionalNumber = z.number().nullish();

/** Optional string that may be null. */
export const optionalString = z.string().nullish();
