import { isoNow, uuidv7 } from '../core/ids';
import type { ApiContext } from '../context';
import { DEFAULT_SENDER } from '../story/compose';
import type { WebhookRecord } from '../types';
import { SUBSCRIPTION_EVENT_TYPES } from '../webhooks/matching';
import { postOnce } from '../webhooks/post';

const LABELS: Record<string, string> = { all_events: 'All events', email_link_clicked: 'Link clicked' };

/** `GET /webhooks/event-types` → `{event_types: [{id, label, type}]}` (label/type values are the simulator's). */
export function eventTypes(): unknown {
  return {
    event_types: SUBSCRIPTION_EVENT_TYPES.map((id) => ({
      id,
      label: LABELS[id] ?? id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      type: id === 'all_events' ? 'all' : 'standard',
    })),
  };
}

function testPayload(ctx: ApiContext, hook: WebhookRecord): Record<string, unknown> {
  const type = hook.event_type === null || hook.event_type === 'all_events' ? 'email_sent' : hook.event_type;
  const campaign = hook.campaign === null ? undefined : ctx.ws.campaigns.get(hook.campaign);
  return {
    timestamp: isoNow(),
    event_type: type === 'email_link_clicked' ? 'link_clicked' : type,
    workspace: ctx.ws.id,
    campaign_id: campaign?.id ?? '00000000-0000-0000-0000-000000000000',
    campaign_name: campaign?.name ?? 'Test campaign',
    lead_email: 'test.lead@example.com',
    email: 'test.lead@example.com',
    firstName: 'Test',
    lastName: 'Lead',
    email_account: DEFAULT_SENDER,
    step: 1,
    variant: 1,
    is_first: true,
    email_id: uuidv7(),
  };
}

/**
 * `POST /webhooks/{id}/test`: one POST of a sample payload (its real content is UNCONFIRMED; the simulator sends
 * an event of the webhook's type with a fake lead), no retries, not logged, not counted towards auto-disable.
 */
export async function testWebhook(ctx: ApiContext, hook: WebhookRecord): Promise<Record<string, unknown>> {
  const r = await postOnce(
    hook.target_hook_url,
    hook.headers,
    testPayload(ctx, hook),
    ctx.sim.delivery.timeoutMs,
    ctx.sim.signal,
  );
  const base = { success: r.ok, status_code: r.status, response_time_ms: r.ms };
  return r.ok ? { ...base, message: 'Test webhook sent successfully' } : { ...base, error: r.error };
}
