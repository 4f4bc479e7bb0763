import type { WebhookHealth } from '../contracts/engagement';
import type { PrismaClient } from '../lib/prisma';

// An organization's Instantly webhook as we know it: the registered webhook's id and health, and its sealed
// secrets (lib/engagement/webhook-secrets.ts seals and opens them).

/** The sealed webhook secrets of an organization (null when none was ever set). */
export interface SealedWebhookSecrets {
  current: string | null;
  previous: string | null;
}

/** The stored webhook id of an organization (null when none). */
export async function storedWebhookId(prisma: PrismaClient, organizationId: string): Promise<string | null> {
  const row = await prisma.instantlySettings.findUnique({
    where: { organizationId },
    select: { webhookId: true },
  });
  return row?.webhookId ?? null;
}

/** Records the webhook's id and status on the organization's settings row (created when missing). */
export async function saveWebhookState(
  prisma: PrismaClient,
  organizationId: string,
  health: WebhookHealth,
): Promise<void> {
  const data = {
    webhookId: health.webhookId,
    webhookStatus: health.status,
    webhookCheckedAt: new Date(health.checkedAt),
  };
  await prisma.instantlySettings.upsert({
    where: { organizationId },
    create: { organizationId, ...data },
    update: data,
  });
}

/** The organization's sealed webhook secrets; null when the organization has no settings row. */
export async function sealedWebhookSecrets(
  prisma: PrismaClient,
  organizationId: string,
): Promise<SealedWebhookSecrets | null> {
  const row = await prisma.instantlySettings.findUnique({
    where: { organizationId },
    select: { webhookSecretEncrypted: true, webhookSecretPreviousEncrypted: true },
  });
  return row && { current: row.webhookSecretEncrypted, previous: row.webhookSecretPreviousEncrypted };
}

/**
 * Stores sealed secrets. `expectedCurrent` makes it a compare-and-set: two registrations racing to create the
 * first secret, or to rotate, cannot both win (the loser re-reads). `changed`: another writer came first.
 */
export async function storeWebhookSecrets(
  prisma: PrismaClient,
  organizationId: string,
  sealed: SealedWebhookSecrets,
  expectedCurrent: string | null,
): Promise<'stored' | 'changed' | 'unknown_organization'> {
  const data = {
    webhookSecretEncrypted: sealed.current,
    webhookSecretPreviousEncrypted: sealed.previous,
  };
  const organization = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { id: true },
  });
  if (!organization) return 'unknown_organization';
  await prisma.instantlySettings.upsert({
    where: { organizationId },
    create: { organizationId },
    update: {},
  });
  const { count } = await prisma.instantlySettings.updateMany({
    where: { organizationId, webhookSecretEncrypted: expectedCurrent },
    data,
  });
  return count === 1 ? 'stored' : 'changed';
}
