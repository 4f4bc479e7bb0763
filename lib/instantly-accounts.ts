import { DEFAULT_ORGANIZATION_ID } from '../contracts/organization';
import { decryptSecret, encryptSecret } from './crypto';
import type { Env } from './env';
import { createInstantlyClient, type InstantlyClient } from './instantly';
import type { PrismaClient } from './prisma';

/** Raised when an organization has no Instantly API key stored and INSTANTLY_API_KEY is unset. */
export class InstantlyNotConfiguredError extends Error {
  override name = 'InstantlyNotConfiguredError';
}

export interface InstantlyAccounts {
  /** The client for an organization's workspace (its stored key, else INSTANTLY_API_KEY). */
  forOrganization(organizationId?: string): Promise<InstantlyClient>;
  /** Stores (encrypted) an organization's API key; returns its last 4 characters. */
  saveApiKey(organizationId: string, apiKey: string): Promise<{ last4: string }>;
}

/**
 * Resolves Instantly clients per organization. Keys are decrypted only here, in memory, and never logged or
 * passed through Temporal. Clients are cached per key so the per-workspace rate governor is shared.
 */
export function createInstantlyAccounts(deps: { prisma: PrismaClient; env: Env }): InstantlyAccounts {
  const { prisma, env } = deps;
  const cache = new Map<string, InstantlyClient>();
  const clientFor = (apiKey: string) => {
    let client = cache.get(apiKey);
    if (!client) {
      client = createInstantlyClient({ apiKey, baseUrl: env.INSTANTLY_API_URL });
      cache.set(apiKey, client);
    }
    return client;
  };
  return {
    async forOrganization(organizationId = DEFAULT_ORGANIZATION_ID) {
      const settings = await prisma.instantlySettings.findUnique({ where: { organizationId } });
      if (settings?.apiKeyEncrypted) {
        return clientFor(
          decryptSecret(settings.apiKeyEncrypted, env.SETTINGS_ENCRYPTION_KEY, organizationId),
        );
      }
      if (env.INSTANTLY_API_KEY) return clientFor(env.INSTANTLY_API_KEY);
      throw new InstantlyNotConfiguredError(
        `no Instantly API key for organization ${organizationId}: PUT /api/settings/instantly or set INSTANTLY_API_KEY`,
      );
    },
    async saveApiKey(organizationId, apiKey) {
      const apiKeyEncrypted = encryptSecret(apiKey, env.SETTINGS_ENCRYPTION_KEY, organizationId);
      const last4 = apiKey.slice(-4);
      await prisma.instantlySettings.upsert({
        where: { organizationId },
        create: { organizationId, apiKeyEncrypted, apiKeyLast4: last4 },
        update: { apiKeyEncrypted, apiKeyLast4: last4 },
      });
      return { last4 };
    },
  };
}
