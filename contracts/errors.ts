/**
 * The closed set of ApplicationFailure types workflows and activities fail with. Non-retryable ones are listed
 * in the activity presets' nonRetryableErrorTypes, so Temporal stops retrying them at once.
 */
export const ERROR_TYPES = {
  campaignNotFound: 'CampaignNotFound',
  exportNotFound: 'ExportNotFound',
  noEligibleLeads: 'NoEligibleLeads',
  invalidExportRequest: 'InvalidExportRequest',
  instantlyAuth: 'InstantlyAuth',
  instantlyValidation: 'InstantlyValidation',
  instantlyRateLimited: 'InstantlyRateLimited',
  instantlyUnavailable: 'InstantlyUnavailable',
  instantlyNotConfigured: 'InstantlyNotConfigured',
  /** A step ran out of time (an activity timeout after its retries): not Instantly's answer, ours. */
  timedOut: 'TimedOut',
  /** Any other failure that is not an ApplicationFailure (a failed child start, a bug in workflow code). */
  internal: 'InternalError',
  /** A subscriber did not answer 2xx; retryable (already-delivered pairs are skipped on retry). */
  subscriberDeliveryFailed: 'SubscriberDeliveryFailed',
} as const;

export type ErrorType = (typeof ERROR_TYPES)[keyof typeof ERROR_TYPES];

export const NON_RETRYABLE_ERROR_TYPES: ErrorType[] = [
  ERROR_TYPES.campaignNotFound,
  ERROR_TYPES.exportNotFound,
  ERROR_TYPES.noEligibleLeads,
  ERROR_TYPES.invalidExportRequest,
  ERROR_TYPES.instantlyAuth,
  ERROR_TYPES.instantlyValidation,
  ERROR_TYPES.instantlyNotConfigured,
];

/** Longest piece of a caller's input a failure message may quote. */
export const MAX_QUOTED_INPUT = 40;

/**
 * A caller's value for a failure message, cut to MAX_QUOTED_INPUT characters: messages reach Temporal history
 * and API answers, and a 3 MB `template` must not travel with them.
 */
export function quoteInput(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  if (text.length <= MAX_QUOTED_INPUT) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, MAX_QUOTED_INPUT))}… (${text.length} characters)`;
}
