import { mapBounded } from '../lib/concurrency';
import { createOutboundPoster } from '../lib/outbound/post';
import { systemResolver } from '../lib/outbound/target';
import {
  claimDelivery,
  deliveryPairs,
  recordDelivery,
  releaseDelivery,
  type Pair,
} from '../db/event-deliveries';
import type { PrismaClient } from '../lib/prisma';
import { signedHeaders } from '../lib/standard-webhooks';
import { secretOpener, type DeliverySettings } from './engagement-deliver-settings';

export { deliverySettings, type DeliverySettings } from './engagement-deliver-settings';

/** The JSON body a subscriber receives (the n8n trigger's item). */
function deliveryBody(p: Pair): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: p.dedupe_key,
    type: p.event_type,
    occurredAt: new Date(p.occurred_at).toISOString(),
    campaignId: p.campaign_id,
    exportId: p.export_id,
    instantlyCampaignId: p.instantly_campaign_id,
    businessId: p.business_id,
    leadEmail: p.lead_email,
    step: p.step,
    variant: p.variant,
  };
  if (p.reply_text !== null) body.replyText = p.reply_text;
  if (p.reply_subject !== null) body.replySubject = p.reply_subject;
  if (p.unibox_url !== null) body.uniboxUrl = p.unibox_url;
  if (p.reply_label !== null) body.replyLabel = p.reply_label;
  if (p.reply_confidence !== null) body.replyConfidence = p.reply_confidence;
  return body;
}

/** How much longer than the POST's own timeout a claim lasts (the record and release after it). */
const CLAIM_MARGIN_MS = 20_000;

/** Outcome of one delivery pass. */
export interface DeliveryOutcome {
  delivered: number;
  skipped: number;
  failed: number;
  /** Pairs another activity was POSTing at that moment: not done here; the caller checks again later. */
  inFlightElsewhere: number;
  /** First failure, for the error message: the subscription id and a fixed reason, never the remote answer. */
  firstError: string | null;
}

/**
 * POSTs each applied event to every matching subscriber that has not received it yet (Standard Webhooks
 * signed, webhook-id = the event's dedupe key) and records each 2xx in event_deliveries, so a later pass
 * (an activity retry) skips it. Targets are checked again at connect time (SUBSCRIPTION_ALLOW_PRIVATE_TARGETS;
 * no DNS rebinding). Never throws for a failed POST: the caller decides (count in the outcome).
 */
export async function deliverEvents(
  prisma: PrismaClient,
  eventIds: string[],
  settings: DeliverySettings,
  opts: { attempt?: number; timeoutMs?: number; concurrency?: number; onProgress?: () => void } = {},
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = {
    delivered: 0,
    skipped: 0,
    failed: 0,
    inFlightElsewhere: 0,
    firstError: null,
  };
  if (eventIds.length === 0) return outcome;
  const pairs = await deliveryPairs(prisma, eventIds);
  const todo = pairs.filter((p) => !p.done);
  outcome.skipped = pairs.length - todo.length;
  const concurrency = Math.min(opts.concurrency ?? 8, todo.length);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const poster = createOutboundPoster({
    policy: settings.policy,
    resolve: settings.resolve ?? systemResolver,
    maxSockets: Math.max(1, concurrency),
  });
  const secretOf = secretOpener(prisma, settings.encryptionKey);
  const deliverOne = async (p: Pair): Promise<{ ok: boolean; status: number; reason: string }> => {
    const secret = await secretOf(p).catch(() => null);
    if (secret === null) return { ok: false, status: 0, reason: 'signing secret could not be opened' };
    const body = JSON.stringify(deliveryBody(p));
    const headers = { 'content-type': 'application/json', ...signedHeaders(secret, p.dedupe_key, body) };
    return poster.post(p.target_url, headers, body, timeoutMs);
  };
  try {
    await mapBounded(todo, concurrency, async (p) => {
      const pair = { subscriptionId: p.subscription_id, eventId: p.event_id };
      // Another activity delivering this event right now (or a moment ago) means one POST, not two.
      if (!(await claimDelivery(prisma, pair, timeoutMs + CLAIM_MARGIN_MS))) {
        outcome.inFlightElsewhere += 1;
        opts.onProgress?.();
        return;
      }
      try {
        const r = await deliverOne(p);
        if (r.ok) {
          await recordDelivery(prisma, { ...pair, attempt: opts.attempt ?? 1, statusCode: r.status });
          outcome.delivered += 1;
        } else {
          outcome.failed += 1;
          outcome.firstError ??= `subscription ${p.subscription_id}: ${r.reason}`;
        }
      } finally {
        await releaseDelivery(prisma, pair); // after the record: a later claimer sees the delivery
      }
      opts.onProgress?.();
    });
  } finally {
    poster.close();
  }
  return outcome;
}
