import { decryptSecret, encryptSecret } from './crypto';

/**
 * Subscription signing secrets are stored sealed (AES-256-GCM, the settings key) in
 * event_subscriptions.secret_sealed, bound to their (organization, targetUrl) so a value copied to another row
 * does not decrypt. Rows written before that keep the clear value in `secret` until first use re-seals them.
 */
export const subscriptionSecretAad = (organizationId: string, targetUrl: string): string =>
  `event-subscription\u0000${organizationId}\u0000${targetUrl}`;

/** The clear secret of a row: the sealed column when set, else the legacy clear column. */
export function openSubscriptionSecret(
  row: { organization_id: string; target_url: string; secret: string | null; secret_sealed: string | null },
  key: string,
): string {
  if (row.secret_sealed !== null) {
    return decryptSecret(row.secret_sealed, key, subscriptionSecretAad(row.organization_id, row.target_url));
  }
  if (row.secret === null) throw new Error('subscription has no secret');
  return row.secret;
}

/** Seals a legacy clear secret (for the lazy re-encryption of rows stored before sealing). */
export const sealSubscriptionSecret = (
  organizationId: string,
  targetUrl: string,
  secret: string,
  key: string,
): string => encryptSecret(secret, key, subscriptionSecretAad(organizationId, targetUrl));
