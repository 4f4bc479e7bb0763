import type { WebhookHealth } from '../../contracts/engagement';
import { DEFAULT_ORGANIZATION_ID } from '../../contracts/organization';
import { saveWebhookState, storedWebhookId } from '../../db/webhook-settings';
import { isInstantlyApiError, type InstantlyClient, type Webhook } from '../instantly';
import type { PrismaClient } from '../prisma';
import { ensureOrganizationWebhookSecret, type WebhookSecretEnv } from './webhook-secrets';

export { saveWebhookState } from '../../db/webhook-settings';

/** The header Instantly sends with every delivery: the organization's webhook secret (Instantly signs nothing). */
export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';

/**
 * An organization's intake URL as Instantly must call it: the path names the organization, so a delivery is
 * checked against that organization's secret and applied only to its exports. The default organization keeps
 * the path it had before organizations existed (webhooks registered then keep working).
 */
export const intakeUrl = (publicUrl: string, organizationId: string = DEFAULT_ORGANIZATION_ID): string =>
  `${publicUrl.replace(/\/$/, '')}/api/webhooks/instantly${
    organizationId === DEFAULT_ORGANIZATION_ID ? '' : `/${organizationId}`
  }`;

/**
 * Where and with which secret an organization's Instantly webhook must deliver: its intake URL and its current
 * secret (created on first use for organizations other than the default, whose secret is WEBHOOK_SECRET).
 * What the registration route and every sync's health check use, so both register the same thing.
 */
export async function webhookTarget(
  prisma: PrismaClient,
  env: WebhookSecretEnv & { PUBLIC_URL: string },
  organizationId: string,
): Promise<{ targetUrl: string; secret: string }> {
  return {
    targetUrl: intakeUrl(env.PUBLIC_URL, organizationId),
    secret: await ensureOrganizationWebhookSecret(prisma, env, organizationId),
  };
}

/** active unless Instantly reports a status other than 1 (the simulator uses -1 = disabled after failures). */
export function isActive(hook: Webhook): boolean {
  return hook.status === null || hook.status === undefined || hook.status === 1;
}

/**
 * The workspace's one `all_events` webhook to our intake: the stored id first (404 = gone), else the first
 * webhook whose target is our URL. null when there is none.
 */
export async function findWorkspaceWebhook(
  client: InstantlyClient,
  opts: { knownId: string | null | undefined; targetUrl: string },
): Promise<Webhook | null> {
  if (opts.knownId) {
    try {
      const hook = await client.getWebhook(opts.knownId);
      if (hook.target_hook_url === opts.targetUrl) return hook;
    } catch (err) {
      if (!(isInstantlyApiError(err) && err.status === 404)) throw err;
    }
  }
  for await (const hook of client.iterateWebhooks({ limit: 100 })) {
    if (hook.target_hook_url === opts.targetUrl && hook.event_type === 'all_events') return hook;
  }
  return null;
}

/** Resumes a disabled webhook; says whether it had to. */
export async function resumeIfDisabled(
  client: InstantlyClient,
  hook: Webhook,
): Promise<{ hook: Webhook; resumed: boolean }> {
  if (isActive(hook)) return { hook, resumed: false };
  return { hook: await client.resumeWebhook(hook.id), resumed: true };
}

/**
 * Makes the webhook send `secret` in its x-webhook-secret header (PATCH when it differs): how a rotated
 * WEBHOOK_SECRET reaches Instantly. Until then deliveries carry the old one, which the intake accepts while it
 * is WEBHOOK_SECRET_PREVIOUS.
 */
export async function ensureSecretHeader(
  client: InstantlyClient,
  hook: Webhook,
  secret: string,
): Promise<{ hook: Webhook; updated: boolean }> {
  if (hook.headers?.[WEBHOOK_SECRET_HEADER] === secret) return { hook, updated: false };
  return {
    hook: await client.patchWebhook(hook.id, { headers: { [WEBHOOK_SECRET_HEADER]: secret } }),
    updated: true,
  };
}

/**
 * Checks the organization's webhook (the one delivering to its intake URL), resumes it when Instantly disabled
 * it after delivery failures and, given the current `secret`, re-registers its header when the secret was
 * rotated. Never throws for Instantly trouble: health is a report, and the poll must go on (status 'unknown').
 */
export async function checkWebhookHealth(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { organizationId: string; publicUrl: string; now?: Date; secret?: string },
): Promise<WebhookHealth> {
  const checkedAt = (opts.now ?? new Date()).toISOString();
  const webhookId = await storedWebhookId(prisma, opts.organizationId);
  let health: WebhookHealth;
  try {
    const hook = await findWorkspaceWebhook(client, {
      knownId: webhookId,
      targetUrl: intakeUrl(opts.publicUrl, opts.organizationId),
    });
    if (!hook) {
      health = { webhookId: null, status: 'missing', checkedAt };
    } else {
      const { resumed } = await resumeIfDisabled(client, hook);
      if (opts.secret !== undefined) await ensureSecretHeader(client, hook, opts.secret);
      health = { webhookId: hook.id, status: resumed ? 'resumed' : 'active', checkedAt };
    }
  } catch {
    return { webhookId, status: 'unknown', checkedAt };
  }
  if (health.status !== 'missing' || webhookId) await saveWebhookState(prisma, opts.organizationId, health);
  return health;
}
