import { z } from 'zod';
import { uuid } from './common';

/** GET /healthz. */
export const healthzResponseSchema = z.object({ status: z.literal('ok') });

/** GET /readyz (200 ready/degraded, 503 not_ready or `?require=worker` without a worker). */
export const readyzResponseSchema = z.object({
  status: z.enum(['ready', 'degraded', 'not_ready']),
  checks: z.object({
    database: z.string().meta({ description: '"ok" or "error: <reason>"' }),
    temporal: z.string(),
    worker: z.string(),
  }),
});

/** GET /api/whoami: the service and the caller's organization (the n8n credential test calls it). */
export const whoamiResponseSchema = z.looseObject({
  ok: z.literal(true),
  service: z.literal('instantly-bridge'),
  version: z.string(),
  organizationId: uuid,
  organization: z.looseObject({ id: uuid, name: z.string() }).optional(),
});

/** POST /api/webhooks/instantly: the delivery is stored (and handed to the engagement workflow). */
export const webhookAckResponseSchema = z.object({
  ok: z.literal(true),
  id: z.string().meta({ description: 'our event id (a bigint as a decimal string)' }),
  duplicate: z.boolean().meta({ description: 'the same event was stored before (deduplicated)' }),
  matched: z.boolean().meta({ description: 'the event belongs to one of our exports' }),
  handoff: z.enum(['done', 'pending', 'none']),
});

/** POST /api/instantly/webhooks: Instantly's workspace webhook pointing at our intake. */
export const webhookRegistrationResponseSchema = z.object({
  webhookId: z.string(),
  status: z.enum(['active', 'disabled']),
  created: z.boolean(),
  resumed: z.boolean(),
  targetUrl: z.string(),
  test: z.object({
    success: z.boolean().nullable(),
    statusCode: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'what our intake answered the test delivery' }),
    responseTimeMs: z.number().nullable(),
    message: z.string().nullable(),
    error: z.string().nullable(),
  }),
});
