import { z } from 'zod';
import { WEBHOOK_PAYLOAD_EVENT_TYPES } from '../instantly-event-types';
import { pgText, pgTimestampString } from './pg-safe';
import { jsonTooDeep, MAX_JSON_DEPTH, storableJson } from './pg-safe-json';

/**
 * Payload `event_type` values Instantly documents. Anything else (custom workspace labels arrive as their raw
 * label string) is stored with known_type = false, never rejected.
 */
export const KNOWN_WEBHOOK_EVENT_TYPES = WEBHOOK_PAYLOAD_EVENT_TYPES;

const KNOWN = new Set<string>(KNOWN_WEBHOOK_EVENT_TYPES);

/** True for a documented payload event type. */
export const isKnownEventType = (type: string): boolean => KNOWN.has(type);

/** Subscription spelling → payload spelling (you subscribe to email_link_clicked and receive link_clicked). */
export const payloadEventType = (type: string): string =>
  type === 'email_link_clicked' ? 'link_clicked' : type;

// Instantly sends 1-based numbers; tolerate numeric strings (some senders quote them) and null.
const smallInt = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
  z.number().int().min(0).max(1_000_000).nullish(),
);

// Identifiers are indexed (btree rows hold ~2.7 KB) and hashed into the dedupe key: bounded.
const optionalId = pgText(200).nullish();

/**
 * One Instantly webhook delivery (§5.3). Loose: every unknown key (lead fields, custom variables) is kept, so
 * the stored payload is what arrived (up to parseWebhookPayload's U+FFFD). Only `event_type` and `timestamp`
 * are required; every field is bounded to what PostgreSQL stores.
 */
export const instantlyWebhookSchema = z.looseObject({
  event_type: pgText(200).trim().min(1, 'is required'),
  timestamp: pgTimestampString(),
  campaign_id: optionalId,
  workspace: optionalId,
  lead_email: pgText(320).nullish(),
  step: smallInt,
  variant: smallInt,
  email_id: optionalId,
});

/** A validated webhook payload. */
export type InstantlyWebhookPayload = z.infer<typeof instantlyWebhookSchema>;

/** A delivery ready to store: the payload as stored (normalised, see parseWebhookPayload) and its fields. */
export type ParsedWebhook =
  | { ok: true; raw: Record<string, unknown>; parsed: InstantlyWebhookPayload; normalized: boolean }
  | { ok: false; issues: Array<{ path: Array<string | number>; message: string }> };

/**
 * Validates one delivery (intake and delivery-log replay alike). Per case: a body that is not an object, nests
 * deeper than MAX_JSON_DEPTH, or lacks a usable event_type / timestamp (PostgreSQL's range: years 1-9999) is
 * refused; NUL bytes and lone UTF-16 surrogates anywhere (keys too) are replaced by U+FFFD and the event is
 * stored, because Instantly counts every refusal as a failed delivery and disables the webhook, and the text is
 * a lead's reply, not ours to lose.
 */
export function parseWebhookPayload(body: unknown): ParsedWebhook {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, issues: [{ path: [], message: 'must be a JSON object' }] };
  if (jsonTooDeep(body))
    return {
      ok: false,
      issues: [{ path: [], message: `must not nest deeper than ${MAX_JSON_DEPTH} levels` }],
    };
  const raw = storableJson(body) as Record<string, unknown>;
  const result = instantlyWebhookSchema.safeParse(raw);
  if (!result.success)
    return {
      ok: false,
      issues: result.error.issues.map((i) => ({
        path: i.path as Array<string | number>,
        message: i.message,
      })),
    };
  return { ok: true, raw, parsed: result.data, normalized: raw !== body };
}
