import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../lib/prisma';

/** A subscription row as the statements below return it. */
export interface SubscriptionRow {
  id: string;
  target_url: string;
  event_types: string[] | null;
  campaign_ids: string[] | null;
  created_at: Date;
  /** created_at in microseconds since the epoch, exact (the list's keyset cursor). */
  created_us: string;
  inserted?: boolean;
}

const COLUMNS = `id::text AS id, target_url, event_types, campaign_ids, created_at,
  (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us`;

/**
 * Creates the organization's subscription to `targetUrl`, or replaces its filters and sealed secret.
 * 'limit_reached' when it would be a NEW target beyond `limit` (the organization row is locked, so concurrent
 * creates cannot overshoot).
 */
export async function upsertSubscriptionRow(
  prisma: PrismaClient,
  organizationId: string,
  input: { targetUrl: string; eventTypes: string[]; campaignIds: string[]; secretSealed: string },
  limit: number,
): Promise<SubscriptionRow | 'limit_reached'> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 FROM organizations WHERE id = $1::uuid FOR UPDATE`, organizationId);
    const [n] = await tx.$queryRawUnsafe<{ others: number; present: boolean }[]>(
      `SELECT count(*) FILTER (WHERE target_url <> $2::text)::int AS others,
              coalesce(bool_or(target_url = $2::text), false) AS present
         FROM event_subscriptions WHERE organization_id = $1::uuid`,
      organizationId,
      input.targetUrl,
    );
    if (!n!.present && n!.others >= limit) return 'limit_reached' as const;
    const rows = await tx.$queryRawUnsafe<SubscriptionRow[]>(
      `INSERT INTO event_subscriptions (id, organization_id, target_url, secret, secret_sealed, event_types, campaign_ids)
       VALUES ($1::uuid, $2::uuid, $3::text, NULL, $4::text, $5::text[], $6::text[])
       ON CONFLICT (organization_id, target_url) DO UPDATE
         SET secret = NULL, secret_sealed = EXCLUDED.secret_sealed, event_types = EXCLUDED.event_types,
             campaign_ids = EXCLUDED.campaign_ids
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      randomUUID(),
      organizationId,
      input.targetUrl,
      input.secretSealed,
      [...new Set(input.eventTypes)],
      [...new Set(input.campaignIds)],
    );
    return rows[0]!;
  });
}

/** One page (limit + 1 rows, so the caller knows whether more follow) of the organization's subscriptions. */
export async function subscriptionRows(
  prisma: PrismaClient,
  organizationId: string,
  query: { targetUrl?: string; limit: number; cursor?: { createdUs: string; id: string } },
): Promise<SubscriptionRow[]> {
  return prisma.$queryRawUnsafe<SubscriptionRow[]>(
    `SELECT ${COLUMNS} FROM event_subscriptions
      WHERE organization_id = $1::uuid AND ($2::text IS NULL OR target_url = $2::text)
        AND ($3::bigint IS NULL
             OR (created_at, id) > (to_timestamp(0) + $3::bigint * interval '1 microsecond', $4::uuid))
      ORDER BY created_at, id LIMIT $5::int`,
    organizationId,
    query.targetUrl ?? null,
    query.cursor?.createdUs ?? null,
    query.cursor?.id ?? null,
    query.limit + 1,
  );
}

/** The organization's subscription, or null. */
export async function subscriptionRow(
  prisma: PrismaClient,
  organizationId: string,
  id: string,
): Promise<SubscriptionRow | null> {
  const rows = await prisma.$queryRawUnsafe<SubscriptionRow[]>(
    `SELECT ${COLUMNS} FROM event_subscriptions WHERE organization_id = $1::uuid AND id = $2::uuid`,
    organizationId,
    id,
  );
  return rows[0] ?? null;
}

/** Deletes the organization's subscription (its delivery ledger goes with it); false when it has none. */
export async function deleteSubscriptionRow(
  prisma: PrismaClient,
  organizationId: string,
  id: string,
): Promise<boolean> {
  const { count } = await prisma.eventSubscription.deleteMany({ where: { id, organizationId } });
  return count > 0;
}
