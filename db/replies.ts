import type { Prisma } from '../lib/prisma';

type Tx = Prisma.TransactionClient;

/** A reply event still waiting for its label. */
export interface UnlabelledReply {
  id: string;
  event_type: string;
  occurred_at: Date;
  text: string;
  subject: string | null;
}

/** One label to store on a reply event. */
export interface ReplyLabelRow {
  id: string;
  label: string;
  confidence: number;
  returnDate: string | null;
}

/**
 * Instantly's own interest events and the interest status each one sets (the same vocabulary as our labels
 * where they overlap). Kept as a list of pairs: an event type from outside is never a plain-object key.
 */
export const INSTANTLY_INTEREST_EVENTS: ReadonlyArray<readonly [eventType: string, status: string]> = [
  ['lead_interested', 'interested'],
  ['lead_not_interested', 'not_interested'],
  ['lead_meeting_booked', 'meeting_booked'],
  ['lead_meeting_completed', 'meeting_completed'],
  ['lead_closed', 'closed'],
  ['lead_out_of_office', 'out_of_office'],
  ['lead_wrong_person', 'wrong_person'],
  ['lead_no_show', 'no_show'],
  ['lead_neutral', 'neutral'],
  ['lead_unsubscribed', 'unsubscribe'],
];

const REPLY_SIGNAL_TYPES: ReadonlySet<string> = new Set([
  'reply_received',
  'auto_reply_received',
  ...INSTANTLY_INTEREST_EVENTS.map(([t]) => t),
]);

/** Whether applied events of these types give the reply labelling something to do (a reply or an interest event). */
export function carriesReplySignal(eventTypes: readonly string[]): boolean {
  return eventTypes.some((t) => REPLY_SIGNAL_TYPES.has(t));
}

/** Labels that say nothing about interest: stored on the reply and as the business's reply label, never as its interest. */
export const NO_INTEREST_LABELS = ['question', 'auto_other'];

/** Serializes classifiers of one export (a retried activity may overlap its first attempt). */
export async function lockReplies(tx: Tx, exportId: string): Promise<void> {
  await tx.$queryRawUnsafe(
    `SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('replies:' || $1::text))`,
    exportId,
  );
}

/**
 * Applied, not superseded reply / auto-reply events of an export that have no label yet, oldest first. A human
 * reply stand-in without text waits (repair may fill its text later); an auto-reply is labelled without one.
 */
export function unlabelledReplies(tx: Tx, exportId: string, limit: number): Promise<UnlabelledReply[]> {
  return tx.$queryRawUnsafe<UnlabelledReply[]>(
    `SELECT id::text AS id, event_type, occurred_at,
            coalesce(payload->>'reply_text', payload->>'reply_text_snippet', '') AS text,
            payload->>'reply_subject' AS subject
       FROM gmaps_instantly_events
      WHERE export_id = $1::uuid AND event_type IN ('reply_received', 'auto_reply_received')
        AND applied_at IS NOT NULL AND superseded_by IS NULL AND reply_label IS NULL
        AND (event_type = 'auto_reply_received' OR payload ? 'reply_text' OR payload ? 'reply_text_snippet')
      ORDER BY id LIMIT $2`,
    exportId,
    limit,
  );
}

/**
 * Stores labels (only on rows still unlabelled) and records each labelled reply in the business's history.
 * Returns the businesses whose history grew.
 */
export async function storeReplyLabels(
  tx: Tx,
  rows: readonly ReplyLabelRow[],
  version: string,
): Promise<string[]> {
  if (rows.length === 0) return [];
  const stored = await tx.$queryRawUnsafe<{ id: string }[]>(
    `UPDATE gmaps_instantly_events e
        SET reply_label = v.label, reply_confidence = v.confidence, reply_classifier_version = $5,
            reply_return_date = v.return_date::date, reply_labelled_at = now()
       FROM unnest($1::bigint[], $2::text[], $3::float8[], $4::text[]) AS v(id, label, confidence, return_date)
      WHERE e.id = v.id AND e.reply_label IS NULL
      RETURNING e.id::text AS id`,
    rows.map((r) => r.id),
    rows.map((r) => r.label),
    rows.map((r) => r.confidence),
    rows.map((r) => r.returnDate),
    version,
  );
  const touched = await tx.$queryRawUnsafe<{ business_id: string }[]>(
    `INSERT INTO gmaps_business_interest_history (business_id, event_id, source, status, occurred_at, classifier_version)
     SELECT business_id, id, 'classifier', reply_label, occurred_at, reply_classifier_version
       FROM gmaps_instantly_events WHERE id = ANY($1::bigint[]) AND business_id IS NOT NULL
     ON CONFLICT (event_id) DO NOTHING
     RETURNING business_id::text AS business_id`,
    stored.map((r) => r.id),
  );
  return touched.map((r) => r.business_id);
}

