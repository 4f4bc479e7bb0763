import type { HttpMethod } from './errors';
import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  webhookSchema,
  type CreateWebhookBody,
  type ListWebhooksQuery,
  type PatchWebhookBody,
  type Webhook,
} from './schemas/webhooks';

const webhookPage = pageSchema(webhookSchema);

/**
 * Webhook subscription CRUD. `createWebhook` is NOT idempotent (a retry could register twice): retried only
 * on 429. The rest are retried on 429/5xx/network.
 */
export function webhookMethods(request: InstantlyRequest) {
  const byId = (id: string) => `/webhooks/${segment(id)}`;
  const one = (method: HttpMethod, path: string, body?: unknown, idempotent = true): Promise<Webhook> =>
    request({ method, path, body, idempotent, schema: webhookSchema });
  const page = (query: ListWebhooksQuery): Promise<Page<Webhook>> =>
    request({ method: 'GET', path: '/webhooks', query: { ...query }, idempotent: true, schema: webhookPage });
  return {
    /** `POST /webhooks` → the subscription. */
    async createWebhook(body: CreateWebhookBody): Promise<Webhook> {
      return one('POST', '/webhooks', body, false);
    },
    /** `GET /webhooks`: one page. */
    async listWebhooks(query: ListWebhooksQuery = {}): Promise<Page<Webhook>> {
      checkPageLimit(query.limit, 'listWebhooks');
      return page(query);
    },
    /** Every webhook matching `query`. */
    async *iterateWebhooks(query: ListWebhooksQuery = {}): AsyncGenerator<Webhook, void> {
      checkPageLimit(query.limit, 'iterateWebhooks');
      yield* paginate((cursor) => page({ ...query, starting_after: cursor }), query.starting_after);
    },
    /** `GET /webhooks/{id}`. */
    async getWebhook(id: string): Promise<Webhook> {
      return one('GET', byId(id));
    },
    /** `PATCH /webhooks/{id}`. */
    async patchWebhook(id: string, body: PatchWebhookBody): Promise<Webhook> {
      return one('PATCH', byId(id), body);
    },
    /** `DELETE /webhooks/{id}` → the deleted webhook. A retry after a lost response can see 404. */
    async deleteWebhook(id: string): Promise<Webhook> {
      return one('DELETE', byId(id));
    },
  };
}

/** The webhook subscription methods of a client. */
export type WebhookMethods = ReturnType<typeof webhookMethods>;
