import { z } from 'zod';
import { isoDateTime, nullableDateTime, uuid } from './common';

const count = z.number().int().min(0);

/** contracts/export.ts ExportCounters: sent = uploaded + duplicate + invalid + blocklisted + skipped. */
export const exportCountersSchema = z.object({
  eligible: count,
  rejected: count,
  alreadyExported: count,
  sent: count,
  uploaded: count,
  duplicate: count,
  invalid: count,
  blocklisted: count,
  skipped: count,
});

const links = {
  exportId: uuid,
  workflowId: z.string(),
  statusUrl: z.string().meta({ description: 'GET this URL for the export status' }),
  temporalUiUrl: z.string().meta({ description: 'the export workflow in the Temporal Web UI' }),
};

/** The timezone an export uses (a zone Instantly does not know is substituted by the nearest it does). */
export const timezoneUsedSchema = z.object({
  requested: z.string(),
  used: z.string(),
  substituted: z.boolean(),
  note: z.string().nullable(),
});

/** POST /api/campaigns/:campaignId/export-to-instantly: 202 started, 200 `existing: true` (the same request). */
export const exportStartedResponseSchema = z.object({
  ...links,
  existing: z.boolean(),
  timezone: timezoneUsedSchema,
});

/** GET /api/exports/:exportId (and each item of GET /api/campaigns/:campaignId/exports). */
export const exportResponseSchema = z.object({
  ...links,
  campaignId: uuid,
  instantlyCampaignName: z.string(),
  status: z.enum(['running', 'completed', 'failed', 'cancelled']),
  createdAt: isoDateTime,
  completedAt: nullableDateTime,
  progress: z
    .object({
      step: z.enum([
        'queued',
        'preflight',
        'creating_campaign',
        'uploading',
        'activating',
        'recording',
        'done',
      ]),
      batchesDone: count,
      batchesTotal: count,
      counters: exportCountersSchema,
    })
    .nullable()
    .meta({ description: 'live progress while running (null once finished)' }),
  result: z
    .object({
      instantlyCampaignId: z.string().nullable(),
      counters: exportCountersSchema,
      timezone: z.object({
        requested: z.string().nullable(),
        used: z.string().nullable(),
        substituted: z.boolean(),
      }),
      activated: z.boolean(),
      error: z.object({ type: z.string(), message: z.string() }).nullable(),
    })
    .nullable()
    .meta({ description: 'the outcome once finished (null while running)' }),
});

/** GET /api/campaigns/:campaignId/exports: newest first, at most 100. */
export const exportListResponseSchema = z.object({ items: z.array(exportResponseSchema) });

/** POST /api/exports/:exportId/cancel (202). */
export const exportCancelResponseSchema = z.object({
  exportId: uuid,
  status: z.enum(['cancelling', 'completed', 'failed', 'cancelled']),
});
