import type { PrivateTargetPolicy } from '../lib/outbound/address-policy';
import type { HostResolver } from '../lib/outbound/target';
import { sealLegacySecret } from '../db/event-deliveries';
import type { PrismaClient } from '../lib/prisma';
import { openSubscriptionSecret, sealSubscriptionSecret } from '../lib/subscription-secret';

/** The subscription columns a delivery needs to open its signing secret. */
type SecretRow = {
  subscription_id: string;
  organization_id: string;
  target_url: string;
  secret: string | null;
  secret_sealed: string | null;
};

/** Where deliveries may go and how secrets are opened (from the worker's env; tests inject a resolver). */
export interface DeliverySettings {
  policy: PrivateTargetPolicy;
  encryptionKey: string;
  resolve?: HostResolver;
}

/** DeliverySettings from activity dependencies. */
export const deliverySettings = (deps: {
  env: { SUBSCRIPTION_ALLOW_PRIVATE_TARGETS: PrivateTargetPolicy; SETTINGS_ENCRYPTION_KEY: string };
  resolveHost?: HostResolver;
}): DeliverySettings => ({
  policy: deps.env.SUBSCRIPTION_ALLOW_PRIVATE_TARGETS,
  encryptionKey: deps.env.SETTINGS_ENCRYPTION_KEY,
  ...(deps.resolveHost ? { resolve: deps.resolveHost } : {}),
});

/** Opens each subscription's secret once per pass; a legacy clear one is sealed in place on first use. */
export function secretOpener(prisma: PrismaClient, key: string) {
  const opened = new Map<string, Promise<string>>();
  const open = async (p: SecretRow): Promise<string> => {
    const secret = openSubscriptionSecret(p, key);
    if (p.secret_sealed === null) {
      await sealLegacySecret(
        prisma,
        p.subscription_id,
        secret,
        sealSubscriptionSecret(p.organization_id, p.target_url, secret, key),
      );
    }
    return secret;
  };
  return (p: SecretRow): Promise<string> => {
    let s = opened.get(p.subscription_id);
    if (!s) opened.set(p.subscription_id, (s = open(p)));
    return s;
  };
}
