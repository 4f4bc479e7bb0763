import { z } from 'zod';
import {
  connectionTestResponseSchema,
  instantlySettingsPutResponseSchema,
  instantlySettingsResponseSchema,
  writeBackSettingsPutSchema,
  writeBackSettingsSchema,
} from '../../contracts/schemas/responses/settings';
import {
  healthzResponseSchema,
  readyzResponseSchema,
  webhookRegistrationResponseSchema,
  whoamiResponseSchema,
} from '../../contracts/schemas/responses/system';
import { putSchema } from '../routes/settings';
import { errorAnswer, instantlyNotConfigured } from './responses';
import type { RouteSpec } from './types';

const registration = (path: string, operationId: string, alias: boolean): RouteSpec => ({
  method: 'post',
  path,
  operationId,
  tag: 'settings',
  summary: alias
    ? "Register Instantly's webhook (older path of POST /api/settings/instantly/webhook)"
    : "Register (or find, resume and test) the workspace's ONE Instantly webhook pointing at our intake",
  security: 'bearer',
  responses: [
    { status: 201, description: 'created', schema: webhookRegistrationResponseSchema },
    { status: 200, description: 'it existed', schema: webhookRegistrationResponseSchema },
    instantlyNotConfigured,
    errorAnswer(502, 'instantly_error: Instantly refused or failed (details.instantlyStatus)'),
  ],
});

/** Health, identity, settings and this document. */
export const systemRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/healthz',
    operationId: 'healthz',
    tag: 'health',
    summary: 'The process is up',
    security: 'none',
    responses: [{ status: 200, description: 'up', schema: healthzResponseSchema }],
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'readyz',
    tag: 'health',
    summary: 'PostgreSQL and Temporal answer; whether a worker polls the task queue',
    security: 'none',
    query: z.object({
      require: z.enum(['worker']).optional().meta({ description: 'worker: 503 also when no worker polls' }),
    }),
    responses: [
      { status: 200, description: 'ready, or degraded (no worker)', schema: readyzResponseSchema },
      { status: 503, description: 'not ready (checks say which)', schema: readyzResponseSchema },
    ],
  },
  {
    method: 'get',
    path: '/api/whoami',
    operationId: 'whoami',
    tag: 'meta',
    summary: "Proves the base URL and the token; names the caller's organization",
    security: 'bearer',
    responses: [{ status: 200, description: 'the caller', schema: whoamiResponseSchema }],
  },
  {
    method: 'put',
    path: '/api/settings/instantly',
    operationId: 'putInstantlySettings',
    tag: 'settings',
    summary: 'Store the Instantly API key (encrypted) and test it; never shown again',
    security: 'bearer',
    body: { schema: putSchema },
    responses: [{ status: 200, description: 'stored', schema: instantlySettingsPutResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/settings/instantly',
    operationId: 'getInstantlySettings',
    tag: 'settings',
    summary: 'Whether a usable Instantly key is stored, its age and warnings (never the key)',
    security: 'bearer',
    responses: [{ status: 200, description: 'the settings', schema: instantlySettingsResponseSchema }],
  },
  {
    method: 'post',
    path: '/api/settings/instantly/test',
    operationId: 'testInstantlyConnection',
    tag: 'settings',
    summary: 'Call Instantly once with the stored key',
    security: 'bearer',
    responses: [{ status: 200, description: 'the outcome', schema: connectionTestResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/settings/instantly/write-back',
    operationId: 'getWriteBackSettings',
    tag: 'settings',
    summary: 'The write-back switches: reply interest and unsubscribes to Instantly (both off by default)',
    security: 'bearer',
    responses: [{ status: 200, description: 'the switches', schema: writeBackSettingsSchema }],
  },
  {
    method: 'put',
    path: '/api/settings/instantly/write-back',
    operationId: 'putWriteBackSettings',
    tag: 'settings',
    summary: 'Turn the write-back of reply interest / unsubscribes to Instantly on or off',
    security: 'bearer',
    body: { schema: writeBackSettingsPutSchema },
    responses: [
      { status: 200, description: 'the switches after the change', schema: writeBackSettingsSchema },
    ],
  },
  registration('/api/settings/instantly/webhook', 'registerInstantlyWebhook', false),
  registration('/api/instantly/webhooks', 'registerInstantlyWebhookAlias', true),
  {
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'openapiDocument',
    tag: 'meta',
    summary: 'This document (OpenAPI 3.1)',
    security: 'none',
    responses: [{ status: 200, description: 'the document', schema: z.looseObject({ openapi: z.string() }) }],
  },
  {
    method: 'get',
    path: '/api/docs',
    operationId: 'apiReference',
    tag: 'meta',
    summary: 'This document rendered as a reference page (Swagger UI, served locally)',
    security: 'none',
    responses: [{ status: 200, description: 'an HTML page', schema: z.string(), contentType: 'text/html' }],
  },
];
