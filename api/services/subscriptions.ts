import {
  deleteSubscriptionRow,
  subscriptionRow,
  subscriptionRows,
  upsertSubscriptionRow,
  type SubscriptionRow,
} from '../../db/subscriptions';
import { encryptSecret } from '../../lib/crypto';
import type { PrismaClient } from '../../lib/prisma';
import { generateSecret } from '../../lib/standard-webhooks';
import { subscriptionSecretAad } from '../../lib/subscription-secret';
import { HttpError, notFound } from '../errors';

/** A subscription as the API shows it (the secret only when it was just issued). */
export interface SubscriptionView {
  id: string;
  targetUrl: string;
  eventTypes: string[];
  campaignIds: string[];
  createdAt: string;
  secret?: string;
}

const view = (r: SubscriptionRow, secret?: string): SubscriptionView => ({
  id: r.id,
  targetUrl: r.target_url,
  eventTypes: r.event_types ?? [],
  campaignIds: r.campaign_ids ?? [],
  createdAt: r.created_at.toISOString(),
  ...(secret === undefined ? {} : { secret }),
});

/**
 * Creates a subscription, or — same organization and targetUrl — replaces its filters and issues a NEW secret
 * (so a re-activated n8n trigger always holds the current one). `created` says which happened. The secret is
 * stored sealed with the settings key, bound to (organization, targetUrl). A NEW target beyond `limit`
 * subscriptions is refused with 409 (the organization row is locked, so concurrent creates cannot overshoot).
 */
export async function upsertSubscription(
  prisma: PrismaClient,
  organizationId: string,
  input: { targetUrl: string; eventTypes: string[]; campaignIds: string[] },
  opts: { limit: number; encryptionKey: string },
): Promise<{ created: boolean; subscription: SubscriptionView }> {
  const secret = generateSecret();
  const sealed = encryptSecret(
    secret,
    opts.encryptionKey,
    subscriptionSecretAad(organizationId, input.targetUrl),
  );
  const row = await upsertSubscriptionRow(
    prisma,
    organizationId,
    { ...input, secretSealed: sealed },
    opts.limit,
  );
  if (row === 'limit_reached') {
    throw new HttpError(
      409,
      'subscription_limit_reached',
      `an organization may have at most ${opts.limit} subscriptions; delete one first`,
    );
  }
  return { created: row.inserted === true, subscription: view(row, secret) };
}

/** One page of the organization's subscriptions, oldest first (optionally one targetUrl), without secrets. */
export async function listSubscriptions(
  prisma: PrismaClient,
  organizationId: string,
  query: { targetUrl?: string; limit: number; cursor?: { createdUs: string; id: string } },
): Promise<{ items: SubscriptionView[]; nextCursor: string | null }> {
  const rows = await subscriptionRows(prisma, organizationId, query);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => view(r)),
    nextCursor: rows.length > query.limit && last ? `${last.created_us}_${last.id}` : null,
  };
}

/** One subscription without its secret; 404 when gone. */
export async function getSubscription(prisma: PrismaClient, organizationId: string, id: string) {
  const row = await subscriptionRow(prisma, organizationId, id);
  if (!row) throw notFound(`subscription ${id}`);
  return view(row);
}

/** Deletes a subscription (its delivery ledger goes with it); 404 when gone. */
export async function deleteSubscription(
  prisma: PrismaClient,
  organizationId: string,
  id: string,
): Promise<void> {
  if (!(await deleteSubscriptionRow(prisma, organizationId, id))) throw notFound(`subscription ${id}`);
}
