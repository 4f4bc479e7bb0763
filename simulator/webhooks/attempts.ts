import { setTimeout as delay } from 'node:timers/promises';
import { isoNow, uuidv7 } from '../core/ids';
import type { WorkspaceState } from '../state/workspace';
import type { DeliveryLogEntry, WebhookPayload, WebhookRecord } from '../types';
import type { WebhookFaults } from './faults';
import { postOnce, type AttemptResult } from './post';

/**
 * Retry policy. Instantly's real retry count, back-off and timeout are UNCONFIRMED (§5.4); these are the
 * simulator's knobs (tiny in tests).
 */
export interface DeliveryConfig {
  /** Retries after the first attempt. */
  retries: number;
  /** Back-off before retry n is `retryDelayMs * 2^(n-1)`. */
  retryDelayMs: number;
  timeoutMs: number;
  /** Consecutive failed attempts after which the webhook is disabled (status -1) until resumed. */
  autoDisableAfterFailures: number;
}

/** One payload to one webhook. */
export interface DeliveryJob {
  ws: WorkspaceState;
  webhookId: string;
  payload: WebhookPayload;
}

/** How a job ended. */
export type JobOutcome = 'delivered' | 'failed' | 'not-delivered';

function entry(
  job: DeliveryJob,
  hook: WebhookRecord | undefined,
  group: string,
  attempt: number,
  r: AttemptResult,
): DeliveryLogEntry {
  const lead = job.payload.lead_email;
  return {
    id: uuidv7(),
    timestamp_created: isoNow(),
    organization_id: job.ws.id,
    webhook_id: job.webhookId,
    webhook_url: hook?.target_hook_url ?? '',
    event_type: job.payload.event_type,
    campaign_id: job.payload.campaign_id,
    lead_email: typeof lead === 'string' ? lead : null,
    payload: job.payload,
    success: r.ok,
    status_code: r.status,
    error_message: r.error,
    response_time_ms: r.status === null && !r.ok ? null : r.ms,
    retry_count: attempt,
    will_retry: false,
    timestamp_next_retry: null,
    retry_group_id: group,
    retry_successful: attempt > 0 ? r.ok : null,
  };
}

function blocked(hook: WebhookRecord | undefined, faults: WebhookFaults): string | null {
  if (!hook) return 'Webhook was deleted; not delivered';
  if (hook.status !== 1)
    return 'Webhook is disabled after repeated delivery failures (POST /webhooks/{id}/resume); not delivered';
  if (!faults.get().deliveryEnabled)
    return 'Delivery disabled by the simulator (webhookFaults.deliveryEnabled=false); not delivered';
  return null;
}

function recordFailure(ws: WorkspaceState, hook: WebhookRecord, threshold: number): void {
  const failures = (ws.webhookFailures.get(hook.id) ?? 0) + 1;
  ws.webhookFailures.set(hook.id, failures);
  if (failures >= threshold && hook.status === 1) {
    hook.status = -1;
    hook.timestamp_error = isoNow();
  }
}

async function attemptOnce(
  hook: WebhookRecord,
  job: DeliveryJob,
  cfg: DeliveryConfig,
  faults: WebhookFaults,
  signal: AbortSignal,
): Promise<AttemptResult> {
  if (faults.consumeFailure())
    return { ok: false, status: null, ms: 0, error: 'Simulated delivery failure (webhookFaults.failNext)' };
  return postOnce(hook.target_hook_url, hook.headers, job.payload, cfg.timeoutMs, signal);
}

/** Delivers one job with retries, logging every attempt in the workspace delivery log. */
export async function runDelivery(
  job: DeliveryJob,
  cfg: DeliveryConfig,
  faults: WebhookFaults,
  signal: AbortSignal,
): Promise<JobOutcome> {
  const group = uuidv7();
  for (let attempt = 0; ; attempt += 1) {
    const hook = job.ws.webhooks.get(job.webhookId);
    const reason = blocked(hook, faults);
    if (reason !== null || !hook) {
      job.ws.deliveries.push(
        entry(job, hook, group, attempt, { ok: false, status: null, ms: 0, error: reason }),
      );
      return 'not-delivered';
    }
    const result = await attemptOnce(hook, job, cfg, faults, signal);
    const log = entry(job, hook, group, attempt, result);
    job.ws.deliveries.push(log);
    if (result.ok) {
      job.ws.webhookFailures.set(hook.id, 0);
      return 'delivered';
    }
    recordFailure(job.ws, hook, cfg.autoDisableAfterFailures);
    const wait = cfg.retryDelayMs * 2 ** attempt;
    if (attempt >= cfg.retries || hook.status !== 1 || signal.aborted) return 'failed';
    Object.assign(log, { will_retry: true, timestamp_next_retry: new Date(Date.now() + wait).toISOString() });
    try {
      await delay(wait, undefined, { signal });
    } catch {
      return 'failed';
    }
  }
}
