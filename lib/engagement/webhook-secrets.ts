import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { sealedWebhookSecrets, storeWebhookSecrets } from '../../db/webhook-settings';
import { decryptSecret, encryptSecret } from '../crypto';
import type { PrismaClient } from '../prisma';

/** What opening an organization's webhook secrets needs from the environment. */
export interface WebhookSecretEnv {
  WEBHOOK_SECRET: string;
  WEBHOOK_SECRET_PREVIOUS?: string | undefined;
  SETTINGS_ENCRYPTION_KEY: string;
}

/** The secrets a delivery to an organization's URL may carry: the current one and, during a rotation, the previous. */
export interface WebhookSecrets {
  current: string;
  previous: string | null;
}

/** Associated data of a sealed webhook secret: binds it to its organization and to this purpose. */
export const webhookSecretAad = (organizationId: string): string => `webhook-secret:${organizationId}`;

/** Constant-time string equality (hashes first, so lengths do not leak). */
export function secretEquals(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

/**
 * Which of `secrets` `presented` is: 'current', 'previous' or null (none, or no secrets). Both are compared,
 * always, in constant time — also when there are no secrets, so an unknown organization costs the same.
 */
export function whichSecret(
  presented: string,
  secrets: WebhookSecrets | null,
): 'current' | 'previous' | null {
  const current = secretEquals(presented, secrets?.current ?? '\0none');
  const previous = secretEquals(presented, secrets?.previous ?? '\0none');
  if (presented === '' || secrets === null) return null;
  if (current) return 'current';
  return secrets.previous !== null && previous ? 'previous' : null;
}

/**
 * The organization's webhook secrets: the default organization's are WEBHOOK_SECRET / WEBHOOK_SECRET_PREVIOUS
 * (configuration, as before organizations existed); any other's are stored sealed. null = the organization is
 * unknown or has none yet (its intake URL then accepts nothing).
 */
export async function organizationWebhookSecrets(
  prisma: PrismaClient,
  env: WebhookSecretEnv,
  organizationId: string,
): Promise<WebhookSecrets | null> {
  if (organizationId === DEFAULT_ORGANIZATION_ID)
    return { current: env.WEBHOOK_SECRET, previous: env.WEBHOOK_SECRET_PREVIOUS ?? null };
  const sealed = await sealedWebhookSecrets(prisma, organizationId);
  if (!sealed?.current) return null;
  const open = (s: string) => decryptSecret(s, env.SETTINGS_ENCRYPTION_KEY, webhookSecretAad(organizationId));
  return { current: open(sealed.current), previous: sealed.previous ? open(sealed.previous) : null };
}

const newSecret = (): string => randomBytes(32).toString('base64url');

/**
 * The organization's current webhook secret, created (and stored sealed) when it has none. With `rotate`, a new
 * one replaces it and the old one stays accepted as the previous until the next rotation. Not for the default
 * organization (its secret is configuration). Throws when the organization does not exist.
 */
export async function ensureOrganizationWebhookSecret(
  prisma: PrismaClient,
  env: WebhookSecretEnv,
  organizationId: string,
  opts: { rotate?: boolean } = {},
): Promise<string> {
  if (organizationId === DEFAULT_ORGANIZATION_ID) return env.WEBHOOK_SECRET;
  for (let attempt = 0; attempt < 3; attempt++) {
    const sealed = await sealedWebhookSecrets(prisma, organizationId);
    if (sealed?.current && !opts.rotate)
      return decryptSecret(sealed.current, env.SETTINGS_ENCRYPTION_KEY, webhookSecretAad(organizationId));
    const secret = newSecret();
    const next = {
      current: encryptSecret(secret, env.SETTINGS_ENCRYPTION_KEY, webhookSecretAad(organizationId)),
      previous: sealed?.current ?? null,
    };
    const stored = await storeWebhookSecrets(prisma, organizationId, next, sealed?.current ?? null);
    if (stored === 'stored') return secret;
    if (stored === 'unknown_organization') throw new Error(`organization ${organizationId} does not exist`);
    if (opts.rotate) break; // another rotation won: its secret is current
  }
  return ensureOrganizationWebhookSecret(prisma, env, organizationId);
}
