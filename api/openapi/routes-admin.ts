import { z } from 'zod';
import { pgText } from '../../contracts/schemas/pg-safe';
import {
  organizationCreatedResponseSchema,
  organizationListResponseSchema,
  tokenCreatedResponseSchema,
  tokenListResponseSchema,
} from '../../contracts/schemas/responses/admin';
import { replyClassificationResponseSchema } from '../../contracts/schemas/responses/campaigns';
import { notFoundAnswer } from './responses';
import type { RouteSpec } from './types';

// Routes of this round's other branches (issue 13 admin API, issue 16 classifier), written from their briefs: the
// request schemas here stand in until those routes export theirs (then import them, as the other files do).
const organizationParams = z.object({ organizationId: z.uuid() });

/** The admin API (ADMIN_TOKEN) and the reply classifier. */
export const adminRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/replies/classify',
    operationId: 'classifyReply',
    tag: 'replies',
    summary: 'Classify a reply offline (deterministic): label, confidence and the reasons',
    security: 'bearer',
    body: {
      schema: z.object({
        subject: pgText(1000).optional(),
        text: pgText(1_000_000),
        auto: z.boolean().optional().meta({ description: 'Instantly marked it as an auto-reply' }),
      }),
    },
    responses: [{ status: 200, description: 'the label', schema: replyClassificationResponseSchema }],
  },
  {
    method: 'post',
    path: '/api/admin/organizations',
    operationId: 'createOrganization',
    tag: 'admin',
    summary: 'Create an organization and its first API token (shown once)',
    security: 'admin',
    body: { schema: z.object({ name: pgText(200).trim().min(1) }) },
    responses: [{ status: 201, description: 'created', schema: organizationCreatedResponseSchema }],
  },
  {
    method: 'get',
    path: '/api/admin/organizations',
    operationId: 'listOrganizations',
    tag: 'admin',
    summary: 'The organizations',
    security: 'admin',
    responses: [{ status: 200, description: 'the organizations', schema: organizationListResponseSchema }],
  },
  {
    method: 'post',
    path: '/api/admin/organizations/:organizationId/tokens',
    operationId: 'createOrganizationToken',
    tag: 'admin',
    summary: 'Another API token of the organization (rotation without downtime), shown once',
    security: 'admin',
    params: organizationParams,
    responses: [
      { status: 201, description: 'created', schema: tokenCreatedResponseSchema },
      notFoundAnswer('organization'),
    ],
  },
  {
    method: 'get',
    path: '/api/admin/organizations/:organizationId/tokens',
    operationId: 'listOrganizationTokens',
    tag: 'admin',
    summary:
      "The organization's tokens (id, label, created, last used, revoked), never the tokens themselves",
    security: 'admin',
    params: organizationParams,
    responses: [
      { status: 200, description: 'the tokens', schema: tokenListResponseSchema },
      notFoundAnswer('organization'),
    ],
  },
  {
    method: 'delete',
    path: '/api/admin/organizations/:organizationId/tokens/:tokenId',
    operationId: 'revokeOrganizationToken',
    tag: 'admin',
    summary: 'Revoke a token: its next request is a 401',
    security: 'admin',
    params: organizationParams.extend({ tokenId: z.uuid() }),
    responses: [{ status: 204, description: 'revoked' }, notFoundAnswer('token')],
  },
];