/** Records Instantly's applied interest events of an export not yet in the history; returns their businesses. */
export async function recordInstantlyInterest(tx: Tx, exportId: string): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ business_id: string }[]>(
    `INSERT INTO gmaps_business_interest_history (business_id, event_id, source, status, occurred_at)
     SELECT e.business_id, e.id, 'instantly', m.status, e.occurred_at
       FROM gmaps_instantly_events e
       JOIN unnest($2::text[], $3::text[]) AS m(event_type, status) ON m.event_type = e.event_type
      WHERE e.export_id = $1::uuid AND e.applied_at IS NOT NULL AND e.superseded_by IS NULL
        AND e.business_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM gmaps_business_interest_history h WHERE h.event_id = e.id)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING business_id::text AS business_id`,
    exportId,
    INSTANTLY_INTEREST_EVENTS.map(([t]) => t),
    INSTANTLY_INTEREST_EVENTS.map(([, s]) => s),
  );
  return rows.map((r) => r.business_id);
}

/**
 * Drops the history rows of the export's events that a real event superseded since they were recorded (a repair's
 * stand-in, labelled before the webhook arrived): the real event carries the signal now. Returns their businesses.
 */
export async function forgetSupersededSignals(tx: Tx, exportId: string): Promise<string[]> {
  const rows = await tx.$queryRawUnsafe<{ business_id: string }[]>(
    `DELETE FROM gmaps_business_interest_history h USING gmaps_instantly_events e
      WHERE h.event_id = e.id AND e.export_id = $1::uuid AND e.superseded_by IS NOT NULL
      RETURNING h.business_id::text AS business_id`,
    exportId,
  );
  return rows.map((r) => r.business_id);
}

/**
 * Recomputes the latest reply label and interest state of the given businesses from their history: the newest
 * signal (by the event's own time, then event id) wins, whichever order the signals were recorded in.
 */
export async function refreshBusinessInterest(tx: Tx, businessIds: readonly string[]): Promise<void> {
  if (businessIds.length === 0) return;
  await tx.$executeRawUnsafe(
    `WITH latest_reply AS (
       SELECT DISTINCT ON (h.business_id) h.business_id, h.status
         FROM gmaps_business_interest_history h
        WHERE h.business_id = ANY($1::uuid[]) AND h.source = 'classifier'
        ORDER BY h.business_id, h.occurred_at DESC, h.event_id DESC),
     latest_interest AS (
       SELECT DISTINCT ON (h.business_id) h.business_id, h.status, h.source, h.occurred_at, e.reply_return_date
         FROM gmaps_business_interest_history h JOIN gmaps_instantly_events e ON e.id = h.event_id
        WHERE h.business_id = ANY($1::uuid[]) AND h.status <> ALL($2::text[])
        ORDER BY h.business_id, h.occurred_at DESC, h.event_id DESC)
     UPDATE gmaps_businesses b
        SET reply_label = r.status, interest_status = i.status, interest_source = i.source,
            interest_updated_at = i.occurred_at,
            ooo_return_date = CASE WHEN i.status = 'out_of_office' THEN i.reply_return_date END
       FROM latest_interest i FULL JOIN latest_reply r ON r.business_id = i.business_id
      WHERE b.id = coalesce(i.business_id, r.business_id)
        AND (b.reply_label IS DISTINCT FROM r.status OR b.interest_status IS DISTINCT FROM i.status
             OR b.interest_updated_at IS DISTINCT FROM i.occurred_at)`,
    [...new Set(businessIds)].sort(),
    NO_INTEREST_LABELS,
  );
}
