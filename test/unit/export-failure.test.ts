import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  RetryState,
  TimeoutFailure,
} from '@temporalio/common';
import { ERROR_TYPES } from '../../contracts/errors';
import { describeFailure } from '../../workflows/export-failure';

const activityFailure = (cause: Error) =>
  new ActivityFailure(
    'activity failed',
    'uploadLeadBatch',
    '7',
    RetryState.MAXIMUM_ATTEMPTS_REACHED,
    undefined,
    cause,
  );

describe("describeFailure: what a failed export's result says", () => {
  it("keeps an activity's ApplicationFailure type and message", () => {
    const cause = ApplicationFailure.retryable(
      'Instantly POST /leads/add → 503: down',
      ERROR_TYPES.instantlyUnavailable,
    );
    expect(describeFailure(activityFailure(cause))).toEqual({
      type: 'InstantlyUnavailable',
      message: 'Instantly POST /leads/add → 503: down',
    });
    const direct = ApplicationFailure.nonRetryable('nothing to export', ERROR_TYPES.noEligibleLeads);
    expect(describeFailure(direct)).toEqual({ type: 'NoEligibleLeads', message: 'nothing to export' });
  });

  it('reports an activity timeout as TimedOut, not as an Instantly outage', () => {
    const timeout = new TimeoutFailure('activity StartToClose timeout', undefined, 'START_TO_CLOSE');
    expect(describeFailure(activityFailure(timeout))).toEqual({
      type: ERROR_TYPES.timedOut,
      message: 'activity uploadLeadBatch timed out (START_TO_CLOSE)',
    });
  });

  it('reports a failed child start or a workflow bug as InternalError, naming where', () => {
    const child = new ChildWorkflowFailure(
      'default',
      { workflowId: 'engagement/x', runId: 'r' },
      'campaignEngagementWorkflow',
      RetryState.NON_RETRYABLE_FAILURE,
      new Error('start refused'),
    );
    expect(describeFailure(child)).toEqual({
      type: ERROR_TYPES.internal,
      message: 'child workflow campaignEngagementWorkflow failed: start refused',
    });
    expect(describeFailure(new TypeError("cannot read 'x' of undefined"))).toEqual({
      type: ERROR_TYPES.internal,
      message: "export workflow failed: cannot read 'x' of undefined",
    });
    expect(describeFailure('a string')).toEqual({
      type: 'InternalError',
      message: 'export workflow failed: a string',
    });
    expect(describeFailure(activityFailure(new Error('boom'))).type).not.toBe(
      ERROR_TYPES.instantlyUnavailable,
    );
  });
});
