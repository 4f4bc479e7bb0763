import { z } from 'zod';
import { exportRequestSchema } from '../../contracts/schemas/export-request';
import {
  exportCancelResponseSchema,
  exportListResponseSchema,
  exportResponseSchema,
  exportStartedResponseSchema,
} from '../../contracts/schemas/responses/exports';
import { params as campaignParams } from '../routes/campaigns';
import { idempotencyKeySchema } from '../services/export-request-hash';
import { errorAnswer, notFoundAnswer } from './responses';
import type { RouteSpec } from './types';

// api/routes/exports.ts builds the same schema with a module-private helper. It cannot export it: its router
// names a local `exports`, which shadows CommonJS's exports object inside that function.
const exportParams = z.object({ exportId: z.uuid('exportId must be a UUID') });
const campaign = notFoundAnswer('campaign');

/** Exports of a campaign to Instantly. */
export const exportRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/campaigns/:campaignId/export-to-instantly',
    operationId: 'startExport',
    tag: 'exports',
    summary: 'Export the campaign to a new Instantly campaign (a durable workflow)',
    description:
      'Every check runs first (400 names each bad field). The same Idempotency-Key, or an identical body while ' +
      'that export runs or after it completed (unless `force`), returns the existing export with 200.',
    security: 'bearer',
    params: campaignParams,
    headers: z.object({ 'idempotency-key': idempotencyKeySchema.optional() }),
    body: { schema: exportRequestSchema },
    responses: [
      { status: 202, description: 'started', schema: exportStartedResponseSchema, location: true },
      {
        status: 200,
        description: 'this request made the export already',
        schema: exportStartedResponseSchema,
        location: true,
      },
      campaign,
      errorAnswer(409, 'conflict: the export is being changed concurrently; retry'),
      errorAnswer(422, 'idempotency_key_reused: the Idempotency-Key was used for a different request'),
    ],
  },
  {
    method: 'get',
    path: '/api/exports/:exportId',
    operationId: 'getExport',
    tag: 'exports',
    summary: 'Status of an export: live progress while running, the result once finished',
    security: 'bearer',
    params: exportParams,
    responses: [
      { status: 200, description: 'the export', schema: exportResponseSchema },
      notFoundAnswer('export'),
    ],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/exports',
    operationId: 'listExports',
    tag: 'exports',
    summary: 'The exports of a campaign, newest first (at most 100)',
    security: 'bearer',
    params: campaignParams,
    responses: [{ status: 200, description: 'the exports', schema: exportListResponseSchema }, campaign],
  },
  {
    method: 'post',
    path: '/api/exports/:exportId/cancel',
    operationId: 'cancelExport',
    tag: 'exports',
    summary: 'Cancel a running export (the workflow records the cancellation)',
    security: 'bearer',
    params: exportParams,
    responses: [
      {
        status: 202,
        description: 'cancelling, or the status it had ended with',
        schema: exportCancelResponseSchema,
      },
      notFoundAnswer('export'),
    ],
  },
];
