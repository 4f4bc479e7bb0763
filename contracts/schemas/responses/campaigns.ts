import { REPLY_LABELS } from '../../reply-labels';
import { z } from 'zod';
import { isoDateTime, nullableDateTime, uuid } from './common';

/** POST /api/campaigns and POST /api/campaigns/import (201). */
export const campaignCreatedResponseSchema = z.object({ id: uuid, businessCount: z.number().int().min(0) });

/** POST /api/campaigns/:campaignId/businesses (201). */
export const businessesAddedResponseSchema = z.object({ campaignId: uuid, added: z.number().int().min(0) });

/** GET /api/campaigns/:campaignId: the campaign row and its number of businesses. */
export const campaignResponseSchema = z.object({
  id: uuid,
  organizationId: uuid,
  name: z.string(),
  keywords: z.string().nullable(),
  location: z.string().nullable(),
  status: z.string(),
  exportedToInstantly: z.boolean(),
  instantlyExportDate: nullableDateTime,
  instantlyCampaignCount: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  businessCount: z.number().int().min(0),
});

/** GET /api/campaigns: one campaign of the list (the dashboard's). */
export const campaignListItemSchema = z.object({
  id: uuid,
  name: z.string(),
  createdAt: isoDateTime,
  businesses: z.number().int().min(0),
  withEmail: z.number().int().min(0),
  lastExport: z
    .object({
      id: uuid,
      status: z.string(),
      instantlyCampaignId: z.string().nullable(),
      createdAt: isoDateTime,
    })
    .nullable(),
});

/** POST /api/replies/classify: the offline classifier's answer. */
export const replyClassificationResponseSchema = z.looseObject({
  label: z.enum(REPLY_LABELS),
  confidence: z.number().min(0).max(1),
  reasons: z.array(z.string()),
  version: z.string().optional(),
});
