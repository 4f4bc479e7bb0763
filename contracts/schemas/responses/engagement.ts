import { z } from 'zod';
import { isoDateTime, nullableDateTime, pageOf, uuid } from './common';

const count = z.number().int().min(0);
const smallInt = z.number().int().nullable();

const funnel = {
  opened: count,
  clicked: count,
  replied: count,
  autoReplied: count,
  bounced: count,
  unsubscribed: count,
};

const stepMetrics = z.object({ sent: count, opened: count, clicked: count, replied: count });

/**
 * GET /api/campaigns/:campaignId/analytics: from our database (export counters + step counters, repaired with
 * Instantly's step analytics stored by the last sync).
 */
export const analyticsResponseSchema = z.object({
  campaignId: uuid,
  lastSyncedAt: nullableDateTime,
  funnel: z.object({ leads: count, sent: count, emailsSent: count, ...funnel }),
  steps: z.array(
    z
      .object({
        step: z.number().int(),
        variant: smallInt,
        sent: count,
        opened: count,
        clicked: count,
        replied: count,
        fromEvents: stepMetrics.meta({ description: 'what our stored events count for this step' }),
        instantly: stepMetrics.nullable().meta({
          description: "Instantly's step analytics as the last sync read them (null: none read yet)",
        }),
      })
      .meta({
        description:
          'sent/opened/clicked/replied: the larger of fromEvents and instantly (events lost in a webhook outage leave Instantly higher)',
      }),
  ),
  exports: z.array(
    z.object({
      exportId: uuid,
      instantlyCampaignId: z.string().nullable(),
      instantlyCampaignName: z.string(),
      status: z.string(),
      leads: count,
      counters: z.object({ emailsSent: count, contacted: count, ...funnel }),
      lastSyncedAt: nullableDateTime,
      stepFiguresSyncedAt: nullableDateTime,
      lastDrift: z.unknown().meta({ description: 'the last drift report (null before the first sync)' }),
      driftHistory: z.array(z.unknown()),
    }),
  ),
});

/** One stored event (GET /api/campaigns/:campaignId/events). */
export const engagementEventSchema = z.object({
  id: z.string().meta({ description: 'event id (bigint as a decimal string); the cursor of the next page' }),
  type: z.string(),
  occurredAt: isoDateTime,
  receivedAt: isoDateTime,
  appliedAt: nullableDateTime,
  exportId: uuid.nullable(),
  businessId: uuid.nullable(),
  leadEmail: z.string().nullable(),
  step: smallInt,
  variant: smallInt,
  source: z.enum(['webhook', 'delivery_log', 'poll']),
  knownType: z.boolean(),
  occurredAtApproximated: z.boolean().meta({
    description:
      "true for a stand-in synthesized from the lead's counters after lost webhooks: the time is the lead's last activity of that kind, not this event's own time",
  }),
});
export const eventsResponseSchema = pageOf(engagementEventSchema);

/** One reply of the inbox (GET /api/campaigns/:campaignId/replies), newest first. */
export const replySchema = z.object({
  id: z.string(),
  businessId: uuid.nullable(),
  exportId: uuid.nullable(),
  email: z.string().nullable(),
  replyText: z.string().nullable(),
  replySubject: z.string().nullable(),
  repliedAt: isoDateTime,
  repliedAtApproximated: z.boolean().meta({
    description:
      "true when the reply's own time is unknown (lost webhook, text not recovered): the lead's last reply time",
  }),
  uniboxUrl: z.string().nullable(),
  step: smallInt,
  variant: smallInt,
});
export const repliesResponseSchema = pageOf(replySchema);

/** POST /api/campaigns/:campaignId/sync (202): how many engagement workflows were signalled. */
export const syncResponseSchema = z.object({ campaignId: uuid, signalled: count });

/** DELETE /api/businesses/:id/personal-data. */
export const personalDataDeletedResponseSchema = z.object({
  businessId: uuid,
  personalDataDeletedAt: isoDateTime,
  eventsRedacted: count,
  otherBusinessesCleared: count,
  addressSuppressed: z.boolean(),
});
