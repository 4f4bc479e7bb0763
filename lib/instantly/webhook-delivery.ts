import type { z } from 'zod';
import { InstantlyClientError } from './errors';
import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  webhookEventSchema,
  webhookEventTypesSchema,
  webhookSchema,
  webhookTestResultSchema,
  type ListWebhookEventsQuery,
  type WebhookEvent,
  type WebhookEventTypes,
  type Webhook,
  type WebhookTestResult,
} from './schemas/webhooks';

const eventPage = pageSchema(webhookEventSchema);

/**
 * Webhook delivery: test and resume a subscription, list event types, read the delivery log
 * (`/webhook-events`, one entry per attempt). `testWebhook` is NOT idempotent (a retry delivers twice):
 * retried only on 429; the rest are retried on 429/5xx/network.
 */
export function webhookDeliveryMethods(request: InstantlyRequest) {
  const byId = (id: string, suffix: string) => `/webhooks/${segment(id)}${suffix}`;
  const get = <T>(path: string, schema: z.ZodType<T>, query: object = {}): Promise<T> =>
    request({ method: 'GET', path, query: { ...query }, idempotent: true, schema });
  const page = (query: ListWebhookEventsQuery) =>
    get<Page<WebhookEvent>>('/webhook-events', eventPage, query);
  return {
    /** `POST /webhooks/{id}/resume` (no body): re-enables a webhook disabled after delivery failures. */
    async resumeWebhook(id: string): Promise<Webhook> {
      return request({ method: 'POST', path: byId(id, '/resume'), idempotent: true, schema: webhookSchema });
    },
    /** `POST /webhooks/{id}/test` (no body): sends one test delivery to the target URL. */
    async testWebhook(id: string): Promise<WebhookTestResult> {
      const path = byId(id, '/test');
      return request({ method: 'POST', path, idempotent: false, schema: webhookTestResultSchema });
    },
    /** `GET /webhooks/event-types`. */
    async listWebhookEventTypes(): Promise<WebhookEventTypes> {
      return get('/webhooks/event-types', webhookEventTypesSchema);
    },
    /** `GET /webhook-events`: one page of the delivery log. */
    async listWebhookEvents(query: ListWebhookEventsQuery = {}): Promise<Page<WebhookEvent>> {
      checkPageLimit(query.limit, 'listWebhookEvents');
      checkDates(query, 'listWebhookEvents');
      return page(query);
    },
    /** Every delivery-log entry matching `query`. */
    async *iterateWebhookEvents(query: ListWebhookEventsQuery = {}): AsyncGenerator<WebhookEvent, void> {
      checkPageLimit(query.limit, 'iterateWebhookEvents');
      checkDates(query, 'iterateWebhookEvents');
      yield* paginate((cursor) => page({ ...query, starting_after: cursor }), query.starting_after);
    },
  };
}

/** The webhook delivery methods of a client. */
export type WebhookDeliveryMethods = ReturnType<typeof webhookDeliveryMethods>;

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** `from`/`to` are `format: date` in the document: a timestamp would be a 400 upstream, so refuse it here. */
function checkDates(query: ListWebhookEventsQuery, where: string): void {
  for (const key of ['from', 'to'] as const) {
    const value = query[key];
    if (value !== undefined && !DATE.test(value)) {
      throw new InstantlyClientError(
        'invalid_request',
        `${where}: ${key} must be a YYYY-MM-DD date (use webhookEventDateWindow), got ${JSON.stringify(value)}`,
      );
    }
  }
}
