import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  TimeoutFailure,
} from '@temporalio/common';
import { ERROR_TYPES } from '../contracts/errors';

/**
 * What an export's result says about the failure that ended it. An ApplicationFailure (thrown by an activity,
 * typed by instantly-failures.ts or the pre-flight) keeps its type and message. Anything else is reported as
 * what it is — a timeout as TimedOut, the rest as InternalError — never as an Instantly outage: the caller
 * would otherwise wait for Instantly when the fault is ours.
 */
export function describeFailure(err: unknown): { type: string; message: string } {
  const wrapped = err instanceof ActivityFailure || err instanceof ChildWorkflowFailure;
  const cause = wrapped && err.cause ? err.cause : err;
  const step =
    err instanceof ActivityFailure
      ? `activity ${err.activityType}`
      : err instanceof ChildWorkflowFailure
        ? `child workflow ${err.workflowType}`
        : 'export workflow';
  if (cause instanceof ApplicationFailure)
    return { type: cause.type ?? 'ApplicationFailure', message: cause.message };
  if (cause instanceof TimeoutFailure)
    return { type: ERROR_TYPES.timedOut, message: `${step} timed out (${cause.timeoutType})` };
  const message = cause instanceof Error ? cause.message : String(cause);
  return { type: ERROR_TYPES.internal, message: `${step} failed: ${message}` };
}
