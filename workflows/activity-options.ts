import type { ActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_ERROR_TYPES } from '../contracts/errors';

/** Named activity presets: every activity call uses one of these. */
export const DATABASE_READ: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1s', maximumInterval: '30s', nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES },
};
