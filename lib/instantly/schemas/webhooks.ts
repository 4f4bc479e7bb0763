import { z } from 'zod';
import { optionalNumber, optionalString, type PageQuery } from './common';

import type { WebhookSubscriptionEventType } from '../../../contracts/instantly-event-types';

export {
  WEBHOOK_SUBSCRIPTION_EVENT_TYPES,
  type WebhookSubscriptionEventType,
} from '../../../contracts/instantly-event-types';

/** Body of `POST /webhooks`. `headers` are sent with every delivery (the only delivery auth Instantly has). */
export interface CreateWebhookBody {
  target_hook_url: string;
  /** `null` = custom-label webhook (with `custom_interest_value`). */
  event_type?: WebhookSubscriptionEventType | null;
  campaign?: string | null;
  name?: string | null;
  custom_interest_value?: number | null;
  headers?: Record<string, string> | null;
}

/** Body of `PATCH /webhooks/{id}`. */
export type PatchWebhookBody = Partial<CreateWebhookBody>;

/** Query of `GET /webhooks`. */
export interface ListWebhooksQuery extends PageQuery {
  campaign?: string;
  event_type?: WebhookSubscriptionEventType;
}

/** A webhook subscription. The meaning of `status` values is UNCONFIRMED upstream. */
export const webhookSchema = z.looseObject({
  id: z.string(),
  target_hook_url: z.string(),
  event_type: optionalString,
  campaign: optionalString,
  name: optionalString,
  organization: optionalString,
  custom_interest_value: optionalNumber,
  headers: z.record(z.string(), z.string()).nullish(),
  status: optionalNumber,
  timestamp_created: optionalString,
  timestamp_error: optionalString,
});

/** A webhook subscription. */
export type Webhook = z.infer<typeof webhookSchema>;

/** Result of `POST /webhooks/{id}/test`. */
export const webhookTestResultSchema = z.looseObject({
  success: z.boolean().nullish(),
  message: optionalString,
  response_time_ms: optionalNumber,
  status_code: optionalNumber,
  error: optionalString,
});

/** Result of a webhook test delivery. */
export type WebhookTestResult = z.infer<typeof webhookTestResultSchema>;

/** `GET /webhooks/event-types`. */
export const webhookEventTypesSchema = z.looseObject({
  event_types: z.array(
    // The document marks none of the three required.
    z.looseObject({
      id: z.union([z.string(), z.number()]).nullish(),
      label: optionalString,
      type: optionalString,
    }),
  ),
});

/** Available webhook event types. */
export type WebhookEventTypes = z.infer<typeof webhookEventTypesSchema>;

/** Query of `GET /webhook-events` (the delivery log). */
export interface ListWebhookEventsQuery extends PageQuery {
  success?: boolean;
  /** `YYYY-MM-DD`, inclusive (the document's `format: date`); build it with `webhookEventDateWindow`. */
  from?: string;
  /** `YYYY-MM-DD`, inclusive. */
  to?: string;
  search?: string;
}

/** One delivery attempt in the log. */
export const webhookEventSchema = z.looseObject({
  id: z.string(),
  success: z.boolean().nullish(),
  status_code: optionalNumber,
  error_message: optionalString,
  webhook_url: optionalString,
  lead_email: optionalString,
  retry_count: optionalNumber,
  will_retry: z.boolean().nullish(),
  timestamp_next_retry: optionalString,
  response_time_ms: optionalNumber,
  payload: z.unknown().optional(),
  timestamp_created: optionalString,
});

/** One webhook delivery attempt. */
export type WebhookEvent = z.infer<typeof webhookEventSchema>;
