import { ApplicationFailure } from '@temporalio/activity';
import { ERROR_TYPES } from '../contracts/errors';
import { isInstantlyApiError, isInstantlyClientError } from '../lib/instantly';
import { isInstantlyMappingError } from '../lib/instantly/mapping';
import { InstantlyNotConfiguredError } from '../lib/instantly-accounts';

/**
 * Turns an Instantly client error into the typed failure Temporal should act on:
 * 400/404/422 → InstantlyValidation (non-retryable), 401/403 → InstantlyAuth (non-retryable),
 * 429 → InstantlyRateLimited (retryable, nextRetryDelay = Retry-After), 5xx/network → InstantlyUnavailable
 * (retryable even for writes the client marks non-retryable: every caller makes its write safe to repeat —
 * campaign creation looks its tag up first, batch uploads reconcile with the campaign's leads first).
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof InstantlyNotConfiguredError) {
    return ApplicationFailure.nonRetryable(err.message, ERROR_TYPES.instantlyNotConfigured);
  }
  if (isInstantlyMappingError(err)) {
    return ApplicationFailure.nonRetryable(err.message, ERROR_TYPES.invalidExportRequest);
  }
  if (isInstantlyClientError(err))
    return ApplicationFailure.nonRetryable(err.message, ERROR_TYPES.instantlyValidation);
  if (!isInstantlyApiError(err)) return err;
  const message = `Instantly ${err.method} ${err.path} → ${err.status || 'network error'}: ${err.instantlyMessage}`;
  if (err.status === 401 || err.status === 403 || err.status === 402) {
    return ApplicationFailure.nonRetryable(message, ERROR_TYPES.instantlyAuth);
  }
  if (err.status === 429) {
    return ApplicationFailure.create({
      message,
      type: ERROR_TYPES.instantlyRateLimited,
      nextRetryDelay: err.retryAfterMs ?? undefined,
    });
  }
  if (err.status >= 400 && err.status < 500)
    return ApplicationFailure.nonRetryable(message, ERROR_TYPES.instantlyValidation);
  return ApplicationFailure.retryable(message, ERROR_TYPES.instantlyUnavailable);
}

/** Runs fn, rethrowing Instantly errors as typed activity failures. */
export async function instantlyCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toActivityFailure(err);
  }
}
