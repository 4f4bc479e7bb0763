import { Router, type RequestHandler } from 'express';
import type { WebhookHealth } from '../../contracts/engagement';
import { findInstantlySettings } from '../../db/organizations';
import {
  ensureSecretHeader,
  findWorkspaceWebhook,
  isActive,
  resumeIfDisabled,
  saveWebhookState,
  WEBHOOK_SECRET_HEADER,
  webhookTarget,
} from '../../lib/engagement/webhook-registration';
import {
  isInstantlyApiError,
  isInstantlyClientError,
  type InstantlyClient,
  type Webhook,
} from '../../lib/instantly';
import { InstantlyNotConfiguredError } from '../../lib/instantly-accounts';
import { organizationOf } from '../context';
import type { ApiDeps } from '../deps';
import { HttpError } from '../errors';

/** Instantly trouble as an HTTP answer: 409 not configured, 502 anything Instantly refused or failed. */
function instantlyFailure(err: unknown): unknown {
  if (err instanceof InstantlyNotConfiguredError)
    return new HttpError(409, 'instantly_not_configured', err.message);
  if (isInstantlyApiError(err) || isInstantlyClientError(err)) {
    const status = isInstantlyApiError(err) ? err.status : undefined;
    return new HttpError(502, 'instantly_error', err.message, { instantlyStatus: status });
  }
  return err;
}

/** Finds our workspace webhook, or creates it; keeps its secret header current. */
async function ensureWebhook(
  client: InstantlyClient,
  opts: { knownId: string | null | undefined; targetUrl: string; secret: string },
): Promise<{ hook: Webhook; created: boolean }> {
  const headers = { [WEBHOOK_SECRET_HEADER]: opts.secret };
  const found = await findWorkspaceWebhook(client, opts);
  if (!found) {
    const hook = await client.createWebhook({
      target_hook_url: opts.targetUrl,
      event_type: 'all_events',
      name: 'Instantly Bridge engagement',
      headers,
    });
    return { hook, created: true };
  }
  return { hook: (await ensureSecretHeader(client, found, opts.secret)).hook, created: false };
}

/**
 * POST /api/settings/instantly/webhook (alias: the older POST /api/instantly/webhooks) — registers (or finds)
 * the caller's organization's ONE `all_events` webhook in its Instantly workspace, pointing at the
 * organization's intake URL with its x-webhook-secret header, resumes it when Instantly disabled it, runs
 * Instantly's test delivery and records id/status on the organization's settings. (Receiving is
 * POST /api/webhooks/instantly, a different route.)
 * 201 when created, 200 when it existed: `{ webhookId, status, created, resumed, targetUrl, test }`.
 */
export function instantlyWebhookRoutes(deps: ApiDeps): Router {
  const { prisma, instantly } = deps;
  const router = Router();
  const register: RequestHandler = async (_req, res) => {
    const organizationId = organizationOf(res);
    const { targetUrl, secret } = await webhookTarget(deps.prisma, deps.env, organizationId);
    const settings = await findInstantlySettings(prisma, organizationId);
    try {
      const client = await instantly.forOrganization(organizationId);
      const ensured = await ensureWebhook(client, { knownId: settings?.webhookId, targetUrl, secret });
      const { hook, resumed } = await resumeIfDisabled(client, ensured.hook);
      const test = await client.testWebhook(hook.id);
      const status: WebhookHealth['status'] = isActive(hook) ? (resumed ? 'resumed' : 'active') : 'disabled';
      await saveWebhookState(prisma, organizationId, {
        webhookId: hook.id,
        status,
        checkedAt: new Date().toISOString(),
      });
      res.status(ensured.created ? 201 : 200).json({
        webhookId: hook.id,
        status: isActive(hook) ? 'active' : 'disabled',
        created: ensured.created,
        resumed,
        targetUrl,
        test: {
          success: test.success ?? null,
          statusCode: test.status_code ?? null,
          responseTimeMs: test.response_time_ms ?? null,
          message: test.message ?? null,
          error: test.error ?? null,
        },
      });
    } catch (err) {
      throw instantlyFailure(err);
    }
  };
  router.post('/settings/instantly/webhook', register);
  router.post('/instantly/webhooks', register);
  return router;
}
