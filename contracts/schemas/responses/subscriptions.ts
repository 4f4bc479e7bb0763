import { z } from 'zod';
import { REPLY_LABELS } from '../../reply-labels';
import { isoDateTime, pageOf, uuid } from './common';

/** A subscription as the API shows it; `secret` only in the answer of POST (shown once). */
export const subscriptionSchema = z.object({
  id: uuid,
  targetUrl: z.string(),
  eventTypes: z.array(z.string()),
  campaignIds: z.array(z.string()),
  createdAt: isoDateTime,
});

/** POST /api/subscriptions (201 new, 200 same targetUrl): with a NEW Standard Webhooks secret. */
export const subscriptionCreatedResponseSchema = subscriptionSchema.extend({
  secret: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=]+$/)
    .meta({ description: 'whsec_ + base64: verify the webhook-signature of every delivery with it' }),
});

/** GET /api/subscriptions: a page, oldest first. */
export const subscriptionListResponseSchema = pageOf(subscriptionSchema);

/**
 * The body POSTed to a subscriber for each applied engagement event (Standard Webhooks signed: the
 * `webhook-id` header equals `id`). See activities/engagement-deliver.ts.
 */
export const subscriptionDeliverySchema = z.object({
  id: z.string().meta({ description: 'the event dedupe key (= webhook-id header): deduplicate on it' }),
  type: z.string().meta({ description: 'the event type, e.g. reply_received, email_opened' }),
  occurredAt: isoDateTime,
  campaignId: uuid.nullable(),
  exportId: uuid.nullable(),
  instantlyCampaignId: z.string().nullable(),
  businessId: uuid.nullable(),
  leadEmail: z.string().nullable(),
  step: z.number().int().nullable(),
  variant: z.number().int().nullable(),
  replyText: z.string().optional(),
  replySubject: z.string().optional(),
  uniboxUrl: z.string().optional(),
  replyLabel: z
    .enum(REPLY_LABELS)
    .optional()
    .meta({ description: 'replies only: the service classifier label (docs/replies.md), once classified' }),
  replyConfidence: z.number().min(0).max(1).optional(),
});
