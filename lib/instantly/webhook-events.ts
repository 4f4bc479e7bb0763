import type { InstantlyRequest } from './http';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  webhookEventSchema,
  webhookEventTypesSchema,
  type ListWebhookEventsQuery,
  type WebhookEvent,
  type WebhookEventTypes,
} from './schemas/webhooks';

const eventPage = pageSchema(webhookEventSchema);

/** Webhook event types and the delivery log (`/webhook-events`, one entry per delivery attempt); all GET. */
export function webhookEventMethods(request: InstantlyRequest) {
  const page = (query: ListWebhookEventsQuery): Promise<Page<WebhookEvent>> =>
    request({
      method: 'GET',
      path: '/webhook-events',
      query: { ...query },
      idempotent: true,
      schema: eventPage,
    });
  return {
    /** `GET /webhooks/event-types`. */
    async listWebhookEventTypes(): Promise<WebhookEventTypes> {
      return request({
        method: 'GET',
        path: '/webhooks/event-types',
        idempotent: true,
        schema: webhookEventTypesSchema,
      });
    },
    /** `GET /webhook-events`: one page of the delivery log. */
    async listWebhookEvents(query: ListWebhookEventsQuery = {}): Promise<Page<WebhookEvent>> {
      checkPageLimit(query.limit, 'listWebhookEvents');
      return page(query);
    },
    /** Every delivery-log entry matching `query`. */
    async *iterateWebhookEvents(query: ListWebhookEventsQuery = {}): AsyncGenerator<WebhookEvent, void> {
      checkPageLimit(query.limit, 'iterateWebhookEvents');
      yield* paginate((cursor) => page({ ...query, starting_after: cursor }), query.starting_after);
    },
  };
}

/** The webhook-event methods of a client. */
export type WebhookEventMethods = ReturnType<typeof webhookEventMethods>;
