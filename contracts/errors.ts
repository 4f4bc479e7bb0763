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
  ambiguousCampaign: 'AmbiguousInstantlyCampaign',
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
  ERROR_TYPES.ambiguousCampaign,
];
