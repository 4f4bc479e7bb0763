import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../lib/prisma';
import { generateSecret } from '../../lib/standard-webhooks';
import { notFound } from '../errors';

/** A subscription as the API shows it (the secret only when it was just issued). */
export interface SubscriptionView {
  id: string;
  targetUrl: string;
  eventTypes: string[];
  campaignIds: string[];
  createdAt: string;
  secret?: string;
}

interface Row {
  id: string;
  target_url: string;
  event_types: string[] | null;
  campaign_ids: string[] | null;
  secret: string;
  created_at: Date;
  inserted?: boolean;
}

const view = (r: Row, withSecret = false): SubscriptionView => ({
  id: r.id,
  targetUrl: r.target_url,
  eventTypes: r.event_types ?? [],
  campaignIds: r.campaign_ids ?? [],
  createdAt: r.created_at.toISOString(),
  ...(withSecret ? { secret: r.secret } : {}),
});

const COLUMNS = `id::text AS id, target_url, event_types, campaign_ids, secret, created_at`;

/**
 * Creates a subscription, or — same organization and targetUrl — replaces its filters and issues a NEW secret
 * (so a re-activated n8n trigger always holds the current one). `created` says which happened.
 */
export async function upsertSubscription(
  prisma: PrismaClient,
  organizationId: string,
  input: { targetUrl: string; eventTypes: string[]; campaignIds: string[] },
): Promise<{ created: boolean; subscription: SubscriptionView }> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `INSERT INTO event_subscriptions (id, organization_id, target_url, secret, event_types, campaign_ids)
     VALUES ($1::uuid, $2::uuid, $3::text, $4::text, $5::text[], $6::text[])
     ON CONFLICT (organization_id, target_url) DO UPDATE
       SET secret = EXCLUDED.secret, event_types = EXCLUDED.event_types, campaign_ids = EXCLUDED.campaign_ids
     RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
    randomUUID(),
    organizationId,
    input.targetUrl,
    generateSecret(),
    [...new Set(input.eventTypes)],
    [...new Set(input.campaignIds)],
  );
  const row = rows[0]!;
  return { created: row.inserted === true, subscription: view(row, true) };
}

/** The organization's subscriptions (optionally one targetUrl), without secrets. */
export async function listSubscriptions(prisma: PrismaClient, organizationId: string, targetUrl?: string) {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${COLUMNS} FROM event_subscriptions
      WHERE organization_id = $1::uuid AND ($2::text IS NULL OR target_url = $2::text) ORDER BY created_at, id`,
    organizationId,
    targetUrl ?? null,
  );
  return { items: rows.map((r) => view(r)) };
}

/** One subscription without its secret; 404 when gone. */
export async function getSubscription(prisma: PrismaClient, organizationId: string, id: string) {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${COLUMNS} FROM event_subscriptions WHERE organization_id = $1::uuid AND id = $2::uuid`,
    organizationId,
    id,
  );
  if (!rows[0]) throw notFound(`subscription ${id}`);
  return view(rows[0]);
}

/** Deletes a subscription (its delivery ledger goes with it); 404 when gone. */
export async function deleteSubscription(
  prisma: PrismaClient,
  organizationId: string,
  id: string,
): Promise<void> {
  const n = await prisma.$executeRawUnsafe(
    `DELETE FROM event_subscriptions WHERE organization_id = $1::uuid AND id = $2::uuid`,
    organizationId,
    id,
  );
  if (n === 0) throw notFound(`subscription ${id}`);
}
