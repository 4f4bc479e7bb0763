import type { WebhookHealth } from '../../contracts/engagement';
import { isInstantlyApiError, type InstantlyClient, type Webhook } from '../instantly';
import type { PrismaClient } from '../prisma';

/** The header Instantly sends with every delivery; its value is WEBHOOK_SECRET (Instantly signs nothing). */
export const WEBHOOK_SECRET_HEADER = 'x-webhook-secret';

/** Our intake URL as Instantly must call it. */
export const intakeUrl = (publicUrl: string): string =>
  `${publicUrl.replace(/\/$/, '')}/api/webhooks/instantly`;

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

/**
 * Checks the workspace webhook and resumes it when Instantly disabled it after delivery failures. Never throws
 * for Instantly trouble: health is a report, and the poll must go on (status 'unknown').
 */
export async function checkWebhookHealth(
  prisma: PrismaClient,
  client: InstantlyClient,
  opts: { organizationId: string; publicUrl: string; now?: Date },
): Promise<WebhookHealth> {
  const checkedAt = (opts.now ?? new Date()).toISOString();
  const settings = await prisma.instantlySettings.findUnique({
    where: { organizationId: opts.organizationId },
  });
  let health: WebhookHealth;
  try {
    const hook = await findWorkspaceWebhook(client, {
      knownId: settings?.webhookId,
      targetUrl: intakeUrl(opts.publicUrl),
    });
    if (!hook) {
      health = { webhookId: null, status: 'missing', checkedAt };
    } else {
      const { resumed } = await resumeIfDisabled(client, hook);
      health = { webhookId: hook.id, status: resumed ? 'resumed' : 'active', checkedAt };
    }
  } catch {
    return { webhookId: settings?.webhookId ?? null, status: 'unknown', checkedAt };
  }
  if (health.status !== 'missing' || settings?.webhookId)
    await saveWebhookState(prisma, opts.organizationId, health);
  return health;
}
