import { createHash } from 'node:crypto';
import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { decryptSecret, encryptSecret, SecretDecryptionError } from './crypto';
import type { Env } from './env';
import { createInstantlyClient, type InstantlyClient } from './instantly';
import { deploymentRateOptions } from './instantly/budget-pg';
import { LruMap } from './lru';
import type { PrismaClient } from './prisma';

/**
 * Raised when an organization has no usable Instantly API key: none stored and INSTANTLY_API_KEY unset, or the
 * stored one cannot be decrypted with SETTINGS_ENCRYPTION_KEYS. Activities turn it into a non-retryable
 * InstantlyNotConfigured failure; the API into a 409.
 */
export class InstantlyNotConfiguredError extends Error {
  override name = 'InstantlyNotConfiguredError';
}

/** The message for a stored key no key of the ring opens: what to do, never the key. */
export function undecryptableKeyMessage(organizationId: string, err: SecretDecryptionError): string {
  return (
    `the stored Instantly API key of organization ${organizationId} cannot be decrypted (${err.message}): ` +
    'add the key it was encrypted with to SETTINGS_ENCRYPTION_KEYS (after the current one) and restart, ' +
    'or store the API key again with PUT /api/settings/instantly'
  );
}

export interface InstantlyAccounts {
  /** The client for an organization's workspace (its stored key, else — default organization only — INSTANTLY_API_KEY). */
  forOrganization(organizationId?: string): Promise<InstantlyClient>;
  /** Stores (encrypted) an organization's API key; returns its last 4 characters. */
  saveApiKey(organizationId: string, apiKey: string): Promise<{ last4: string }>;
}

/** How many Instantly clients (one per distinct API key) stay cached unless told otherwise. */
export const DEFAULT_MAX_CACHED_CLIENTS = 100;

/**
 * Resolves Instantly clients per organization. Keys are decrypted only here, in memory, and never logged or
 * passed through Temporal. Every call reads the stored key, so a key saved with PUT /api/settings/instantly is
 * used from the next activity of running exports on (no restart). Clients are cached per key (so the per-workspace rate governor is shared) in an LRU
 * of `maxCachedClients`: every key ever stored or rotated would otherwise stay in memory for good. The cache
 * is indexed by the key's SHA-256, so the map does not hold the keys themselves.
 */
export function createInstantlyAccounts(deps: {
  prisma: PrismaClient;
  env: Env;
  maxCachedClients?: number;
}): InstantlyAccounts {
  const { prisma, env } = deps;
  const cache = new LruMap<string, InstantlyClient>(deps.maxCachedClients ?? DEFAULT_MAX_CACHED_CLIENTS);
  const clientFor = (apiKey: string) => {
    const id = createHash('sha256').update(apiKey).digest('base64url');
    let client = cache.get(id);
    if (!client) {
      client = createInstantlyClient({
        apiKey,
        baseUrl: env.INSTANTLY_API_URL,
        ...deploymentRateOptions(prisma, env, apiKey), // issue 15: shared rate budget + metrics
      });
      cache.set(id, client);
    }
    return client;
  };
  return {
    async forOrganization(organizationId = DEFAULT_ORGANIZATION_ID) {
      const settings = await prisma.instantlySettings.findUnique({ where: { organizationId } });
      if (settings?.apiKeyEncrypted) {
        try {
          return clientFor(
            decryptSecret(settings.apiKeyEncrypted, env.SETTINGS_ENCRYPTION_KEY, organizationId),
          );
        } catch (err) {
          if (err instanceof SecretDecryptionError)
            throw new InstantlyNotConfiguredError(undecryptableKeyMessage(organizationId, err));
          throw err;
        }
      }
      // The deployment's key is the default organization's only: another organization without a key of its own
      // must never send its leads into the default organization's Instantly workspace.
      if (env.INSTANTLY_API_KEY && organizationId === DEFAULT_ORGANIZATION_ID)
        return clientFor(env.INSTANTLY_API_KEY);
      throw new InstantlyNotConfiguredError(
        organizationId === DEFAULT_ORGANIZATION_ID
          ? `no Instantly API key for organization ${organizationId}: PUT /api/settings/instantly or set INSTANTLY_API_KEY`
          : `no Instantly API key for organization ${organizationId}: PUT /api/settings/instantly with its token`,
      );
    },
    async saveApiKey(organizationId, apiKey) {
      const apiKeyEncrypted = encryptSecret(apiKey, env.SETTINGS_ENCRYPTION_KEY, organizationId);
      const last4 = apiKey.slice(-4);
      const apiKeySetAt = new Date();
      await prisma.instantlySettings.upsert({
        where: { organizationId },
        create: { organizationId, apiKeyEncrypted, apiKeyLast4: last4, apiKeySetAt },
        update: { apiKeyEncrypted, apiKeyLast4: last4, apiKeySetAt },
      });
      return { last4 };
    },
  };
}
