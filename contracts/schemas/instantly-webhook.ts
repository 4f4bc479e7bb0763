import { z } from 'zod';
import { WEBHOOK_PAYLOAD_EVENT_TYPES } from '../instantly-event-types';

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

const optionalText = z.string().nullish();

/**
 * One Instantly webhook delivery (§5.3). Loose: every unknown key (lead fields, custom variables) is kept, so
 * the stored payload is exactly what arrived. Only `event_type` and `timestamp` are required.
 */
export const instantlyWebhookSchema = z.looseObject({
  event_type: z.string().trim().min(1, 'is required'),
  timestamp: z
    .string()
    .min(1, 'is required')
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date-time'),
  campaign_id: optionalText,
  workspace: optionalText,
  lead_email: optionalText,
  step: smallInt,
  variant: smallInt,
  email_id: optionalText,
});

/** A validated webhook payload. */
export type InstantlyWebhookPayload = z.infer<typeof instantlyWebhookSchema>;
