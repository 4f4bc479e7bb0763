import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_ERROR_TYPES } from '../contracts/errors';

/** Named activity presets: every activity call uses one of these. */
const retry = {
  initialInterval: '1s',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
};

/** Short PostgreSQL writes. */
export const DATABASE_WRITE: ActivityOptions = { startToCloseTimeout: '1 minute', retry };

/**
 * Pre-flight checks every planned batch of a campaign and heartbeats per batch. Its input is the stored
 * request, so a failure that is not a typed non-retryable one is either a passing database hiccup or a
 * deterministic bug that no retry fixes: a few attempts (≈ 15 s of backoff) cover the first and stop the
 * second, instead of retrying for ever.
 */
export const PREFLIGHT_MAX_ATTEMPTS = 5;
export const PREFLIGHT: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { ...retry, maximumAttempts: PREFLIGHT_MAX_ATTEMPTS },
};

/** One Instantly call plus its bookkeeping; 429s come back with nextRetryDelay = Retry-After. */
export const INSTANTLY_CALL: ActivityOptions = {
  startToCloseTimeout: '3 minutes',
  retry: { ...retry, maximumAttempts: 30 },
};

/**
 * One batch upload. The heartbeat timeout bounds how long a batch on a dead worker waits before it is retried
 * elsewhere (the retry reconciles with Instantly before sending anything).
 */
export const UPLOAD_BATCH: ActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '20 seconds',
  // On cancellation, wait for a batch in flight to finish (and record what Instantly created) before the
  // export's result is counted; a batch in retry back-off is cancelled at once and reconciled afterwards.
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
  retry: { ...retry, maximumAttempts: 50 },
};

/** Engagement: one apply transaction (≤ 500 events); database errors retry until they clear. */
export const ENGAGEMENT_APPLY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '1s',
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/** Engagement: one analytics sync (a drift repair pages through Instantly and heartbeats); the next poll retries. */
export const ENGAGEMENT_SYNC: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: {
    initialInterval: '5s',
    maximumInterval: '2 minutes',
    maximumAttempts: 5,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/** Engagement: POSTs to subscribers; a dead subscriber is retried for about an hour, then given up on. */
export const SUBSCRIBER_DELIVERY: ActivityOptions = {
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
};

/** Reconciling a cancelled export with Instantly: pages through the campaign's leads and heartbeats. */
export const RECONCILE: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { ...retry, maximumAttempts: 10 },
};
