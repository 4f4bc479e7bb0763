import { exportRequestSchema } from '../../contracts/schemas/export-request';
import {
  dailyTrendResponseSchema,
  exportPreviewResponseSchema,
  labelledRepliesResponseSchema,
  replyLabelCountsResponseSchema,
} from '../../contracts/schemas/responses/dashboard';
import { params as dailyParams, query as dailyQuery } from '../routes/analytics-daily';
import { params as previewParams } from '../routes/export-preview';
import { params as inboxParams, query as inboxQuery } from '../routes/reply-inbox';
import { notFoundAnswer } from './responses';
import type { RouteSpec } from './types';

const campaign = notFoundAnswer('campaign');

/** The routes the dashboard added (export preview, daily trend) and the labelled reply inbox (issue 16). */
export const dashboardRoutes: RouteSpec[] = [
  {
    method: 'post',
    path: '/api/campaigns/:campaignId/export-preview',
    operationId: 'previewExport',
    tag: 'exports',
    summary: 'What an export of this request would send: variables, leads lacking them, one rendered e-mail',
    description: 'The same checks as starting an export; nothing is written or started.',
    security: 'bearer',
    params: previewParams,
    body: { schema: exportRequestSchema },
    responses: [{ status: 200, description: 'the preview', schema: exportPreviewResponseSchema }, campaign],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/analytics/daily',
    operationId: 'getDailyTrend',
    tag: 'engagement',
    summary: 'Events per UTC day and funnel stage (event counts, not unique leads)',
    security: 'bearer',
    params: dailyParams,
    query: dailyQuery,
    responses: [
      { status: 200, description: 'every day present', schema: dailyTrendResponseSchema },
      campaign,
    ],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/replies/labelled',
    operationId: 'listLabelledReplies',
    tag: 'engagement',
    summary: 'The reply inbox with classification labels, interested first, then newest first',
    security: 'bearer',
    params: inboxParams,
    query: inboxQuery,
    responses: [{ status: 200, description: 'a page', schema: labelledRepliesResponseSchema }, campaign],
  },
  {
    method: 'get',
    path: '/api/campaigns/:campaignId/replies/labels',
    operationId: 'countRepliesByLabel',
    tag: 'engagement',
    summary: 'Replies per classification label',
    security: 'bearer',
    params: inboxParams,
    responses: [
      { status: 200, description: 'every label', schema: replyLabelCountsResponseSchema },
      campaign,
    ],
  },
];
