import type { PrismaClient } from '../lib/prisma';

// Deliveries of applied events to an organization's subscribers: which (subscription, event) pairs are due and
// which were delivered. The POSTing is in activities/engagement-deliver.ts.

// Every (subscription, applied event) pair that matches the subscription's filters, with whether it was
// delivered already. Filters: empty event_types = all (the subscription spelling email_link_clicked also
// matches link_clicked); empty campaign_ids = all of the organization's campaigns (our gmaps campaign ids).
// Events synthesized from Instantly's lead counters (source 'poll') are never delivered: a sync that runs
// while webhooks are in flight synthesizes one for an open/reply whose real webhook arrives moments later
// under its own key, so delivering both would run the subscriber twice for one happening (the second time
// without reply text). Webhook and delivery-log events share one key per real event and are delivered.
const PAIRS_SQL = `
SELECT s.id::text AS subscription_id, s.organization_id::text AS organization_id, s.target_url, s.secret,
  s.secret_sealed, e.id::text AS event_id, e.dedupe_key,
  e.event_type, e.occurred_at, e.export_id::text AS export_id, c.campaign_id::text AS campaign_id,
  e.instantly_campaign_id, e.business_id::text AS business_id, e.lead_email, e.step, e.variant,
  e.payload->>'reply_text' AS reply_text, e.payload->>'reply_subject' AS reply_subject,
  e.payload->>'unibox_url' AS unibox_url, e.reply_label, e.reply_confidence,
  EXISTS (SELECT 1 FROM event_deliveries d WHERE d.subscription_id = s.id AND d.event_id = e.id) AS done
FROM gmaps_instantly_events e
JOIN gmaps_instantly_campaigns c ON c.id = e.export_id
JOIN event_subscriptions s ON s.organization_id = c.organization_id
WHERE e.id = ANY($1::bigint[]) AND e.applied_at IS NOT NULL AND e.source <> 'poll'
  AND (coalesce(cardinality(s.event_types), 0) = 0 OR e.event_type = ANY(s.event_types)
       OR (e.event_type = 'link_clicked' AND 'email_link_clicked' = ANY(s.event_types)))
  AND (coalesce(cardinality(s.campaign_ids), 0) = 0 OR c.campaign_id::text = ANY(s.campaign_ids))
ORDER BY e.id, s.id`;

/** One (subscription, event) row of PAIRS_SQL. */
export interface Pair {
  subscription_id: string;
  organization_id: string;
  target_url: string;
  secret: string | null;
  secret_sealed: string | null;
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
  /** The classifier's label (replies only; the workflow classifies before it delivers). */
  reply_label: string | null;
  reply_confidence: number | null;
  done: boolean;
}

/** Every (subscription, applied event) pair of these events that matches the subscription's filters. */
export async function deliveryPairs(prisma: PrismaClient, eventIds: readonly string[]): Promise<Pair[]> {
  return prisma.$queryRawUnsafe<Pair[]>(PAIRS_SQL, eventIds);
}

/** Records a 2xx delivery: a later pass skips the pair. */
export async function recordDelivery(
  prisma: PrismaClient,
  d: { subscriptionId: string; eventId: string; attempt: number; statusCode: number },
): Promise<void> {
  await prisma.eventDelivery.createMany({
    data: [
      {
        subscriptionId: d.subscriptionId,
        eventId: BigInt(d.eventId),
        attempts: d.attempt,
        statusCode: d.statusCode,
      },
    ],
    skipDuplicates: true,
  });
}

/** Replaces a legacy clear signing secret by its sealed form (only while the row still holds that secret). */
export async function sealLegacySecret(
  prisma: PrismaClient,
  subscriptionId: string,
  secret: string,
  sealed: string,
): Promise<void> {
  await prisma.eventSubscription.updateMany({
    where: { id: subscriptionId, secret },
    data: { secretSealed: sealed, secret: null },
  });
}

// Claims (subscription, event) for one POST unless it was delivered already or another holder's claim is still
// valid; an expired claim (its holder crashed) is taken over. One statement, so two claimers cannot both win.
const CLAIM_SQL = `
INSERT INTO event_delivery_claims (subscription_id, event_id, claimed_until)
SELECT $1::uuid, $2::bigint, now() + $3::int * interval '1 millisecond'
WHERE NOT EXISTS (SELECT 1 FROM event_deliveries d WHERE d.subscription_id = $1::uuid AND d.event_id = $2::bigint)
ON CONFLICT (subscription_id, event_id) DO UPDATE SET claimed_until = excluded.claimed_until
  WHERE event_delivery_claims.claimed_until < now()
RETURNING 1 AS claimed`;

/**
 * Claims one delivery for `leaseMs`: true when this caller may POST it now. False when it was delivered already
 * or another activity is POSTing it (the workflow's delivery pool and a sync's sweep can deliver the same event at
 * the same moment). Release the claim when the POST ended, after recording a 2xx (see releaseDelivery).
 */
export async function claimDelivery(
  prisma: PrismaClient,
  p: { subscriptionId: string; eventId: string },
  leaseMs: number,
): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<unknown[]>(CLAIM_SQL, p.subscriptionId, p.eventId, leaseMs);
  return rows.length > 0;
}

/** Ends a claim (after the delivery was recorded, or after a failed POST so that a retry may claim it). */
export async function releaseDelivery(
  prisma: PrismaClient,
  p: { subscriptionId: string; eventId: string },
): Promise<void> {
  await prisma.eventDeliveryClaim.deleteMany({
    where: { subscriptionId: p.subscriptionId, eventId: BigInt(p.eventId) },
  });
}
