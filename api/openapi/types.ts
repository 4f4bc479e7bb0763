import type { z } from 'zod';

/** Who may call a route: the organization's bearer token, ADMIN_TOKEN, Instantly's x-webhook-secret, anyone. */
export type RouteSecurity = 'bearer' | 'admin' | 'webhookSecret' | 'none';

/** One documented answer of a route. */
export interface ResponseSpec {
  status: number;
  description: string;
  /** JSON body (application/json unless `contentType` says otherwise); none for 204. */
  schema?: z.ZodType;
  contentType?: string;
  /** The answer carries a `Location` header. */
  location?: boolean;
}

/**
 * One route of the HTTP API as the OpenAPI document shows it. The zod schemas are the ones the route validates
 * with (so the document cannot drift from what the API accepts); responses are contracts/schemas/responses/**.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** Express path syntax (`/api/campaigns/:campaignId`). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  security: RouteSecurity;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers beyond authentication (e.g. Idempotency-Key). */
  headers?: z.ZodObject;
  body?: { schema: z.ZodType; contentType?: string; description?: string };
  /** The route's own answers; 400/401/413/500 are added from its inputs and security (see document.ts). */
  responses: ResponseSpec[];
}
