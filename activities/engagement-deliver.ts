import type { PrismaClient } from '../lib/prisma';
import { signedHeaders } from '../lib/standard-webhooks';

// Every (subscription, applied event) pair that matches the subscription's filters, with whether it was
// delivered already. Filters: empty event_types = all (the subscription spelling email_link_clicked also
// matches link_clicked); empty campaign_ids = all of the organization's campaigns (our gmaps campaign ids).
// Events synthesized from Instantly's lead counters (source 'poll') are never delivered: a sync that runs
// while webhooks are in flight synthesizes one for an open/reply whose real webhook arrives moments later
// under its own key, so delivering both would run the subscriber twice for one happening (the second time
// without reply text). Webhook and delivery-log events share one key per real event and are delivered.
const PAIRS_SQL = `
SELECT s.id::text AS subscription_id, s.target_url, s.secret, e.id::text AS event_id, e.dedupe_key,
  e.event_type, e.occurred_at, e.export_id::text AS export_id, c.campaign_id::text AS campaign_id,
  e.instantly_campaign_id, e.business_id::text AS business_id, e.lead_email, e.step, e.variant,
  e.payload->>'reply_text' AS reply_text, e.payload->>'reply_subject' AS reply_subject,
  e.payload->>'unibox_url' AS unibox_url,
  EXISTS (SELECT 1 FROM event_deliveries d WHERE d.subscription_id = s.id AND d.event_id = e.id) AS done
FROM gmaps_instantly_events e
JOIN gmaps_instantly_campaigns c ON c.id = e.export_id
JOIN event_subscriptions s ON s.organization_id = c.organization_id
WHERE e.id = ANY($1::bigint[]) AND e.applied_at IS NOT NULL AND e.source <> 'poll'
  AND (coalesce(cardinality(s.event_types), 0) = 0 OR e.event_type = ANY(s.event_types)
       OR (e.event_type = 'link_clicked' AND 'email_link_clicked' = ANY(s.event_types)))
  AND (coalesce(cardinality(s.campaign_ids), 0) = 0 OR c.campaign_id::text = ANY(s.campaign_ids))
ORDER BY e.id, s.id`;

interface Pair {
  subscription_id: string;
  target_url: string;
  secret: string;
  event_id: string;
  dedupe_key: string;
  event_type: string;
  occurred_at: Date;
  export_id: string;
  campaign_id: string;
  instantly_campaign_id: string | null;
  business_id: string | null;
  lead_email: string | null;
  step: number | null;
  variant: number | null;
  reply_text: string | null;
  reply_subject: string | null;
  unibox_url: string | null;
  done: boolean;
}

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
  return body;
}

/** Outcome of one delivery pass. */
export interface DeliveryOutcome {
  delivered: number;
  skipped: number;
  failed: number;
  /** First failure, for the error message (URL host and status only). */
  firstError: string | null;
}

async function post(p: Pair, timeoutMs: number): Promise<{ ok: boolean; status: number; error?: string }> {
  const body = JSON.stringify(deliveryBody(p));
  try {
    const res = await fetch(p.target_url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signedHeaders(p.secret, p.dedupe_key, body) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return { ok, status: res.status, error: ok ? undefined : `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, status: 0, error: err instanceof Error ? err.name : 'network error' };
  }
}

/**
 * POSTs each applied event to every matching subscriber that has not received it yet (Standard Webhooks
 * signed, webhook-id = the event's dedupe key) and records each 2xx in event_deliveries, so a later pass
 * (an activity retry) skips it. Never throws for a failed POST: the caller decides (count in the outcome).
 */
export async function deliverEvents(
  prisma: PrismaClient,
  eventIds: string[],
  opts: { attempt?: number; timeoutMs?: number; concurrency?: number; onProgress?: () => void } = {},
): Promise<DeliveryOutcome> {
  const outcome: DeliveryOutcome = { delivered: 0, skipped: 0, failed: 0, firstError: null };
  if (eventIds.length === 0) return outcome;
  const pairs = await prisma.$queryRawUnsafe<Pair[]>(PAIRS_SQL, eventIds);
  const todo = pairs.filter((p) => !p.done);
  outcome.skipped = pairs.length - todo.length;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let p = todo[next++]; p; p = todo[next++]) {
      const r = await post(p, opts.timeoutMs ?? 10_000);
      if (r.ok) {
        await prisma.$executeRawUnsafe(
          `INSERT INTO event_deliveries (subscription_id, event_id, attempts, status_code)
           VALUES ($1::uuid, $2::bigint, $3::int, $4::int) ON CONFLICT DO NOTHING`,
          p.subscription_id,
          p.event_id,
          opts.attempt ?? 1,
          r.status,
        );
        outcome.delivered += 1;
      } else {
        outcome.failed += 1;
        outcome.firstError ??= `${new URL(p.target_url).host}: ${r.error ?? 'failed'}`;
      }
      opts.onProgress?.();
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 8, todo.length) }, worker));
  return outcome;
}
