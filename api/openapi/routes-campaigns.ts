import { z } from 'zod';
import { addBusinessesSchema, createCampaignSchema } from '../../contracts/schemas/campaign-import';
import { pgText } from '../../contracts/schemas/pg-safe';
import { pageOf } from '../../contracts/schemas/responses/common';
import {
  businessesAddedResponseSchema,
  campaignCreatedResponseSchema,
  campaignListItemSchema,
  campaignResponseSchema,
} from '../../contracts/schemas/responses/campaigns';
import { params as campaignParams } from '../routes/campaigns';
import { errorAnswer, notFoundAnswer } from './responses';
import type { RouteSpec } from './types';

const campaign = notFoundAnswer('campaign');

// GET /api/campaigns (the dashboard's list, issue 17): the query its route validates.
const campaignListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .meta({ description: 'nextCursor of the previous page' }),
  q: pgText(200).trim().min(1).optional().meta({ description: 'a substring of the name' }),
});

/** Campaigns (ours) and their businesses. */
export const campaignRoutes: RouteSpec[] = [
  {
    method: 'get',
    path: '/api/campaigns',
    operationId: 'listCampaigns',
    tag: 'campaigns',
    summary: "The organization's campaigns, newest first, with counts and the last export",
    security: 'bearer',
    query: campaignListQuery,
    responses: [{ status: 200, description: 'a page', schema: pageOf(campaignListItemSchema) }],
  },
  {
    method: 'post',
    path: '/api/campaigns',
    operationId: 'createCampaign',
    tag: 'campaigns',
    summary: 'Create a campaign with its businesses (at most 5,000 per request)',
    security: 'bearer',
    body: { schema: createCampaignSchema },
    responses: [
      { status: 201, description: 'created', schema: campaignCreatedResponseSchema, location: true },
    ],
  },
  {
    method: 'post',
    path: '/api/campaigns/import',
    operationId: 'importCampaign',
    tag: 'campaigns',
    summary: 'Create a campaign from an NDJSON stream, in one transaction',
    description:
      'First line `{"name": …, "keywords"?, "location"?}`, then one business per line (the fields of ' +
      'createCampaign\'s businesses). The first bad line is a 400 whose details[].path starts with "line N".',
    security: 'bearer',
    body: {
      schema: z.string(),
      contentType: 'application/x-ndjson',
      description: 'one JSON object per line',
    },
    responses: [
      { status: 201, description: 'created', schema: campaignCreatedResponseSchema, location: true },
      errorAnswer(413, 'line_too_long: one line is longer than the import accepts'),
      errorAnswer(415, 'unsupported_media_type: send Content-Type application/x-ndjson'),
    ],
  },
  {
    method: 'post',
    path: '/api/campaigns/:campaignId/businesses',
    operationId: 'addBusinesses',
    tag: 'campaigns',
    summary: 'Add businesses to a campaign',
    security: 'bearer',
    params: campaignParams,
    body: { schema: addBusinessesSchema },
    responses: [{ status: 201, description: 'added', schema: businessesAddedResponseSchema }, campaign],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId',
    operationId: 'getCampaign',
    tag: 'campaigns',
    summary: 'A campaign and its number of businesses',
    security: 'bearer',
    params: campaignParams,
    responses: [{ status: 200, description: 'the campaign', schema: campaignResponseSchema }, campaign],
  },
];
