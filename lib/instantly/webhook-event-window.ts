/** One day in milliseconds. */
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` (UTC) of an instant. */
export function utcDate(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('utcDate: invalid Date');
  return at.toISOString().slice(0, 10);
}

/**
 * The `from`/`to` query of `GET /webhook-events` that covers every delivery attempt at or after `since` (and at
 * or before `until`, when given). The document types both as `format: date` (YYYY-MM-DD, inclusive), so a
 * timestamp cannot be sent. The document does not say in which time zone Instantly reads the day, so the
 * window is widened by one day on each side: a zone ahead of or behind UTC (at most ±14 h) can then never
 * cut off an attempt. What the wider window lets in twice is dropped by the events' dedupe key.
 */
export function webhookEventDateWindow(since: Date, until?: Date): { from: string; to?: string } {
  const from = utcDate(new Date(since.getTime() - DAY_MS));
  if (until === undefined) return { from };
  if (until.getTime() < since.getTime())
    throw new RangeError('webhookEventDateWindow: until is before since');
  return { from, to: utcDate(new Date(until.getTime() + DAY_MS)) };
}
