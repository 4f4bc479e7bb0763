import { InstantlyClientError } from './errors';
import type { Page } from './schemas/common';

/** Largest `limit` Instantly accepts on list endpoints (1–100). */
export const MAX_PAGE_LIMIT = 100;

/** Throws before sending when `limit` is outside 1–100 or not an integer. */
export function checkPageLimit(limit: number | undefined, where: string): void {
  if (limit === undefined) return;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InstantlyClientError(
      'invalid_request',
      `${where}: limit must be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${limit}`,
    );
  }
}

/** Fetches the page that starts after `cursor` (undefined = first page). */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * Yields every item of a cursor-paginated list, one page at a time (never more than one page in memory).
 * Stops on an empty page (Instantly may hand out a cursor on the last page with data) or a missing cursor.
 * A cursor that repeats would loop forever, so it is reported as an invalid response instead.
 */
export async function* paginate<T>(
  fetchPage: PageFetcher<T>,
  startingAfter?: string,
): AsyncGenerator<T, void> {
  const seen = new Set<string>();
  let cursor = startingAfter;
  for (;;) {
    const page = await fetchPage(cursor);
    if (page.items.length === 0) return;
    yield* page.items;
    const next = page.next_starting_after;
    if (next === undefined || next === null || next === '') return;
    if (seen.has(next)) {
      throw new InstantlyClientError(
        'invalid_response',
        'pagination cursor repeated (server returned the same next_starting_after twice)',
      );
    }
    seen.add(next);
    cursor = next;
  }
}
