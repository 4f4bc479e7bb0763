import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { LruMap } from '../lru';
import type { PrismaClient } from '../prisma';
import { organizationWebhookSecrets, type WebhookSecrets, type WebhookSecretEnv } from './webhook-secrets';

/** How long the intake trusts a looked-up secret: a rotation or a new organization is seen within this. */
export const WEBHOOK_SECRET_CACHE_MS = 2_000;

/**
 * The intake's view of organizations' webhook secrets: the default organization's from configuration, every
 * other's from the database, cached for WEBHOOK_SECRET_CACHE_MS (bounded: an LRU of 1,000 organizations, so
 * deliveries to made-up ids cannot grow memory) — a delivery burst costs one lookup, not one per event.
 * Concurrent lookups of one organization share one query.
 */
export function createWebhookSecretResolver(
  prisma: PrismaClient,
  env: WebhookSecretEnv,
  now: () => number = Date.now,
): (organizationId: string) => Promise<WebhookSecrets | null> {
  const cache = new LruMap<string, { at: number; secrets: Promise<WebhookSecrets | null> }>(1_000);
  return (organizationId) => {
    if (organizationId === DEFAULT_ORGANIZATION_ID)
      return organizationWebhookSecrets(prisma, env, organizationId);
    const hit = cache.get(organizationId);
    if (hit && now() - hit.at < WEBHOOK_SECRET_CACHE_MS) return hit.secrets;
    const secrets = organizationWebhookSecrets(prisma, env, organizationId);
    cache.set(organizationId, { at: now(), secrets });
    // A failed lookup (database down) is not remembered: the entry expires at once.
    secrets.catch(() => {
      if (cache.get(organizationId)?.secrets === secrets)
        cache.set(organizationId, { at: -Infinity, secrets });
    });
    return secrets;
  };
}
