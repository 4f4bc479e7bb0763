import type { HttpMethod } from './errors';
import type { InstantlyRequest } from './http';
import { segment } from './http-build';
import { checkPageLimit, paginate } from './paginate';
import { pageSchema, type Page } from './schemas/common';
import {
  webhookSchema,
  webhookTestResultSchema,
  type CreateWebhookBody,
  type ListWebhooksQuery,
  type PatchWebhookBody,
  type Webhook,
  type WebhookTestResult,
} from './schemas/webhooks';

const webhookPage = pageSchema(webhookSchema);

/**
 * Webhook subscription endpoints. `createWebhook` and `testWebhook` are NOT idempotent (a retry could register
 * twice / deliver twice): retried only on 429. The rest are retried on 429/5xx/network.
 */
export function webhookMethods(request: InstantlyRequest) {
  const byId = (id: string, suffix = '') => `/webhooks/${segment(id)}${suffix}`;
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
    /** `POST /webhooks/{id}/resume` (no body): re-enables a webhook disabled after delivery failures. */
    async resumeWebhook(id: string): Promise<Webhook> {
      return one('POST', byId(id, '/resume'));
    },
    /** `POST /webhooks/{id}/test` (no body): sends one test delivery to the target URL. */
    async testWebhook(id: string): Promise<WebhookTestResult> {
      const path = byId(id, '/test');
      return request({ method: 'POST', path, idempotent: false, schema: webhookTestResultSchema });
    },
  };
}

/** The webhook subscription methods of a client. */
export type WebhookMethods = ReturnType<typeof webhookMethods>;
