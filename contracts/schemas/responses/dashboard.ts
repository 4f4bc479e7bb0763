import { z } from 'zod';
import { REPLY_LABELS } from '../../reply-labels';
import { timezoneUsedSchema } from './exports';

/** POST /api/campaigns/:campaignId/export-preview: what an export of this request would send (nothing written). */
export const exportPreviewResponseSchema = z.object({
  variables: z.array(z.string()).meta({ description: 'the {{variables}} the sequence uses' }),
  available: z.array(z.string()).meta({ description: 'the variables a lead of this campaign offers' }),
  leadsWithEmail: z.number().int(),
  leadsMissingAny: z.number().int().meta({ description: 'leads lacking at least one used variable' }),
  byVariable: z.array(z.object({ variable: z.string(), leads: z.number().int() })),
  sample: z
    .object({ businessId: z.uuid(), businessName: z.string(), subject: z.string(), body: z.string() })
    .nullable()
    .meta({ description: 'the first e-mail rendered for one real lead; null when no lead has an e-mail' }),
  timezone: timezoneUsedSchema,
});

const count = z.number().int().min(0);

/** GET /api/campaigns/:campaignId/analytics/daily: events per UTC day and funnel stage. */
export const dailyTrendResponseSchema = z.object({
  campaignId: z.uuid(),
  timezone: z.literal('UTC'),
  days: z.array(
    z.object({
      date: z.string().meta({ description: 'YYYY-MM-DD (UTC)' }),
      sent: count,
      opened: count,
      clicked: count,
      replied: count,
      bounced: count,
      unsubscribed: count,
    }),
  ),
});

const label = z.enum(REPLY_LABELS);

/** GET /api/campaigns/:campaignId/replies/labelled: the reply inbox with labels, interested first. */
export const labelledRepliesResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      businessId: z.uuid().nullable(),
      exportId: z.uuid().nullable(),
      auto: z.boolean(),
      email: z.string().nullable(),
      replyText: z.string().nullable(),
      replySubject: z.string().nullable(),
      repliedAt: z.string().nullable(),
      label: label.nullable(),
      confidence: z.number().nullable(),
      classifierVersion: z.string().nullable(),
      returnDate: z.string().nullable().meta({ description: 'out_of_office: the return date (YYYY-MM-DD)' }),
    }),
  ),
  nextCursor: z.string().nullable(),
});

/** GET /api/campaigns/:campaignId/replies/labels: replies per label (every label present). */
export const replyLabelCountsResponseSchema = z.object({
  labels: z.array(z.object({ label, replies: count })),
});
