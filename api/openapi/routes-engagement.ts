import { z } from 'zod';
import { instantlyWebhookSchema } from '../../contracts/schemas/instantly-webhook';
import {
  analyticsResponseSchema,
  eventsResponseSchema,
  personalDataDeletedResponseSchema,
  repliesResponseSchema,
  syncResponseSchema,
} from '../../contracts/schemas/responses/engagement';
import {
  subscriptionCreatedResponseSchema,
  subscriptionListResponseSchema,
  subscriptionSchema,
} from '../../contracts/schemas/responses/subscriptions';
import { webhookAckResponseSchema } from '../../contracts/schemas/responses/system';
import { params as campaignParams } from '../routes/campaigns';
// Not engagement.ts's own campaignParams (the same schema): its sync handler names a local `exports`, which
// shadows CommonJS's exports object there, so an exported binding used in that handler would be undefined.
import { businessParams, eventsQuery, repliesQuery } from '../routes/engagement';
import { bodySchema, idParams, listQuery } from '../routes/subscriptions';
import { errorAnswer, notFoundAnswer } from './responses';
import type { RouteSpec } from './types';

const campaign = notFoundAnswer('campaign');

const intake = (path: string, params?: z.ZodObject): RouteSpec => ({
  method: 'post',
  path,
  operationId: params ? 'receiveInstantlyWebhookOfOrganization' : 'receiveInstantlyWebhook',
  tag: 'webhooks',
  summary: params
    ? "Instantly's webhook deliveries for one organization (its own URL and secret)"
    : "Instantly's webhook deliveries for the default organization",
  description:
    'Called by Instantly, authenticated by the x-webhook-secret header registered with the webhook. Any ' +
    'Content-Type is parsed as JSON. 2xx once the event is stored durably; 503 asks Instantly to retry.',
  security: 'webhookSecret',
  ...(params ? { params } : {}),
  body: { schema: instantlyWebhookSchema, description: 'one Instantly event; unknown keys are kept' },
  responses: [
    {
      status: 200,
      description: 'stored (or a duplicate of a stored event)',
      schema: webhookAckResponseSchema,
    },
    errorAnswer(503, 'handoff_failed: stored but not handed to the workflow yet; retry the delivery'),
  ],
});

/** Engagement reads, sync, erasure, subscriptions and Instantly's webhook intake. */
export const engagementRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/analytics',
    operationId: 'getAnalytics',
    tag: 'engagement',
    summary: 'Funnel, per step × variant counts and per-export counters (our database only)',
    security: 'bearer',
    params: campaignParams,
    responses: [{ status: 200, description: 'analytics', schema: analyticsResponseSchema }, campaign],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/events',
    operationId: 'listEvents',
    tag: 'engagement',
    summary: 'The events of a campaign, keyset-paged (cursor = the last id)',
    security: 'bearer',
    params: campaignParams,
    query: eventsQuery,
    responses: [{ status: 200, description: 'a page of events', schema: eventsResponseSchema }, campaign],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/replies',
    operationId: 'listReplies',
    tag: 'engagement',
    summary: 'The reply inbox of a campaign, newest first',
    security: 'bearer',
    params: campaignParams,
    query: repliesQuery,
    responses: [{ status: 200, description: 'a page of replies', schema: repliesResponseSchema }, campaign],
  },
  {
    method: 'post',
    path: '/api/campaigns/:campaignId/sync',
    operationId: 'syncCampaign',
    tag: 'engagement',
    summary: "Sync the campaign's engagement from Instantly now",
    security: 'bearer',
    params: campaignParams,
    responses: [{ status: 202, description: 'signalled', schema: syncResponseSchema }, campaign],
  },
  {
    method: 'delete',
    path: '/api/businesses/:id/personal-data',
    operationId: 'deletePersonalData',
    tag: 'engagement',
    summary: "Erase a person's data (every business with the address, its events) and suppress the address",
    security: 'bearer',
    params: businessParams,
    responses: [
      { status: 200, description: 'erased (idempotent)', schema: personalDataDeletedResponseSchema },
      notFoundAnswer('business'),
    ],
  },
  {
    method: 'post',
    path: '/api/subscriptions',
    operationId: 'createSubscription',
    tag: 'subscriptions',
    summary: 'Subscribe a URL to engagement events (see the webhooks section for what it receives)',
    description:
      'The same targetUrl replaces the filters and issues a NEW secret (200). A target that is not a public ' +
      'http(s) address is a 400 naming body.targetUrl.',
    security: 'bearer',
    body: { schema: bodySchema },
    responses: [
      { status: 201, description: 'created', schema: subscriptionCreatedResponseSchema, location: true },
      { status: 200, description: 'replaced', schema: subscriptionCreatedResponseSchema, location: true },
      errorAnswer(409, 'subscription_limit_reached: delete a subscription first'),
    ],
  },
  {
    method: 'get',
    path: '/api/subscriptions',
    operationId: 'listSubscriptions',
    tag: 'subscriptions',
    summary: 'Subscriptions, oldest first (without secrets)',
    security: 'bearer',
    query: listQuery,
    responses: [{ status: 200, description: 'a page', schema: subscriptionListResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/subscriptions/:id',
    operationId: 'getSubscription',
    tag: 'subscriptions',
    summary: 'One subscription (without its secret)',
    security: 'bearer',
    params: idParams,
    responses: [
      { status: 200, description: 'the subscription', schema: subscriptionSchema },
      notFoundAnswer('subscription'),
    ],
  },
  {
    method: 'delete',
    path: '/api/subscriptions/:id',
    operationId: 'deleteSubscription',
    tag: 'subscriptions',
    summary: 'Delete a subscription',
    security: 'bearer',
    params: idParams,
    responses: [{ status: 204, description: 'deleted' }, notFoundAnswer('subscription')],
  },
  intake('/api/webhooks/instantly'),
  intake('/api/webhooks/instantly/:organizationId', z.object({ organizationId: z.uuid() })),
];
