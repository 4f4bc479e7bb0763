import { subscriptionDeliverySchema } from '../../contracts/schemas/responses/subscriptions';
import { jsonSchemaOf, type JsonSchema } from './json-schema';

// The fixed parts of the OpenAPI document: info, tags, security schemes and the subscription webhook.

const header = (name: string, description: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
});

/** What each subscription (POST /api/subscriptions) receives, signed per Standard Webhooks. */
export function deliveryWebhook(): JsonSchema {
  return {
    post: {
      operationId: 'engagementEventDelivery',
      tags: ['subscriptions'],
      summary: 'An applied engagement event, POSTed to every matching subscription',
      description:
        'Standard Webhooks (standardwebhooks.com): verify `webhook-signature` = `v1,` + base64 HMAC-SHA256 of ' +
        '`${webhook-id}.${webhook-timestamp}.${raw body}` keyed with the base64 part of the subscription secret ' +
        '(after `whsec_`); refuse timestamps more than 5 minutes away. A non-2xx answer is retried; ' +
        'deduplicate on webhook-id.',
      parameters: [
        header('webhook-id', 'the event dedupe key (equals the body id); the same on every retry'),
        header('webhook-timestamp', 'unix seconds when this attempt was signed'),
        header('webhook-signature', 'space-separated `v1,<base64>` signatures'),
      ],
      requestBody: {
        required: true,
        content: { 'application/json': { schema: jsonSchemaOf(subscriptionDeliverySchema, 'output') } },
      },
      responses: { '2XX': { description: 'received; any other answer (or none in 10 s) is retried' } },
    },
  };
}

export const INFO = {
  title: 'Instantly Bridge API',
  version: '0.1.0',
  summary: 'Export campaigns to Instantly as durable workflows, read engagement, subscribe to events.',
  description:
    'Every /api route except this document, its page and the webhook intake needs `Authorization: Bearer ' +
    "<organization token>` and sees only that organization's data (another organization's id answers 404, as an " +
    'unknown one). Errors are `{ "error": { "code", "message", "details"? } }`; a 400 names every bad field in ' +
    '`details[].path` (body.…, query.…, params.…, headers.…).',
  license: { name: 'UNLICENSED', identifier: 'LicenseRef-UNLICENSED' },
};

export const TAGS = [
  { name: 'campaigns', description: 'Our campaigns and their businesses (leads)' },
  { name: 'exports', description: 'Exports of a campaign to Instantly (one durable workflow each)' },
  { name: 'engagement', description: 'What Instantly reports back: analytics, events, replies' },
  { name: 'subscriptions', description: 'Engagement events pushed to your URL (n8n trigger)' },
  { name: 'replies', description: 'The offline reply classifier' },
  { name: 'settings', description: "The organization's Instantly key and webhook" },
  { name: 'webhooks', description: "Instantly's deliveries to us" },
  { name: 'admin', description: 'Organizations and tokens (ADMIN_TOKEN)' },
  { name: 'health', description: 'Liveness and readiness' },
  { name: 'meta', description: 'Identity and this document' },
];

export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description: "An organization's API token (API_TOKEN is the default organization's)",
  },
  adminToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'ADMIN_TOKEN (the admin API answers 404 without it)',
  },
  webhookSecret: {
    type: 'apiKey',
    in: 'header',
    name: 'x-webhook-secret',
    description: "The secret registered with Instantly's webhook (WEBHOOK_SECRET, or the organization's own)",
  },
};
